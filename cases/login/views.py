"""Login pages: mozilla-django-oidc's views, once per provider, and the citizen's pages."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import auth
from django.contrib.auth.decorators import login_not_required, login_required
from django.contrib.auth.views import LoginView
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.views.decorators.http import require_http_methods
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from cases import citizen_home
from cases.login.accounts import is_citizen
from cases.login.backends import provider_settings

# The session remembers which provider logged the user in, for logout.
SESSION_PROVIDER = "ke_login_provider"

REFUSALS = {
    "acr": (
        "Innloggingen hadde for lavt sikkerhetsnivå. Logg inn med BankID, Buypass eller "
        "MinID på nivå betydelig eller høyt."
    ),
    "unknown": (
        "Vi fant deg ikke blant personene eller de pårørende vi har registrert. Ta kontakt "
        "med koordinerende enhet hvis du mener du skal ha tilgang."
    ),
    "mfa": "Innloggingen må bruke tofaktorautentisering. Logg inn på nytt med to faktorer.",
}
REFUSED_OTHERWISE = "Innloggingen ble avbrutt eller kunne ikke fullføres. Prøv igjen."


class _ProviderViewMixin:
    provider = ""

    @classmethod
    def get_settings(cls, attr, *args):
        own = provider_settings(cls.provider) or {}
        if attr in own:
            return own[attr]
        return super().get_settings(attr, *args)

    def dispatch(self, request, *args, **kwargs):
        if provider_settings(self.provider) is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class _Start(_ProviderViewMixin, OIDCAuthenticationRequestView):
    def __init__(self, *args, **kwargs):
        # The library reads its endpoint when the view is built; without a provider the
        # view answers 404 instead (dispatch).
        if provider_settings(self.provider) is None:
            super(OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)
        else:
            super().__init__(*args, **kwargs)


class _Callback(_ProviderViewMixin, OIDCAuthenticationCallbackView):
    login_page = ""

    def get(self, request):
        try:
            return super().get(request)
        except SuspiciousOperation:
            # A state this session never sent, or one already used: a replay.
            request.login_refusal = "state"
            return self.login_failure()

    def login_success(self):
        response = super().login_success()
        self.request.session[SESSION_PROVIDER] = self.provider
        return response

    def login_failure(self):
        reason = getattr(self.request, "login_refusal", "")
        if self.request.user.is_authenticated:
            auth.logout(self.request)
        context = {
            "message": REFUSALS.get(reason, REFUSED_OTHERWISE),
            "login_url": reverse(self.login_page),
        }
        return render(self.request, "login/refused.html", context, status=403)


class CitizenStart(_Start):
    provider = "citizen"


class CitizenCallback(_Callback):
    provider = "citizen"
    login_page = "citizen:login"


class StaffStart(_Start):
    provider = "staff"


class StaffCallback(_Callback):
    provider = "staff"
    login_page = "login"


class StaffLoginView(LoginView):
    """Username and password, and the municipality's own provider where configured."""

    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, staff_sso=provider_settings("staff") is not None)


def provider_logout_url(request) -> str:
    """Where logout sends the browser: the provider's end_session_endpoint when the user
    logged in there and it has one (ending the ID-porten session too), else our login."""
    citizen = is_citizen(request.user)
    local = reverse("citizen:login") if citizen else resolve_url(settings.LOGOUT_REDIRECT_URL)
    provider = provider_settings(request.session.get(SESSION_PROVIDER, "")) or {}
    id_token = request.session.get("oidc_id_token")
    if not (provider.get("END_SESSION_ENDPOINT") and id_token):
        return local
    query = urlencode(
        {"id_token_hint": id_token, "post_logout_redirect_uri": request.build_absolute_uri(local)}
    )
    return f"{provider['END_SESSION_ENDPOINT']}?{query}"


@login_not_required
def citizen_login(request):
    if is_citizen(request.user):
        return redirect("citizen:home")
    context = {
        "idporten": provider_settings("citizen") is not None,
        "dev_login": settings.KE_DEV_CITIZEN_LOGIN,
    }
    return render(request, "login/citizen_login.html", context)


@login_required(login_url="citizen:login")
@require_http_methods(["GET"])
def citizen_start_page(request):
    """ "Mine planer": the citizen's start page, filled by the apps above."""
    if not is_citizen(request.user):
        raise Http404
    account = request.user.citizen
    context = {
        "account": account,
        "sections": citizen_home.sections_for(request, account),
    }
    return render(request, "login/citizen_home.html", context)
