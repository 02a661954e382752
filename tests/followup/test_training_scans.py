import datetime

import pytest

from coordinators.due import completed_between
from coordinators.qualification import add_months
from followup.models import Reminder
from followup.scans.training import training_expiry
from tests.coordinators.factories import CompletionFactory, CourseFactory
from tests.factories import AppointmentFactory, CoordinatorFactory, UserFactory
from tests.queries import assert_constant_queries

TODAY = datetime.date(2026, 11, 23)

pytestmark = [pytest.mark.today(TODAY)]
VALIDITY = 12


def day(offset: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=offset)


@pytest.fixture
def course(db):
    return CourseFactory(validity_months=VALIDITY)


def completion_expiring_in(days: int, course, **kwargs):
    """A completion whose expiry (first day it no longer counts) is `days` from TODAY."""
    return CompletionFactory(course=course, completed_on=add_months(day(days), -VALIDITY), **kwargs)


def recipients(kind) -> set:
    return set(Reminder.objects.filter(kind=kind).values_list("recipient", flat=True))


# --- The completion dates behind an expiry window (pure) ------------------------------------


def test_completions_on_the_last_days_of_january_all_expire_on_the_28th_of_february():
    window = completed_between(1, datetime.date(2026, 2, 27), datetime.date(2026, 2, 28))
    assert window == (datetime.date(2026, 1, 28), datetime.date(2026, 1, 31))


@pytest.mark.parametrize("months", [1, 12, 24])
def test_the_completion_range_matches_the_expiry_rule_on_every_day(months):
    start = datetime.date(2027, 1, 1)
    for offset in range(0, 800, 7):
        after = start + datetime.timedelta(days=offset)
        until = after + datetime.timedelta(days=30)
        first, last = completed_between(months, after, until)
        candidates = [
            first + datetime.timedelta(days=d) for d in range(-5, (last - first).days + 6)
        ]
        inside = [c for c in candidates if after < add_months(c, months) <= until]
        assert (inside[0], inside[-1]) == (first, last)


# --- Expiring -------------------------------------------------------------------------------


def test_training_expiring_in_30_days_reminds_the_coordinator_and_the_leaders(course):
    leader = UserFactory(leader=True)
    completion = completion_expiring_in(30, course)
    assert training_expiry(TODAY) == 2
    expected = {completion.coordinator.user_id, leader.pk}
    assert recipients(Reminder.Kind.TRAINING_EXPIRING) == expected


def test_training_expiring_in_31_days_is_not_due_yet(course):
    completion_expiring_in(31, course)
    assert training_expiry(TODAY) == 0


def test_training_expiring_tomorrow_is_expiring(course):
    completion_expiring_in(1, course)
    training_expiry(TODAY)
    assert Reminder.objects.get().due_on == day(1)


def test_training_that_expires_today_has_expired(course):
    completion = completion_expiring_in(0, course)
    AppointmentFactory(coordinator=completion.coordinator)
    training_expiry(TODAY)
    assert set(Reminder.objects.values_list("kind", flat=True)) == {Reminder.Kind.TRAINING_EXPIRED}


def test_renewed_training_is_never_due(course):
    completion = completion_expiring_in(10, course)
    CompletionFactory(coordinator=completion.coordinator, course=course, completed_on=day(-1))
    assert training_expiry(TODAY) == 0


def test_training_that_never_expires_or_is_not_required_is_never_due(db):
    CompletionFactory(course=CourseFactory(), completed_on=add_months(TODAY, -VALIDITY))
    optional = CourseFactory(
        name="Valgfritt kurs",
        validity_months=VALIDITY,
        required_for_coordinator=False,
        required_for_child_coordinator=False,
    )
    completion_expiring_in(5, optional)
    assert training_expiry(TODAY) == 0


def test_an_inactive_coordinator_is_not_reminded_of_expiring_training(course):
    completion_expiring_in(5, course, coordinator=CoordinatorFactory(active=False))
    assert training_expiry(TODAY) == 0


# --- Expired --------------------------------------------------------------------------------


def test_expired_training_with_an_active_appointment_reminds_coordinator_and_caseworker(course):
    UserFactory(leader=True)
    completion = completion_expiring_in(-3, course)
    appointment = AppointmentFactory(coordinator=completion.coordinator)
    assert training_expiry(TODAY) == 2
    expected = {completion.coordinator.user_id, appointment.case.caseworker_id}
    assert recipients(Reminder.Kind.TRAINING_EXPIRED) == expected


def test_the_caseworker_gets_a_link_to_the_case_and_no_coordinator_name(course):
    completion = completion_expiring_in(-3, course)
    appointment = AppointmentFactory(coordinator=completion.coordinator)
    training_expiry(TODAY)
    reminder = Reminder.objects.get(recipient=appointment.case.caseworker)
    assert reminder.link == f"/koordinatorer/sak/{appointment.case_id}/"
    assert completion.coordinator.user.last_name not in reminder.text


def test_expired_training_without_an_active_appointment_is_not_due(course):
    completion = completion_expiring_in(-3, course)
    AppointmentFactory(coordinator=completion.coordinator, started_on=day(-90), ended_on=day(-10))
    assert training_expiry(TODAY) == 0


def test_a_child_coordinator_course_does_not_count_for_a_coordinator_appointment(db):
    child_course = CourseFactory(child=True)
    completion = CompletionFactory(course=child_course, completed_on=add_months(day(-3), -24))
    AppointmentFactory(coordinator=completion.coordinator, kind="coordinator")
    assert training_expiry(TODAY) == 0


def test_expired_training_is_reminded_once_however_often_the_scan_runs(course):
    completion = completion_expiring_in(-3, course)
    AppointmentFactory(coordinator=completion.coordinator)
    training_expiry(TODAY)
    assert training_expiry(TODAY) == 0
    assert training_expiry(day(1)) == 0


def test_a_dry_run_counts_but_records_nothing(course):
    UserFactory(leader=True)
    completion_expiring_in(12, course)
    assert training_expiry(TODAY, dry_run=True) == 2
    assert not Reminder.objects.exists()


def test_the_scan_runs_a_constant_number_of_queries_whatever_is_not_due(course):
    completion_expiring_in(10, course)
    expired = completion_expiring_in(-10, course)
    AppointmentFactory(coordinator=expired.coordinator)
    added = []

    def add_not_due(k):
        for _ in range(k):
            i = len(added)
            completion_expiring_in(40 + i, course)
            renewed = completion_expiring_in(-40 - i, course)
            added.append(completion_expiring_in(100, course, coordinator=renewed.coordinator))

    # courses, leaders, expiring rows, recorded reminders, one insert (3);
    # expired rows, their appointments, recorded reminders, two inserts (6)
    one, many = assert_constant_queries(
        lambda: training_expiry(TODAY), add_not_due, n=40, at_most=16, undo=True
    )
    assert one == many == 3
