import datetime

import pytest
from django.utils import timezone

from core.errors import RuleViolation
from followup.models import Reminder
from followup.scans.plans import action_points_overdue, evaluations_due, evaluations_overdue
from plans import meetings
from plans.models import Plan
from tests.factories import AppointmentFactory, CaseFactory, UserFactory
from tests.plans.factories import ActionPointFactory, MeetingFactory, PlanFactory
from tests.queries import assert_constant_queries

TODAY = datetime.date(2026, 11, 23)

pytestmark = [pytest.mark.django_db, pytest.mark.today(TODAY)]
WINDOW = 14


@pytest.fixture(autouse=True)
def _window(settings):
    settings.KE_EVALUATION_REMINDER_DAYS = WINDOW


def day(offset: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=offset)


def plan_evaluated_in(days: int, **kwargs) -> Plan:
    """An active plan with an appointed coordinator, next evaluated `days` from TODAY."""
    plan = PlanFactory(active=True, next_evaluation_on=day(days), **kwargs)
    AppointmentFactory(case=plan.case)
    return plan


def coordinator_of(plan: Plan):
    return plan.case.appointments.get(ended_on__isnull=True).coordinator.user


def recipients(kind=None) -> set:
    reminders = Reminder.objects.filter(kind=kind) if kind else Reminder.objects.all()
    return set(reminders.values_list("recipient", flat=True))


# --- Evaluations coming up ------------------------------------------------------------------


def test_an_evaluation_today_reminds_the_coordinator(settings):
    plan = plan_evaluated_in(0)
    assert evaluations_due(TODAY) == 1
    reminder = Reminder.objects.get()
    assert (reminder.recipient, reminder.due_on) == (coordinator_of(plan), TODAY)
    assert reminder.kind == Reminder.Kind.EVALUATION_DUE


def test_an_evaluation_tomorrow_is_due():
    plan_evaluated_in(1)
    assert evaluations_due(TODAY) == 1


def test_an_evaluation_on_the_last_day_of_the_window_is_due():
    plan_evaluated_in(WINDOW)
    assert evaluations_due(TODAY) == 1


def test_an_evaluation_one_day_beyond_the_window_is_not_due_yet():
    plan_evaluated_in(WINDOW + 1)
    assert evaluations_due(TODAY) == 0


def test_the_window_follows_the_setting(settings):
    settings.KE_EVALUATION_REMINDER_DAYS = 7
    plan_evaluated_in(8)
    assert evaluations_due(TODAY) == 0


def test_a_passed_evaluation_is_not_coming_up():
    plan_evaluated_in(-1)
    assert evaluations_due(TODAY) == 0


def test_a_plan_already_reminded_is_not_reminded_again():
    plan_evaluated_in(5)
    evaluations_due(TODAY)
    assert evaluations_due(TODAY) == 0
    assert evaluations_due(day(1)) == 0


def test_a_dry_run_counts_but_records_nothing():
    plan_evaluated_in(5)
    assert evaluations_due(TODAY, dry_run=True) == 1
    assert not Reminder.objects.exists()


@pytest.mark.parametrize("scan", [evaluations_due, evaluations_overdue])
def test_draft_and_closed_plans_are_never_due(scan):
    for kwargs in ({"status": Plan.Status.DRAFT}, {"closed": True}):
        plan = PlanFactory(next_evaluation_on=day(-3), **kwargs)
        AppointmentFactory(case=plan.case)
    assert scan(TODAY) == 0


def test_a_coordinator_whose_appointment_ended_is_not_reminded():
    plan = plan_evaluated_in(3)
    ended = AppointmentFactory(case=plan.case, kind="child_coordinator", ended_on=TODAY)
    evaluations_due(TODAY)
    assert recipients() == {coordinator_of(plan).pk}
    assert ended.coordinator.user_id not in recipients()


def test_the_reminder_links_to_the_plan_and_names_only_the_case_number():
    plan = plan_evaluated_in(3)
    evaluations_due(TODAY)
    reminder = Reminder.objects.get()
    assert reminder.link == f"/planer/sak/{plan.case_id}/"
    assert plan.case.number in reminder.text
    assert plan.person.family_name not in reminder.text


def not_due(make):
    """`add_rows` for assert_constant_queries: k more rows not due, the i-th by make(i)."""
    made = []

    def add(k):
        for _ in range(k):
            made.append(make(len(made)))

    return add


def test_evaluations_due_runs_a_constant_number_of_queries():
    plan_evaluated_in(2)
    # the due rows; the reminders already recorded; savepoint, insert, release (3)
    one, many = assert_constant_queries(
        lambda: evaluations_due(TODAY),
        not_due(lambda i: plan_evaluated_in(WINDOW + 1 + i)),
        n=40,
        at_most=5,
        undo=True,
    )
    assert one == many == 1


# --- Evaluations overdue --------------------------------------------------------------------


def test_an_overdue_evaluation_reminds_the_coordinator_and_the_caseworker():
    plan = plan_evaluated_in(-1)
    assert evaluations_overdue(TODAY) == 2
    expected = {coordinator_of(plan).pk, plan.case.caseworker_id}
    assert recipients(Reminder.Kind.EVALUATION_OVERDUE) == expected


def test_an_evaluation_due_today_is_not_overdue():
    plan_evaluated_in(0)
    assert evaluations_overdue(TODAY) == 0


def test_an_overdue_plan_without_a_caseworker_reminds_the_coordinator_only():
    plan = plan_evaluated_in(-10, case=CaseFactory(caseworker=None))
    evaluations_overdue(TODAY)
    assert recipients() == {coordinator_of(plan).pk}


def test_an_overdue_plan_without_a_coordinator_still_alerts_the_caseworker():
    plan = PlanFactory(active=True, next_evaluation_on=day(-2))
    evaluations_overdue(TODAY)
    assert recipients() == {plan.case.caseworker_id}


def test_an_overdue_evaluation_is_reminded_once_however_often_the_scan_runs():
    plan_evaluated_in(-3)
    evaluations_overdue(TODAY)
    assert evaluations_overdue(TODAY) == 0
    assert evaluations_overdue(day(7)) == 0


def test_a_dry_run_of_overdue_evaluations_records_nothing():
    plan_evaluated_in(-3)
    assert evaluations_overdue(TODAY, dry_run=True) == 2
    assert not Reminder.objects.exists()


def test_evaluations_overdue_runs_a_constant_number_of_queries():
    plan_evaluated_in(-1)
    # coordinators and caseworkers: rows and recorded reminders (2 + 2); two inserts (3 each)
    one, many = assert_constant_queries(
        lambda: evaluations_overdue(TODAY),
        not_due(plan_evaluated_in),
        n=40,
        at_most=10,
        undo=True,
    )
    assert one == many == 2


# --- Action points --------------------------------------------------------------------------


def point_due_in(days: int, *, plan=None, **kwargs):
    plan = plan or plan_evaluated_in(60)
    return ActionPointFactory(meeting=MeetingFactory(plan=plan), due_on=day(days), **kwargs)


def test_an_overdue_action_point_reminds_the_coordinator():
    point = point_due_in(-1)
    assert action_points_overdue(TODAY) == 1
    reminder = Reminder.objects.get()
    assert reminder.recipient == coordinator_of(point.meeting.plan)
    assert reminder.due_on == day(-1)


def test_an_overdue_action_point_with_a_responsible_user_reminds_that_user_only():
    user = UserFactory()
    point_due_in(-1, responsible_user=user)
    action_points_overdue(TODAY)
    assert recipients(Reminder.Kind.ACTION_POINT_OVERDUE) == {user.pk}


def test_an_action_point_due_today_is_not_overdue():
    point_due_in(0)
    assert action_points_overdue(TODAY) == 0


def test_a_done_or_undated_action_point_is_never_overdue():
    point_due_in(-5, done=True)
    ActionPointFactory(meeting=MeetingFactory(plan=plan_evaluated_in(60)), due_on=None)
    assert action_points_overdue(TODAY) == 0


def test_action_points_of_draft_or_closed_plans_are_never_overdue():
    for kwargs in ({"status": Plan.Status.DRAFT}, {"closed": True}):
        plan = PlanFactory(**kwargs)
        AppointmentFactory(case=plan.case)
        point_due_in(-5, plan=plan)
    assert action_points_overdue(TODAY) == 0


def test_an_ended_coordinator_is_not_reminded_of_an_action_point():
    point = point_due_in(-2)
    ended = AppointmentFactory(
        case=point.meeting.plan.case, kind="child_coordinator", ended_on=TODAY
    )
    action_points_overdue(TODAY)
    assert recipients() == {coordinator_of(point.meeting.plan).pk}
    assert ended.coordinator.user_id not in recipients()


def test_an_action_point_reminder_says_nothing_of_what_is_to_be_done():
    point = point_due_in(-2, what="Søke om avlastning")
    action_points_overdue(TODAY)
    text = Reminder.objects.get().text
    assert point.meeting.plan.case.number in text
    assert "avlastning" not in text


def test_an_overdue_action_point_is_reminded_once():
    point_due_in(-2)
    action_points_overdue(TODAY)
    assert action_points_overdue(TODAY) == 0


def test_a_dry_run_of_action_points_records_nothing():
    point_due_in(-2)
    assert action_points_overdue(TODAY, dry_run=True) == 1
    assert not Reminder.objects.exists()


def test_action_points_overdue_runs_a_constant_number_of_queries():
    plan = plan_evaluated_in(60)
    point_due_in(-1, plan=plan)
    # to users and to coordinators: the rows (2); recorded reminders (1); one insert (3)
    one, many = assert_constant_queries(
        lambda: action_points_overdue(TODAY),
        # half overdue but done, half not yet due
        not_due(lambda i: point_due_in(-1 - i if i % 2 else i, plan=plan, done=bool(i % 2))),
        n=40,
        at_most=6,
        undo=True,
    )
    assert one == many == 1


def test_an_action_point_reminder_can_go_only_to_the_cases_coordinator_or_caseworker():
    plan = plan_evaluated_in(60)
    point = {"what": "Sende timeplan", "who": "Fysioterapeuten", "due_on": day(7)}
    with pytest.raises(RuleViolation, match="bare gå til sakens koordinator eller saksbehandler"):
        meetings.meeting_record(
            plan=plan,
            by=coordinator_of(plan),
            held_on=timezone.localdate(),
            place="Rådhuset",
            action_points=[{**point, "responsible_user": UserFactory()}],
        )
    meeting = meetings.meeting_record(
        plan=plan,
        by=coordinator_of(plan),
        held_on=timezone.localdate(),
        place="Rådhuset",
        action_points=[{**point, "responsible_user": plan.case.caseworker}],
    )
    assert meeting.action_points.get().responsible_user == plan.case.caseworker
