"""Logins ID-porten vouches for that we refuse, and logins that are not ID-porten's:
each shows a Norwegian page, and logs nobody in."""

import datetime
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from cases.models import CitizenAccount
from cases.national_id import synthesize
from tests.factories import PersonFactory, RelationFactory
from tests.oidc import path_of

pytestmark = pytest.mark.django_db

PID = synthesize(datetime.date(1980, 5, 17), 123)
SUBSTANTIAL = "idporten-loa-substantial"


def start(client):
    return client.get(reverse("citizen:oidc_start"))["Location"]


def callback_for(client, provider, *, pid=PID, acr=SUBSTANTIAL, name=""):
    return path_of(provider.log_in(start(client), pid=pid, acr=acr, name=name))


def assert_refused(response, client, message):
    assert response.status_code == 403
    assert message in response.content.decode()
    assert SESSION_KEY not in client.session
    assert not CitizenAccount.objects.exists()


def test_a_login_below_substantial_is_refused(client, idporten):
    RelationFactory(national_id=PID)
    response = client.get(callback_for(client, idporten, acr="idporten-loa-low"))
    assert_refused(response, client, "for lavt sikkerhetsnivå")


def test_a_national_id_nobody_registered_is_refused(client, idporten):
    RelationFactory(national_id=synthesize(datetime.date(1979, 1, 2), 201))
    response = client.get(callback_for(client, idporten))
    assert_refused(response, client, "Vi fant deg ikke")


def test_a_login_whose_name_matches_a_person_but_not_their_number_is_refused(client, idporten):
    person = PersonFactory(national_id=None, given_name="Kari", family_name="Nordmann")
    RelationFactory(person=person, name="Kari Nordmann", national_id="")
    response = client.get(callback_for(client, idporten, name="Kari Nordmann"))
    assert_refused(response, client, "Vi fant deg ikke")


def test_a_code_exchanged_without_the_pkce_verifier_is_refused_by_the_provider(client, idporten):
    RelationFactory(national_id=PID)
    callback = callback_for(client, idporten)
    session = client.session
    for entry in session["oidc_states"].values():
        entry["code_verifier"] = None
    session.save()
    response = client.get(callback)
    assert_refused(response, client, "kunne ikke fullføres")


def test_an_authorization_request_without_pkce_is_refused_by_the_provider(client, idporten):
    RelationFactory(national_id=PID)
    parts = urlsplit(start(client))
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    del query["code_challenge"], query["code_challenge_method"]
    back = idporten.log_in(urlunsplit(parts._replace(query=urlencode(query))), pid=PID, acr="")
    assert parse_qs(urlsplit(back).query)["error"] == ["invalid_request"]
    response = client.get(path_of(back))
    assert_refused(response, client, "kunne ikke fullføres")


def test_a_state_replayed_after_a_refusal_stays_refused_once_the_number_is_registered(
    client, idporten
):
    callback = callback_for(client, idporten)
    client.get(callback)
    RelationFactory(national_id=PID)
    response = client.get(callback)
    assert_refused(response, client, "kunne ikke fullføres")


def test_a_callback_replayed_in_another_browser_is_refused(client, idporten):
    RelationFactory(national_id=PID)
    callback = callback_for(client, idporten)
    other = Client()
    response = other.get(callback)
    assert response.status_code == 403
    assert SESSION_KEY not in other.session


def test_a_callback_replayed_after_logout_logs_nobody_in(client, idporten):
    RelationFactory(national_id=PID)
    callback = callback_for(client, idporten)
    client.get(callback)
    client.post(reverse("logout"))
    response = client.get(callback)
    assert response.status_code == 403
    assert SESSION_KEY not in client.session


def test_the_login_pages_are_a_404_while_id_porten_is_not_configured(client, settings):
    settings.OIDC_PROVIDERS = {"citizen": None, "staff": None}
    assert client.get(reverse("citizen:oidc_start")).status_code == 404
    assert client.get(reverse("citizen:oidc_callback")).status_code == 404


def test_refused_logins_do_not_lock_id_porten_out_for_everyone_at_that_address(
    client, idporten, settings
):
    # Password lockouts guard passwords; a refused ID-porten login guessed none.
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        client.get(callback_for(client, idporten))
    RelationFactory(national_id=PID)
    response = client.get(callback_for(client, idporten))
    assert response.status_code == 302
    assert SESSION_KEY in client.session
