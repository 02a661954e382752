import time

import pytest
from django.conf import settings
from django.urls import reverse

from core.middleware import SESSION_STARTED_KEY
from tests.factories import UserFactory


@pytest.mark.django_db
def test_an_account_is_locked_after_repeated_failed_logins(client):
    UserFactory(username="ola", caseworker=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "ola", "password": "feil"})
    response = client.post(
        reverse("login"), {"username": "ola", "password": "hemmelig-passord-123"}
    )
    assert "midlertidig låst" in response.content.decode()


@pytest.mark.django_db
def test_a_wrong_password_gets_a_norwegian_message(client):
    UserFactory(username="ola", caseworker=True)
    response = client.post(reverse("login"), {"username": "ola", "password": "feil"})
    assert "Feil brukernavn eller passord" in response.content.decode()


def test_sessions_expire_after_30_minutes_idle():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


@pytest.mark.django_db
def test_a_session_older_than_12_hours_is_logged_out(caseworker_client):
    session = caseworker_client.session
    session[SESSION_STARTED_KEY] = int(time.time()) - 12 * 3600 - 1
    session.save()
    response = caseworker_client.get(reverse("cases:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_without_inline_scripts(caseworker_client):
    response = caseworker_client.get(reverse("cases:list"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_an_unknown_page_gets_a_norwegian_404(caseworker_client):
    response = caseworker_client.get("/finnes-ikke/")
    assert response.status_code == 404
    assert "Finner ikke siden" in response.content.decode()


@pytest.mark.django_db
def test_role_groups_exist_with_their_permissions():
    from django.contrib.auth.models import Group

    names = set(Group.objects.values_list("name", flat=True))
    assert {"Saksbehandler", "Leder", "Koordinator", "Administrator"} <= names
    caseworker = Group.objects.get(name="Saksbehandler")
    assert caseworker.permissions.filter(codename="view_all_cases").exists()
    assert (
        not Group.objects.get(name="Koordinator")
        .permissions.filter(codename="view_all_cases")
        .exists()
    )


@pytest.mark.django_db
def test_changing_the_password_ends_the_users_other_sessions(client):
    from django.test import Client

    user = UserFactory(username="ola", caseworker=True)
    other_device = Client()
    other_device.force_login(user)
    client.force_login(user)
    client.post(
        reverse("password_change"),
        {
            "old_password": "hemmelig-passord-123",
            "new_password1": "et-nytt-langt-passord-9",
            "new_password2": "et-nytt-langt-passord-9",
        },
    )
    user.refresh_from_db()
    assert user.check_password("et-nytt-langt-passord-9")
    assert client.get(reverse("cases:list")).status_code == 200
    response = other_device.get(reverse("cases:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_500_page_is_norwegian_and_needs_nothing_from_the_database(rf):
    from config.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Noe gikk galt" in response.content.decode()
