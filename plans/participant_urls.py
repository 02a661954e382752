"""The participant pages, for citizens and other services' participants (namespace
"participant", under /deltaker/). Plans are addressed by the plan's id, not the case's:
a participant never sees a case."""

from django.urls import path

from plans import owner_views, participant_views

app_name = "participant"

urlpatterns = [
    path("", participant_views.plan_list, name="plans"),
    path("varsler/", owner_views.notices, name="notices"),
    # Public by design (the one-time token is the key): in the URL walk test's PUBLIC set.
    path("invitasjon/<str:token>/", owner_views.invitation, name="invitation"),
    path("plan/<int:pk>/", participant_views.plan_page, name="plan"),
    path("plan/<int:pk>/pdf/", participant_views.plan_pdf, name="plan_pdf"),
    path(
        "plan/<int:pk>/mal/<int:goal_pk>/kommentar/",
        participant_views.comment_add,
        name="comment_add",
    ),
    path("plan/<int:pk>/forslag/", participant_views.proposal_add, name="proposal_add"),
    path("plan/<int:pk>/melding/", participant_views.message_send, name="message_send"),
    path(
        "plan/<int:pk>/tiltak/<int:measure_pk>/gjennomfort/",
        participant_views.measure_done,
        name="measure_done",
    ),
    path(
        "plan/<int:pk>/oppfolgingspunkt/<int:point_pk>/",
        participant_views.action_point_done,
        name="action_point_done",
    ),
    path("plan/<int:pk>/samtykker/", owner_views.consents, name="consents"),
    path("plan/<int:pk>/samtykke/", owner_views.plan_consent_give, name="plan_consent_give"),
    path(
        "plan/<int:pk>/samtykke/trekk-tilbake/",
        owner_views.plan_consent_withdraw,
        name="plan_consent_withdraw",
    ),
    path(
        "plan/<int:pk>/samtykker/<int:participant_pk>/",
        owner_views.consent_give,
        name="consent_give",
    ),
    path(
        "plan/<int:pk>/samtykker/<int:access_consent_pk>/trekk-tilbake/",
        owner_views.consent_withdraw,
        name="consent_withdraw",
    ),
    path("plan/<int:pk>/innsyn/", owner_views.access_log, name="access_log"),
]
