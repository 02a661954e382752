"""Staff may log in with the municipality's own provider, with multi-factor required."""

import pytest
from django.contrib.auth import SESSION_KEY, get_user
from django.urls import reverse

from tests.factories import UserFactory
from tests.oidc import path_of

pytestmark = pytest.mark.django_db


def log_in(client, provider, *, who, amr):
    start = client.get(reverse("staff_oidc_start"))["Location"]
    return client.get(path_of(provider.log_in(start, pid=who, acr="", amr=amr)))


def test_staff_login_is_off_unless_configured(client):
    assert client.get(reverse("staff_oidc_start")).status_code == 404
    assert "kommunens innlogging" not in client.get(reverse("login")).content.decode()


def test_the_login_page_offers_it_when_configured(client, staff_idp):
    assert "kommunens innlogging" in client.get(reverse("login")).content.decode()


def test_a_caseworker_with_multi_factor_is_logged_in(client, staff_idp):
    caseworker = UserFactory(caseworker=True, email="sara@kommune.example")
    response = log_in(client, staff_idp, who="Sara@kommune.example", amr="pwd mfa")
    assert response["Location"] == reverse("home")
    assert get_user(client) == caseworker


def test_a_login_without_multi_factor_is_refused(client, staff_idp):
    UserFactory(caseworker=True, email="sara@kommune.example")
    response = log_in(client, staff_idp, who="sara@kommune.example", amr="pwd")
    assert response.status_code == 403
    assert "tofaktorautentisering" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_nobody_without_a_staff_account_is_let_in(client, staff_idp):
    UserFactory(email="sara@kommune.example")  # an account, but no role
    response = log_in(client, staff_idp, who="sara@kommune.example", amr="mfa")
    assert response.status_code == 403
    assert SESSION_KEY not in client.session
