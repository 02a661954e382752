from django.urls import path

from plans import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("sak/<int:pk>/", views.case_plan, name="case_plan"),
]
