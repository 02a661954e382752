""" "Fortsett innlogget" in the idle warning renews the session and shows nothing."""

from django.urls import reverse


def test_a_signed_in_user_gets_204_and_a_renewed_session(caseworker_client):
    response = caseworker_client.post(reverse("session_keepalive"))
    assert response.status_code == 204
    assert "sessionid" in response.cookies


def test_an_expired_session_is_sent_to_login(client, db):
    response = client.post(reverse("session_keepalive"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_pages_give_the_idle_warning_its_timeout(caseworker_client, settings):
    settings.SESSION_COOKIE_AGE = 1800
    content = caseworker_client.get(reverse("followup:dashboard")).content.decode()
    assert '<meta name="ke-idle-seconds" content="1800">' in content
    assert "js/idle.js" in content
