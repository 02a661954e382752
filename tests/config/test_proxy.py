"""Behind the TLS proxy: lockouts and the access log use the client's address (issue 16)."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from cases.models import AccessLog
from tests.config.test_deploy import _manage
from tests.factories import CaseFactory, UserFactory

PROXY = "10.0.0.2"
CLIENT_A = "198.51.100.7"
CLIENT_B = "203.0.113.20"
ATTACKER = "192.0.2.66"
PASSWORD = "hemmelig-passord-123"


@pytest.fixture(autouse=True)
def _behind_the_proxy(settings):
    settings.TRUSTED_PROXIES = [PROXY]


@pytest.fixture
def ola(db):
    return UserFactory(username="ola", caseworker=True)


def _log_in(client, password, **meta):
    return client.post(reverse("login"), {"username": "ola", "password": password}, **meta)


def _through_proxy(address):
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": address}


def _is_logged_in(client):
    return "_auth_user_id" in client.session


def test_five_bad_passwords_from_one_client_leave_another_client_able_to_log_in(ola):
    client_a, client_b = Client(), Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _log_in(client_a, "feil", **_through_proxy(CLIENT_A))
    _log_in(client_b, PASSWORD, **_through_proxy(CLIENT_B))
    assert _is_logged_in(client_b)


def test_the_client_that_failed_five_times_is_locked_out(ola):
    client_a = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _log_in(client_a, "feil", **_through_proxy(CLIENT_A))
    response = _log_in(client_a, PASSWORD, **_through_proxy(CLIENT_A))
    assert "midlertidig låst" in response.content.decode()
    assert not _is_logged_in(client_a)


def test_a_forged_forwarded_for_does_not_dodge_the_lockout(ola):
    attacker = Client()
    for n in range(settings.AXES_FAILURE_LIMIT):
        _log_in(attacker, "feil", REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    response = _log_in(attacker, PASSWORD, REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=CLIENT_B)
    assert "midlertidig låst" in response.content.decode()


def test_a_forged_forwarded_for_cannot_lock_out_the_address_it_names(ola):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _log_in(Client(), "feil", REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=CLIENT_B)
    client_b = Client()
    _log_in(client_b, PASSWORD, **_through_proxy(CLIENT_B))
    assert _is_logged_in(client_b)


@pytest.mark.django_db
def test_the_access_log_records_the_clients_address_not_the_proxys(caseworker_client):
    case = CaseFactory()
    caseworker_client.get(reverse("cases:detail", args=[case.pk]), **_through_proxy(CLIENT_A))
    assert AccessLog.objects.get().ip_address == CLIENT_A


@pytest.mark.django_db
def test_the_access_log_row_carries_the_id_the_response_names(caseworker_client):
    case = CaseFactory()
    response = caseworker_client.get(reverse("cases:detail", args=[case.pk]))
    assert AccessLog.objects.get().request_id == response["X-Request-ID"]


@pytest.mark.django_db
def test_the_access_log_ignores_a_forwarded_for_from_an_untrusted_address(caseworker_client):
    case = CaseFactory()
    caseworker_client.get(
        reverse("cases:detail", args=[case.pk]),
        REMOTE_ADDR=ATTACKER,
        HTTP_X_FORWARDED_FOR=CLIENT_A,
    )
    assert AccessLog.objects.get().ip_address == ATTACKER


def test_a_trusted_proxy_that_is_not_an_address_stops_the_app_from_starting():
    result = _manage("check", extra_env={"DJANGO_TRUSTED_PROXIES": "10.0.0.2,10.0.0.1/8"})
    assert result.returncode != 0
    assert "DJANGO_TRUSTED_PROXIES: 10.0.0.1/8 has host bits set" in result.stderr
