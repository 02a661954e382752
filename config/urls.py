from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView
from mozilla_django_oidc.views import OIDCLogoutView

from cases.login.urls import staff_urlpatterns
from cases.login.views import StaffLoginView
from config import views as config_views
from config.health import Health
from followup import views as followup_views

admin.site.site_header = "Koordinerende enhet – administrasjon"
admin.site.site_title = "KE-administrasjon"
admin.site.index_title = "Administrasjon"

urlpatterns = [
    path("", followup_views.home, name="home"),
    path("logg-inn/", StaffLoginView.as_view(), name="login"),
    *staff_urlpatterns,
    # Ends the provider's session too where the user logged in there (OIDC_OP_LOGOUT_URL_METHOD).
    path("logg-ut/", OIDCLogoutView.as_view(), name="logout"),
    path(
        "passord/",
        auth_views.PasswordChangeView.as_view(success_url="/passord/endret/"),
        name="password_change",
    ),
    path(
        "passord/endret/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"
    ),
    path("innbygger/", include("cases.login.urls")),
    path("sesjon/fortsett/", config_views.session_keepalive, name="session_keepalive"),
    path("saker/", include("followup.urls")),
    path("saker/", include("cases.urls")),
    path("vurdering/", include("eligibility.urls")),
    path("koordinatorer/", include("coordinators.urls")),
    path("planer/", include("plans.urls")),
    path("deltaker/", include("plans.participant_urls")),
    path("vedtak/", include("decisions.urls")),
    path("admin/", admin.site.urls),
    path("helse/", Health.as_view(), name="health"),
    path("favicon.ico", RedirectView.as_view(url="/static/img/favicon.svg", permanent=True)),
]

handler400 = "config.views.bad_request"
handler403 = "config.views.permission_denied"
handler404 = "config.views.page_not_found"
handler500 = "config.views.server_error"
