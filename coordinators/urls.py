from django.urls import path

from coordinators import views

app_name = "coordinators"

urlpatterns = [
    path("", views.coordinator_list, name="list"),
    path("ny/", views.coordinator_create, name="create"),
    path("<int:pk>/", views.coordinator_detail, name="detail"),
    path("<int:pk>/endre/", views.coordinator_edit, name="edit"),
    path("<int:pk>/fullfort/", views.completion_add, name="completion_add"),
    path("belastning/", views.caseload_overview, name="caseload"),
    path("opplaering/", views.training, name="training"),
    path("opplaering/kursdag/ny/", views.session_add, name="session_add"),
    path("opplaering/kursdag/<int:pk>/", views.session_detail, name="session"),
    path("opplaering/kursdag/<int:pk>/pamelding/", views.session_book, name="session_book"),
    path("opplaering/pamelding/<int:pk>/oppmote/", views.attendance_mark, name="attendance_mark"),
    path("veiledning/ny/", views.guidance_add, name="guidance_add"),
    path("sak/<int:pk>/", views.case_coordinator, name="case_coordinator"),
    path("sak/<int:pk>/onske/", views.wish_save, name="wish_save"),
    path("sak/<int:pk>/oppnevn/", views.appointment_add, name="appointment_add"),
    path(
        "sak/<int:pk>/oppnevning/<int:appointment_pk>/avslutt/",
        views.appointment_end,
        name="appointment_end",
    ),
]
