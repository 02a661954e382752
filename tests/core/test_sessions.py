"""The session is saved on every request in one UPDATE, and a session ended in between
is still refused as Django refuses it."""

import pytest
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.sessions import SessionStore
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _statements(run) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        run()
    return [q["sql"].split()[0].upper() for q in captured.captured_queries]


def test_the_session_engine_is_ours(settings):
    assert settings.SESSION_ENGINE == "core.sessions"


def test_a_page_saves_its_session_in_one_update_without_a_transaction(client):
    client.force_login(UserFactory(caseworker=True))
    statements = _statements(lambda: client.get("/"))
    assert statements.count("UPDATE") == 1
    assert "BEGIN" not in statements and "SAVEPOINT" not in statements


def test_a_saved_session_keeps_what_was_put_in_it():
    store = SessionStore()
    store.create()
    store["kept"] = "ja"
    store.save()
    assert SessionStore(session_key=store.session_key)["kept"] == "ja"


def test_a_session_ended_since_it_was_read_cannot_be_saved_again():
    store = SessionStore()
    store.create()
    Session.objects.filter(session_key=store.session_key).delete()
    store["lost"] = "nei"
    with pytest.raises(UpdateError):
        store.save()
    assert not Session.objects.exists()


def test_a_new_session_is_created_by_django():
    store = SessionStore()
    store["new"] = "ja"
    store.save()
    assert Session.objects.filter(session_key=store.session_key).exists()
