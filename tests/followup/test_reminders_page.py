"""Every user sees their own open reminders in the app, with the count in the menu."""

import pytest
from django.urls import reverse
from django.utils import timezone

from followup.models import Reminder
from tests.factories import UserFactory


def remind(user, text="Sak 2026/0001: evaluering om 14 dager.", **extra):
    return Reminder.objects.create(
        kind=Reminder.Kind.EVALUATION_DUE,
        object_type="plan",
        object_id=str(extra.pop("object_id", 1)),
        due_on=timezone.localdate(),
        recipient=user,
        text=text,
        link="/planer/",
        **extra,
    )


@pytest.fixture
def coordinator(coordinator_user, client):
    client.force_login(coordinator_user)
    return coordinator_user


def test_a_coordinator_sees_their_open_reminders(coordinator, client):
    remind(coordinator)
    content = client.get(reverse("followup:reminders")).content.decode()
    assert "Sak 2026/0001: evaluering om 14 dager." in content


def test_the_menu_counts_the_open_reminders(coordinator, client):
    remind(coordinator, object_id=1)
    remind(coordinator, object_id=2)
    remind(coordinator, object_id=3, done_at=timezone.now())
    response = client.get(reverse("plans:my_plans"))
    assert response.context["nav_reminder_count"] == 2
    assert '<span class="badge text-bg-warning">2<span class="visually-hidden"> åpne</span>' in (
        response.content.decode()
    )


def test_nobody_sees_anothers_reminders(coordinator, client, db):
    remind(UserFactory(caseworker=True), text="Ikke din påminnelse.")
    content = client.get(reverse("followup:reminders")).content.decode()
    assert "Ikke din påminnelse." not in content
    assert "Du har ingen åpne påminnelser." in content
