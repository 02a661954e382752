from django.urls import path

from eligibility import views

app_name = "eligibility"

urlpatterns = [
    path("sak/<int:pk>/", views.case_assessment, name="case_assessment"),
]
