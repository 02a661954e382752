import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",")}


def test_a_page_for_a_signed_in_user_is_never_stored(caseworker_client):
    response = caseworker_client.get(reverse("cases:list"))
    assert {"no-store", "private"} <= directives(response)


def test_a_not_found_page_for_a_signed_in_user_is_never_stored(caseworker_client):
    response = caseworker_client.get(reverse("decisions:preview", args=[999999]))
    assert response.status_code == 404
    assert {"no-store", "private"} <= directives(response)


def test_the_answer_to_a_successful_login_is_never_stored(client, caseworker):
    response = client.post(
        reverse("login"), {"username": caseworker.username, "password": "hemmelig-passord-123"}
    )
    assert response.status_code == 302
    assert {"no-store", "private"} <= directives(response)


def test_a_static_file_keeps_its_cache_headers(caseworker_client):
    response = caseworker_client.get("/static/css/app.css")
    assert response.status_code == 200
    assert "no-store" not in directives(response)
    assert "public" in directives(response)
