from django.contrib.auth.decorators import login_not_required
from django.urls import path

from cases.login import dev, views

app_name = "citizen"

urlpatterns = [
    path("", views.citizen_start_page, name="home"),
    path("logg-inn/", views.citizen_login, name="login"),
    path(
        "logg-inn/id-porten/", login_not_required(views.CitizenStart.as_view()), name="oidc_start"
    ),
    path(
        "logg-inn/id-porten/svar/",
        login_not_required(views.CitizenCallback.as_view()),
        name="oidc_callback",
    ),
    path("logg-inn/utvikling/", dev.dev_login, name="dev_login"),
]

# The staff's login with the municipality's own provider, beside /logg-inn/.
staff_urlpatterns = [
    path("logg-inn/sso/", login_not_required(views.StaffStart.as_view()), name="staff_oidc_start"),
    path(
        "logg-inn/sso/svar/",
        login_not_required(views.StaffCallback.as_view()),
        name="staff_oidc_callback",
    ),
]
