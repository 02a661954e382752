""" "Frister" and the daily scans read the same `*_due()` selectors, so for the same data
they name the same items: what a scan reminds about is what the list shows as due."""

import datetime

import pytest
from django.conf import settings

from coordinators.models import Completion
from coordinators.qualification import add_months
from decisions.due import decisions_due_final
from decisions.models import Dispatch, Letter
from followup import scans
from followup.deadlines import find
from followup.models import Reminder
from followup.scans.training import WARNING_DAYS
from tests.coordinators.factories import CompletionFactory, CourseFactory
from tests.decisions.factories import DecisionFactory
from tests.factories import AppointmentFactory, CaseFactory, CoordinatorFactory, UserFactory
from tests.plans.factories import (
    ActionPointFactory,
    MeetingFactory,
    PlanFactory,
    plan_last_active,
)

TODAY = datetime.date(2026, 11, 23)

pytestmark = [pytest.mark.django_db, pytest.mark.today(TODAY)]


def day(offset: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=offset)


@pytest.fixture
def leader(db):
    return UserFactory(leader=True)


def listed(user, kind, *, horizon_days, before=None):
    rows = find(user, today=TODAY, horizon_days=horizon_days).rows
    return sorted(
        (r.case_number or r.coordinator_ids, r.due_on)
        for r in rows
        if r.kind == kind and (before is None or r.due_on < before)
    )


def reminded(kind, describe):
    return sorted({describe(r) for r in Reminder.objects.filter(kind__in=kind).order_by("id")})


def test_evaluations_listed_are_those_reminded(leader):
    window = settings.KE_EVALUATION_REMINDER_DAYS
    for offset in (-30, -1, 0, 5, window, window + 1, 90):
        plan = PlanFactory(active=True, next_evaluation_on=day(offset))
        AppointmentFactory(case=plan.case)
    scans.run_one("evaluations_due", today=TODAY)
    scans.run_one("evaluations_overdue", today=TODAY)

    def describe(reminder):
        plan = PlanFactory._meta.model.objects.select_related("case").get(pk=reminder.object_id)
        return (plan.case.number, reminder.due_on)

    kinds = [Reminder.Kind.EVALUATION_DUE, Reminder.Kind.EVALUATION_OVERDUE]
    assert listed(leader, "evaluation", horizon_days=window) == reminded(kinds, describe)
    assert len(reminded(kinds, describe)) == 5


def test_overdue_action_points_listed_are_those_reminded(leader):
    plan = PlanFactory(active=True)
    AppointmentFactory(case=plan.case)
    meeting = MeetingFactory(plan=plan, held_on=day(-60))
    for offset in (-20, -1, 0, 3):
        ActionPointFactory(meeting=meeting, due_on=day(offset))
    ActionPointFactory(meeting=meeting, due_on=day(-5), done=True)
    scans.run_one("action_points_overdue", today=TODAY)

    def describe(reminder):
        return (plan.case.number, reminder.due_on)

    overdue = listed(leader, "action_point", horizon_days=14, before=TODAY)
    assert overdue == reminded([Reminder.Kind.ACTION_POINT_OVERDUE], describe)
    assert len(overdue) == 2


def test_consent_waits_listed_are_those_reminded(leader):
    wait = settings.KE_CONSENT_WAIT_DAYS
    for days_ago in (wait - 1, wait, wait + 1, 100):
        CaseFactory(awaiting_consent=True, received_on=day(-days_ago), caseworker=leader)
    scans.run_one("consent_waits", today=TODAY)

    def describe(reminder):
        case = CaseFactory._meta.model.objects.get(pk=reminder.object_id)
        return (case.number, reminder.due_on)

    due = listed(leader, "consent", horizon_days=0)
    assert due == reminded([Reminder.Kind.CONSENT_WAITING], describe)
    assert len(due) == 3


def test_complaint_deadlines_listed_are_those_the_scan_makes_final(leader):
    grace = settings.KE_COMPLAINT_GRACE_DAYS
    for offset in (-grace - 10, -grace - 1, -grace, 0, 10):
        DecisionFactory(sent=True, complaint_deadline=day(offset))
    final_before = day(-grace)
    listed_final = listed(leader, "complaint", horizon_days=0, before=final_before)
    due = sorted((d.case.number, d.complaint_deadline) for d in decisions_due_final(TODAY))
    assert listed_final == due
    assert len(due) == 2


def test_training_listed_is_training_reminded_even_after_thousands_of_completions(leader):
    course = CourseFactory(validity_months=12)
    renewed = CoordinatorFactory()
    AppointmentFactory(coordinator=renewed)
    # Over 2,000 completions, every one but the newest long expired: the course is renewed.
    Completion.objects.bulk_create(
        Completion(
            coordinator=renewed,
            course=course,
            completed_on=day(-400 - n),
            registered_by=leader,
        )
        for n in range(2100)
    )
    CompletionFactory(coordinator=renewed, course=course, completed_on=day(-10))
    expiring = CoordinatorFactory()
    CompletionFactory(coordinator=expiring, course=course, completed_on=add_months(day(10), -12))
    expired = CoordinatorFactory()
    AppointmentFactory(coordinator=expired)
    CompletionFactory(coordinator=expired, course=course, completed_on=add_months(day(-3), -12))
    not_required = CourseFactory(
        name="Frivillig kurs",
        validity_months=12,
        required_for_coordinator=False,
        required_for_child_coordinator=False,
    )
    CompletionFactory(coordinator=expiring, course=not_required, completed_on=day(-364))
    scans.run_one("training_expiry", today=TODAY)

    def describe(reminder):
        completion = Completion.objects.get(pk=reminder.object_id)
        return ((completion.coordinator_id,), reminder.due_on)

    kinds = [Reminder.Kind.TRAINING_EXPIRING, Reminder.Kind.TRAINING_EXPIRED]
    shown = listed(leader, "training", horizon_days=WARNING_DAYS)
    assert shown == reminded(kinds, describe)
    assert {ids for ids, _ in shown} == {(expired.pk,), (expiring.pk,)}


def test_quiet_plans_listed_are_those_reminded(leader, settings):
    settings.KE_PLAN_QUIET_MONTHS = 3
    for last in (day(-200), day(-93), day(-92), day(-60), day(0)):
        plan = plan_last_active(last)
        AppointmentFactory(case=plan.case)
    scans.run_one("plans_quiet", today=TODAY)

    def describe(reminder):
        plan = PlanFactory._meta.model.objects.select_related("case").get(pk=reminder.object_id)
        return (plan.case.number, reminder.due_on)

    due = listed(leader, "quiet_plan", horizon_days=0)
    assert due == reminded([Reminder.Kind.PLAN_QUIET], describe)
    assert len(due) == 3  # 92 days back is 23 August: quiet from today


def _dispatch(*, status="sent", delivery="", channel="svarut", moved_to_post=False):
    decision = DecisionFactory(sent=True)
    letter = Letter.objects.create(
        kind=Letter.Kind.DECISION,
        decision=decision,
        recipient_key=f"person:{decision.case.person_id}",
        recipient_name="Kari Nordmann",
    )
    Dispatch.objects.create(letter=letter, channel=channel, status=status, delivery=delivery)
    if moved_to_post:
        Dispatch.objects.create(letter=letter, channel="post")
    return decision


def test_letters_that_did_not_get_through_listed_are_those_reminded(leader):
    failed = [_dispatch(status="failed"), _dispatch(delivery="failed")]
    _dispatch(delivery="read")
    _dispatch(status="queued")
    _dispatch(status="failed", moved_to_post=True)  # handled: it is in the print batch
    scans.run_one("dispatch_failures", today=TODAY)

    def describe(reminder):
        dispatch = Dispatch.objects.select_related("letter__decision__case").get(
            pk=reminder.object_id
        )
        return (dispatch.letter.decision.case.number, reminder.due_on)

    shown = listed(leader, "letter", horizon_days=0)
    assert shown == reminded([Reminder.Kind.DISPATCH_FAILED], describe)
    assert sorted(number for number, _ in shown) == sorted(d.case.number for d in failed)
