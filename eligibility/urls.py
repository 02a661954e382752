from django.urls import path

from eligibility import views

app_name = "eligibility"

urlpatterns = [
    path("sak/<int:pk>/", views.case_assessment, name="case_assessment"),
    path("sak/<int:pk>/kjor/", views.assessment_run, name="run"),
    path("sak/<int:pk>/svar/", views.assessment_answer, name="answer"),
]
