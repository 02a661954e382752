"""The registry and the caseload overview count, per coordinator, the plans of their
active appointments that are past their evaluation day (plans.selectors, counted in SQL)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import AppointmentFactory, CoordinatorFactory
from tests.plans.factories import PlanFactory
from tests.queries import assert_constant_queries

TODAY = timezone.localdate  # frozen by the module's `today` mark

pytestmark = [pytest.mark.django_db, pytest.mark.today("2026-06-15")]


def days(n: int) -> datetime.date:
    return TODAY() + datetime.timedelta(days=n)


def _appointed(coordinator, **plan):
    appointment = AppointmentFactory(coordinator=coordinator, started_on=days(-200))
    if plan:
        PlanFactory(case=appointment.case, **plan)
    return appointment


def _overdue(client, url, coordinator):
    rows = client.get(url).context["rows"]
    return next(row.overdue_evaluations for row in rows if row.coordinator == coordinator)


@pytest.fixture
def coordinator():
    return CoordinatorFactory()


@pytest.mark.parametrize("url", ["coordinators:list", "coordinators:caseload"])
def test_an_active_plan_past_its_evaluation_day_is_counted(caseworker_client, coordinator, url):
    _appointed(coordinator, active=True, next_evaluation_on=days(-1))
    _appointed(coordinator, active=True, next_evaluation_on=days(-30))
    assert _overdue(caseworker_client, reverse(url), coordinator) == 2


def test_an_evaluation_due_today_or_later_is_not_overdue(caseworker_client, coordinator):
    _appointed(coordinator, active=True, next_evaluation_on=TODAY())
    _appointed(coordinator, active=True, next_evaluation_on=days(10))
    assert _overdue(caseworker_client, reverse("coordinators:list"), coordinator) == 0


def test_a_draft_or_closed_plan_is_not_counted(caseworker_client, coordinator):
    _appointed(coordinator, next_evaluation_on=days(-5))
    _appointed(coordinator, closed=True, next_evaluation_on=days(-5))
    assert _overdue(caseworker_client, reverse("coordinators:list"), coordinator) == 0


def test_an_ended_appointment_is_not_counted(caseworker_client, coordinator):
    ended = _appointed(coordinator, active=True, next_evaluation_on=days(-5))
    ended.ended_on = days(-1)
    ended.save()
    assert _overdue(caseworker_client, reverse("coordinators:list"), coordinator) == 0


def test_each_coordinator_counts_their_own(caseworker_client, coordinator):
    other = CoordinatorFactory()
    _appointed(coordinator, active=True, next_evaluation_on=days(-5))
    _appointed(other, active=True, next_evaluation_on=days(-5))
    _appointed(other, active=True, next_evaluation_on=days(-6))
    url = reverse("coordinators:list")
    assert _overdue(caseworker_client, url, coordinator) == 1
    assert _overdue(caseworker_client, url, other) == 2


def test_the_count_costs_one_query_however_many_appointments(caseworker_client, coordinator):
    def add_rows(k):
        for _ in range(k):
            _appointed(coordinator, active=True, next_evaluation_on=days(-5))

    _, many = assert_constant_queries(
        lambda: caseworker_client.get(reverse("coordinators:list")), add_rows, n=30
    )
    overdue = next(r for r in many.context["rows"] if r.coordinator == coordinator)
    assert overdue.overdue_evaluations == 30
