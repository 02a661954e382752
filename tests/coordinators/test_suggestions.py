"""The candidates' values (coordinators/suggestions.py): load and completions counted
once for all coordinators must say what counting per coordinator said."""

import datetime

import pytest

from coordinators import suggestions
from tests.coordinators.factories import CompletionFactory, CourseFactory
from tests.factories import AppointmentFactory, CoordinatorFactory

pytestmark = [pytest.mark.django_db, pytest.mark.today("2026-12-01")]

TODAY = datetime.date(2026, 12, 1)


def _candidate(coordinator):
    values = suggestions.candidate_values("coordinator", today=TODAY)
    return next(c for c in values if c.id == coordinator.pk)


def test_the_load_counts_only_the_coordinators_open_appointments():
    busy, idle = CoordinatorFactory.create_batch(2)
    AppointmentFactory.create_batch(2, coordinator=busy)
    AppointmentFactory(coordinator=busy, started_on=TODAY, ended_on=TODAY)
    assert (_candidate(busy).active_cases, _candidate(idle).active_cases) == (2, 0)


def test_a_completion_dated_after_today_does_not_qualify_yet():
    course = CourseFactory()
    early, late = CoordinatorFactory.create_batch(2)
    CompletionFactory(coordinator=early, course=course, completed_on=TODAY)
    CompletionFactory(coordinator=late, course=course, completed_on=TODAY + datetime.timedelta(1))
    assert (_candidate(early).qualified, _candidate(late).qualified) == (True, False)
