"""Search terms wait in the session; what comes back out of it never holds a NUL byte."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory
from django.urls import reverse

from cases import search
from tests.factories import CaseFactory, PersonFactory

pytestmark = pytest.mark.django_db


def keep_in_session(client, term: str) -> str:
    """A term saved before NULs were dropped: put in the session as it was then."""
    session = client.session
    session[search.SESSION_KEY] = {"gammel": term}
    session.save()
    return "gammel"


def test_stash_drops_nul_bytes_from_the_term_and_the_filters():
    request = RequestFactory().post("/", {"q": "Ola\x00 Nordmann", "status": "open\x00"})
    request.session = SessionStore()
    query = search.stash(request, "q", allowed=["q", "status"])
    assert query["status"] == "open"
    assert request.session[search.SESSION_KEY][query[search.URL_PARAM]] == "Ola Nordmann"


def test_a_term_with_a_nul_kept_in_the_session_is_replayed_without_it(caseworker_client):
    wanted = CaseFactory(person=PersonFactory(given_name="Ola"))
    CaseFactory(person=PersonFactory(given_name="Kari"))
    key = keep_in_session(caseworker_client, "Ola\x00")
    response = caseworker_client.get(reverse("cases:list"), {search.URL_PARAM: key})
    assert response.status_code == 200
    assert [c.pk for c in response.context["page"].items] == [wanted.pk]


def test_my_plans_replay_a_kept_term_without_its_nul(coordinator_client):
    key = keep_in_session(coordinator_client, "Ola\x00")
    response = coordinator_client.get(reverse("plans:my_plans"), {search.URL_PARAM: key})
    assert response.status_code == 200
    assert response.context["query"] == "Ola"


def test_the_access_log_replays_a_kept_term_without_its_nul(client, leader):
    client.force_login(leader)
    key = keep_in_session(client, "\x00")
    response = client.get(reverse("cases:access_log"), {search.URL_PARAM: key})
    assert response.status_code == 200
    assert response.context["filter"].form["person"].value() is None
