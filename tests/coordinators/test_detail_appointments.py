"""A coordinator's page shows their active appointments first, then the latest ended,
up to a bound: ten years of appointments are not rendered (or logged) on every view."""

import datetime

import pytest
from django.urls import reverse

from cases.models import AccessLog
from coordinators import selectors
from tests.factories import AppointmentFactory, CoordinatorFactory

pytestmark = [pytest.mark.django_db, pytest.mark.today("2026-06-15")]


@pytest.fixture
def appointments():
    coordinator = CoordinatorFactory()

    def made(started, ended=None):
        return AppointmentFactory(
            coordinator=coordinator,
            started_on=datetime.date.fromisoformat(started),
            ended_on=ended and datetime.date.fromisoformat(ended),
        )

    old = made("2020-01-01", "2021-01-01")
    recent = made("2022-01-01", "2025-01-01")
    active = made("2019-01-01")
    return coordinator, active, recent, old


def _page(client, coordinator):
    return client.get(reverse("coordinators:detail", args=[coordinator.pk]))


def test_the_active_come_first_then_the_latest_ended(caseworker_client, appointments):
    coordinator, active, recent, old = appointments
    response = _page(caseworker_client, coordinator)
    assert list(response.context["appointments"]) == [active, recent, old]
    assert not response.context["more_appointments"]


def test_past_the_bound_the_oldest_are_left_out_and_the_page_says_so(
    caseworker_client, appointments, monkeypatch
):
    monkeypatch.setattr(selectors, "APPOINTMENTS_SHOWN", 2)
    coordinator, active, recent, old = appointments
    response = _page(caseworker_client, coordinator)
    assert list(response.context["appointments"]) == [active, recent]
    assert "Eldre oppnevninger står på hver sak." in response.content.decode()
    logged = AccessLog.objects.filter(object_type="appointment")
    assert set(logged.values_list("object_id", flat=True)) == {str(active.pk), str(recent.pk)}
