from django.urls import path

from coordinators import views

app_name = "coordinators"

urlpatterns = [
    path("", views.coordinator_list, name="list"),
    path("mine-planer/", views.my_plans, name="my_plans"),
    path("sak/<int:pk>/", views.case_coordinator, name="case_coordinator"),
]
