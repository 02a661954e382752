"""mozilla-django-oidc's backend, once per provider: the protocol is the library's; who may
log in is decided here.

A refusal says why on the request (`request.login_refusal`), so the callback page can
tell the user in Norwegian; it never says more than that to the log.
"""

import logging

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.db.models import Q
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from cases.login import accounts

log = logging.getLogger(__name__)


class Refused(SuspiciousOperation):
    """A login the provider vouched for that we do not accept."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def provider_settings(name: str) -> dict | None:
    return settings.OIDC_PROVIDERS.get(name)


class _ProviderBackend(OIDCAuthenticationBackend):
    provider = ""
    callback = ""  # the view name of the callback this backend answers

    @classmethod
    def get_settings(cls, attr, *args):
        own = provider_settings(cls.provider) or {}
        if attr in own:
            return own[attr]
        return super().get_settings(attr, *args)

    def __init__(self, *args, **kwargs):
        # Django builds every backend for every login, the password login too: an
        # unconfigured provider must not stop those.
        self.configured = provider_settings(self.provider) is not None
        if self.configured:
            super().__init__(*args, **kwargs)
        else:
            self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        match = getattr(request, "resolver_match", None)
        if not self.configured or match is None or match.view_name != self.callback:
            return None
        try:
            return super().authenticate(request, **kwargs)
        except (requests.RequestException, jwt.InvalidTokenError, SuspiciousOperation) as error:
            # The provider refused the code (a missing or wrong PKCE verifier, a code used
            # twice), did not answer, or sent a token that does not verify.
            log.warning("OIDC login (%s) failed: %s", self.provider, type(error).__name__)
            request.login_refusal = "provider"
            return None

    def get_or_create_user(self, access_token, id_token, payload):
        try:
            return super().get_or_create_user(access_token, id_token, payload)
        except Refused as refusal:
            log.info("OIDC login (%s) refused: %s", self.provider, refusal.reason)
            self.request.login_refusal = refusal.reason
            return None

    def get_userinfo(self, access_token, id_token, payload):
        # The verified id_token holds every claim we need (ID-porten puts pid and acr
        # there); userinfo would add nothing.
        return payload

    def verify_claims(self, claims):
        # The library checks signature, expiry and nonce, not who issued the token or to
        # whom (OIDC Core 3.1.3.7, steps 2 and 3).
        if claims.get("iss") != self.get_settings("ISSUER"):
            raise Refused("issuer")
        audience = claims.get("aud")
        audience = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audience:
            raise Refused("audience")
        return True

    def get_user(self, user_id):
        user = super().get_user(user_id)
        return user if user is not None and user.is_active else None


class CitizenBackend(_ProviderBackend):
    """ID-porten: the `pid` claim matched to a registered person or relation."""

    provider = "citizen"
    callback = "citizen:oidc_callback"

    def verify_claims(self, claims):
        super().verify_claims(claims)
        if not accounts.acr_is_sufficient(claims.get("acr", "")):
            raise Refused("acr")
        if not accounts.is_registered(claims.get("pid") or ""):
            raise Refused("unknown")
        return True

    def filter_users_by_claims(self, claims):
        return self.UserModel.objects.filter(citizen__national_id=claims["pid"])

    def create_user(self, claims):
        return accounts.citizen_login(national_id=claims["pid"], acr=claims["acr"])

    def update_user(self, user, claims):
        return accounts.citizen_login(national_id=claims["pid"], acr=claims["acr"])


class StaffBackend(_ProviderBackend):
    """The municipality's own provider for staff: an existing staff account, and
    multi-factor authentication."""

    provider = "staff"
    callback = "staff_oidc_callback"

    def verify_claims(self, claims):
        super().verify_claims(claims)
        amr = claims.get("amr") or []
        amr = amr if isinstance(amr, list) else [amr]
        multi_factor = bool(set(amr) & set(settings.STAFF_OIDC_REQUIRED_AMR)) or (
            claims.get("acr") in settings.STAFF_OIDC_ACCEPTED_ACR
        )
        if not multi_factor:
            raise Refused("mfa")
        if not claims.get(settings.STAFF_OIDC_CLAIM):
            raise Refused("unknown")
        return True

    def filter_users_by_claims(self, claims):
        field = settings.STAFF_OIDC_USER_FIELD
        # Only an active account with a staff role: never a citizen's.
        return (
            self.UserModel.objects.filter(
                **{f"{field}__iexact": claims[settings.STAFF_OIDC_CLAIM]},
                is_active=True,
                citizen__isnull=True,
            )
            .filter(Q(is_superuser=True) | Q(groups__isnull=False))
            .distinct()
        )

    def create_user(self, claims):
        # Staff accounts are made by an administrator, never by a login.
        raise Refused("unknown")

    def update_user(self, user, claims):
        return user


def is_oidc_callback(request, credentials=None) -> bool:
    """django-axes leaves these alone (AXES_WHITELIST_CALLABLE): its lockouts guard
    passwords, and an OIDC callback guesses none. A refused citizen would otherwise lock
    ID-porten out for everyone behind the same address."""
    match = getattr(request, "resolver_match", None)
    return match is not None and match.view_name in (
        CitizenBackend.callback,
        StaffBackend.callback,
    )
