"""Closing a reminder goes back where the user was, and only to a page on this site."""

import pytest
from django.urls import reverse

from followup.models import Reminder

pytestmark = pytest.mark.django_db


@pytest.fixture
def reminder(caseworker):
    return Reminder.objects.create(
        kind=Reminder.Kind.CONSENT_WAITING,
        object_type="case",
        object_id="1",
        due_on="2026-06-01",
        recipient=caseworker,
        text="Sak 2026/0001 har ventet på samtykke.",
        link="/saker/1/samtykke/",
    )


def close(client, reminder, next_url):
    url = reverse("followup:reminder_done", args=[reminder.pk])
    return client.post(url, {"next": next_url})


def test_it_goes_back_to_the_page_on_this_site(caseworker_client, reminder):
    response = close(caseworker_client, reminder, "/saker/mine/")
    assert response.status_code == 302
    assert response["Location"] == "/saker/mine/"


@pytest.mark.parametrize(
    "elsewhere", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"]
)
def test_it_never_sends_the_user_to_another_site(caseworker_client, reminder, elsewhere):
    response = close(caseworker_client, reminder, elsewhere)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_it_closes_the_reminder_whatever_the_next_page(caseworker_client, reminder):
    close(caseworker_client, reminder, "https://evil.example/")
    reminder.refresh_from_db()
    assert reminder.done_at is not None


def test_a_next_page_that_is_not_a_path_goes_home(caseworker_client, reminder):
    response = close(caseworker_client, reminder, "0001-01-01T00:00")
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
