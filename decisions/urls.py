from django.urls import path

from decisions import views

app_name = "decisions"

urlpatterns = [
    path("", views.decision_list, name="list"),
    path("sak/<int:pk>/", views.case_decisions, name="case_decisions"),
]
