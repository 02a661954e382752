"""The login settings as config/settings/oidc.py reads them from the environment."""

import environ
import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings import oidc

IDPORTEN = {
    "IDPORTEN_CLIENT_ID": "klient",
    "IDPORTEN_ISSUER": "https://test.idporten.no",
    "IDPORTEN_AUTHORIZATION_ENDPOINT": "https://login.test.idporten.no/authorize",
    "IDPORTEN_TOKEN_ENDPOINT": "https://test.idporten.no/token",
    "IDPORTEN_JWKS_ENDPOINT": "https://test.idporten.no/jwks.json",
}


def read(monkeypatch, debug=False, **variables):
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    return oidc.read(environ.Env(), debug=debug)


def test_both_logins_are_off_by_default(monkeypatch):
    monkeypatch.delenv("IDPORTEN_CLIENT_ID", raising=False)
    monkeypatch.delenv("STAFF_OIDC_CLIENT_ID", raising=False)
    assert oidc.read(environ.Env(), debug=False)["OIDC_PROVIDERS"] == {
        "citizen": None,
        "staff": None,
    }


def test_id_porten_asks_for_pkce_s256_and_substantial_once_configured(monkeypatch):
    citizen = read(monkeypatch, **IDPORTEN)["OIDC_PROVIDERS"]["citizen"]
    assert citizen["OIDC_USE_PKCE"] is True
    assert citizen["OIDC_PKCE_CODE_CHALLENGE_METHOD"] == "S256"
    assert citizen["OIDC_AUTH_REQUEST_EXTRA_PARAMS"] == {"acr_values": "idporten-loa-substantial"}


def test_a_client_id_without_its_endpoints_is_refused_at_start(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="IDPORTEN_TOKEN_ENDPOINT"):
        read(monkeypatch, **{**IDPORTEN, "IDPORTEN_TOKEN_ENDPOINT": ""})


def test_the_development_login_is_never_on_with_debug_off(monkeypatch):
    assert read(monkeypatch, KE_DEV_CITIZEN_LOGIN="true")["KE_DEV_CITIZEN_LOGIN"] is False
    assert read(monkeypatch, debug=True)["KE_DEV_CITIZEN_LOGIN"] is True


def test_the_logout_form_may_go_on_to_the_end_session_endpoint(monkeypatch):
    providers = read(
        monkeypatch,
        **IDPORTEN,
        IDPORTEN_END_SESSION_ENDPOINT="https://login.test.idporten.no/logout",
    )["OIDC_PROVIDERS"]
    assert oidc.logout_origins(providers) == ["https://login.test.idporten.no"]
