from django.urls import path

from followup import leader_views, overview_views, views

app_name = "followup"

# Under /saker/ beside the case pages they belong with (config/urls.py).
urlpatterns = [
    path("mine/", views.dashboard, name="dashboard"),
    path("leder/", leader_views.leader_home, name="leader_home"),
    path("frister/", views.deadlines, name="deadlines"),
    path("oversikt/", overview_views.overview_page, name="overview"),
    path("oversikt/tall.csv", overview_views.overview_csv, name="overview_csv"),
    path("paminnelser/", views.reminders, name="reminders"),
    path("paminnelser/<int:pk>/lukk/", views.reminder_done, name="reminder_done"),
    path("<int:pk>/avslutt/", views.case_close, name="case_close"),
    path(
        "<int:pk>/samtykke/<int:consent_pk>/trekk/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
]
