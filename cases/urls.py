from django.urls import path

from cases import edit_views, lifecycle_views, views

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("ny/soknad/", views.case_register, {"origin": "soknad"}, name="register_application"),
    path("ny/melding/", views.case_register, {"origin": "melding"}, name="register_notification"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/endre/", views.case_edit, name="edit"),
    path("<int:pk>/gjenapne/", lifecycle_views.case_reopen, name="reopen"),
    path("<int:pk>/flytt/", lifecycle_views.case_move, name="move"),
    path("overfor/", lifecycle_views.hand_over, name="hand_over"),
    path("<int:pk>/tjenester/", views.case_services, name="services"),
    path("<int:pk>/tjenester/ny/", views.case_service_add, name="service_add"),
    path(
        "<int:pk>/tjenester/<int:service_pk>/endre/", edit_views.service_edit, name="service_edit"
    ),
    path(
        "<int:pk>/tjenester/<int:service_pk>/fjern/",
        edit_views.service_remove,
        name="service_remove",
    ),
    path("<int:pk>/person/endre/", edit_views.person_edit, name="person_edit"),
    path("<int:pk>/relasjoner/ny/", views.relation_add, name="relation_add"),
    path(
        "<int:pk>/relasjoner/<int:relation_pk>/endre/",
        edit_views.relation_edit,
        name="relation_edit",
    ),
    path(
        "<int:pk>/relasjoner/<int:relation_pk>/fjern/",
        edit_views.relation_remove,
        name="relation_remove",
    ),
    path("<int:pk>/samtykke/", views.case_consents, name="consent"),
    path("<int:pk>/samtykke/nytt/", views.consent_add, name="consent_add"),
    path("<int:pk>/samtykke/ett-er-nok/", views.consent_enough, name="consent_enough"),
    path("<int:pk>/journal/", views.case_timeline, name="timeline"),
    path("<int:pk>/journal/nytt/", views.timeline_add, name="timeline_add"),
    path("personer/<int:pk>/", views.person_detail, name="person_detail"),
    path("tilgangslogg/", views.access_log, name="access_log"),
]
