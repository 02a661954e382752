from django.urls import path

from plans import calendar_views, edit_views, my_plans_views, pdf_views, team_views, views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("mine/", my_plans_views.my_plans, name="my_plans"),
    path("mine/eksport/", my_plans_views.my_plans_export, name="my_plans_export"),
    path("kalender/", calendar_views.calendar_page, name="calendar"),
    path("kalender/ny/", calendar_views.calendar_renew, name="calendar_renew"),
    path("kalender/trekk-tilbake/", calendar_views.calendar_revoke, name="calendar_revoke"),
    # Public by design (the token is the key): listed in the URL walk test's PUBLIC set.
    path("kalender/<str:token>.ics", calendar_views.calendar_feed, name="calendar_feed"),
    path("sak/<int:pk>/", views.case_plan, name="case_plan"),
    path("sak/<int:pk>/opprett/", views.plan_create, name="create"),
    path("sak/<int:pk>/endre/", edit_views.plan_edit, name="edit"),
    path("sak/<int:pk>/aktiver/", views.plan_activate, name="activate"),
    path("sak/<int:pk>/avslutt/", views.plan_close, name="close"),
    path("sak/<int:pk>/mal/", views.goal_add, name="goal_add"),
    path("sak/<int:pk>/mal/<int:goal_pk>/status/", views.goal_status, name="goal_status"),
    path("sak/<int:pk>/tiltak/", views.measure_add, name="measure_add"),
    path(
        "sak/<int:pk>/tiltak/<int:measure_pk>/status/",
        views.measure_status,
        name="measure_status",
    ),
    path("sak/<int:pk>/deltakere/", views.participant_add, name="participant_add"),
    path(
        "sak/<int:pk>/deltakere/<int:participant_pk>/fjern/",
        views.participant_remove,
        name="participant_remove",
    ),
    path(
        "sak/<int:pk>/deltakere/<int:participant_pk>/inviter/",
        team_views.participant_invite,
        name="participant_invite",
    ),
    path(
        "sak/<int:pk>/deltakere/<int:participant_pk>/samtykke/",
        team_views.consent_record,
        name="consent_record",
    ),
    path(
        "sak/<int:pk>/samtykke/<int:access_consent_pk>/trekk-tilbake/",
        team_views.consent_revoke,
        name="consent_revoke",
    ),
    path("sak/<int:pk>/samarbeid/", team_views.together, name="together"),
    path("sak/<int:pk>/mote/", views.meeting_add, name="meeting_add"),
    path(
        "sak/<int:pk>/oppfolgingspunkt/<int:point_pk>/",
        views.action_point_done,
        name="action_point_done",
    ),
    path("sak/<int:pk>/evaluering/", views.evaluation_add, name="evaluation_add"),
    path("sak/<int:pk>/historikk/", views.plan_history_page, name="history"),
    path("sak/<int:pk>/pdf/", pdf_views.plan_pdf, name="pdf"),
]
