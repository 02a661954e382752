"""Plans that go quiet (issue 15.6): an active plan with no update, meeting or evaluation
for KE_PLAN_QUIET_MONTHS months shows in Frister and Oversikt, and its coordinator is
reminded."""

import datetime
import importlib

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from followup import scans
from followup.deadlines import find
from followup.models import Reminder
from plans.models import Plan, PlanMessage
from tests.factories import (
    AppointmentFactory,
    CoordinatorFactory,
    RelationFactory,
    ServiceAreaFactory,
    UserFactory,
)
from tests.plans.factories import (
    EvaluationFactory,
    GoalFactory,
    MeetingFactory,
    ParticipantFactory,
    PlanFactory,
    citizen_user,
    participant_user,
    plan_last_active,
    written_at,
)
from tests.queries import assert_constant_queries

TODAY = datetime.date(2026, 11, 23)

pytestmark = [pytest.mark.django_db, pytest.mark.today(TODAY)]


def quiet_rows(user, horizon_days=0):
    return [
        r for r in find(user, today=TODAY, horizon_days=horizon_days).rows if r.kind == "quiet_plan"
    ]


@pytest.fixture
def leader(db):
    return UserFactory(leader=True)


def test_a_plan_with_no_activity_for_three_months_shows_in_frister(leader, settings):
    settings.KE_PLAN_QUIET_MONTHS = 3
    plan = plan_last_active(datetime.date(2026, 8, 1))
    (row,) = quiet_rows(leader)
    assert (row.case_number, row.due_on) == (plan.case.number, datetime.date(2026, 11, 1))


def test_a_plan_active_within_the_months_does_not(leader, settings):
    settings.KE_PLAN_QUIET_MONTHS = 3
    plan_last_active(datetime.date(2026, 9, 1))
    assert quiet_rows(leader) == []


@pytest.mark.parametrize(
    "activity",
    [
        lambda plan: MeetingFactory(plan=plan, held_on=datetime.date(2026, 10, 1)),
        lambda plan: EvaluationFactory(plan=plan, held_on=datetime.date(2026, 10, 1)),
        lambda plan: GoalFactory(plan=plan),
    ],
    ids=["meeting", "evaluation", "new goal"],
)
def test_a_meeting_an_evaluation_or_a_change_keeps_a_plan_from_going_quiet(leader, activity):
    plan = plan_last_active(datetime.date(2026, 1, 5))
    activity(plan)
    assert quiet_rows(leader) == []


def test_the_number_of_months_is_a_setting(leader, settings):
    plan_last_active(datetime.date(2026, 7, 1))
    settings.KE_PLAN_QUIET_MONTHS = 6
    assert quiet_rows(leader) == []
    settings.KE_PLAN_QUIET_MONTHS = 4
    assert len(quiet_rows(leader)) == 1


def test_a_closed_or_draft_plan_never_goes_quiet(leader):
    PlanFactory(closed=True)
    PlanFactory()
    assert quiet_rows(leader, horizon_days=365) == []


def test_the_coordinator_of_a_quiet_plan_is_reminded_once(settings):
    settings.KE_PLAN_QUIET_MONTHS = 3
    plan = plan_last_active(datetime.date(2026, 8, 1))
    appointment = AppointmentFactory(case=plan.case)
    scans.run_one("plans_quiet", today=TODAY)
    scans.run_one("plans_quiet", today=TODAY)
    reminder = Reminder.objects.get(kind=Reminder.Kind.PLAN_QUIET)
    assert reminder.recipient == appointment.coordinator.user
    assert reminder.due_on == datetime.date(2026, 11, 1)
    assert "01.08.2026" in reminder.text and plan.case.number in reminder.text


def test_the_reminder_names_no_person(settings):
    plan = plan_last_active(datetime.date(2026, 1, 5))
    AppointmentFactory(case=plan.case)
    scans.run_one("plans_quiet", today=TODAY)
    text = Reminder.objects.get(kind=Reminder.Kind.PLAN_QUIET).text
    assert plan.person.family_name not in text and plan.person.given_name not in text


def test_oversikt_shows_active_and_quiet_plans_per_service_area(caseworker_client):
    school = CoordinatorFactory(service_area=ServiceAreaFactory(name="Skole", slug="skole"))
    AppointmentFactory(case=plan_last_active(datetime.date(2026, 1, 5)).case, coordinator=school)
    AppointmentFactory(case=plan_last_active(TODAY).case, coordinator=school)
    plan_last_active(datetime.date(2026, 1, 5))  # no coordinator
    response = caseworker_client.get(reverse("followup:overview"))
    assert ("Skole", 2, 1, 0) in response.context["plans_by_area"]
    assert ("Uten koordinator", 1, 1, 0) in response.context["plans_by_area"]


def test_frister_runs_the_same_queries_for_one_quiet_plan_and_many(caseworker_client):
    def add_rows(k):
        for _ in range(k):
            AppointmentFactory(case=plan_last_active(datetime.date(2026, 1, 5)).case)

    one, many = assert_constant_queries(
        lambda: caseworker_client.get(reverse("followup:deadlines")), add_rows, n=15
    )
    assert len([r for r, _ in many.context["rows"] if r.kind == "quiet_plan"]) == 15


def test_the_scan_finds_one_quiet_plan_or_many_in_the_same_queries():
    # A dry run: recording each reminder is one insert per reminder, as in every scan.
    def add_rows(k):
        for _ in range(k):
            AppointmentFactory(case=plan_last_active(datetime.date(2026, 1, 5)).case)

    assert_constant_queries(
        lambda: scans.run_one("plans_quiet", today=TODAY, dry_run=True), add_rows, n=15
    )


def test_a_message_in_the_plan_is_activity(leader, settings):
    settings.KE_PLAN_QUIET_MONTHS = 3
    plan = plan_last_active(datetime.date(2026, 1, 5))
    author = UserFactory()
    with written_at(datetime.datetime(2026, 11, 1, 12, tzinfo=datetime.UTC)):
        PlanMessage.objects.create(plan=plan, author=author, author_name="Skolen")
    assert quiet_rows(leader) == []


def test_oversikt_counts_the_participants_who_have_logged_in(caseworker_client):
    school = CoordinatorFactory(service_area=ServiceAreaFactory(name="Skole", slug="skole"))
    plan = plan_last_active(TODAY)
    AppointmentFactory(case=plan.case, coordinator=school)
    teacher = participant_user(ParticipantFactory(plan=plan))
    get_user_model().objects.filter(pk=teacher.pk).update(last_login=timezone.now())
    participant_user(ParticipantFactory(plan=plan))  # invited, never logged in
    parent = RelationFactory(person=plan.person, national_id="01017012345")
    ParticipantFactory(plan=plan, relation=parent)
    citizen = citizen_user(parent.national_id)
    get_user_model().objects.filter(pk=citizen.pk).update(last_login=timezone.now())
    response = caseworker_client.get(reverse("followup:overview"))
    assert ("Skole", 1, 0, 2) in response.context["plans_by_area"]


def test_a_participant_who_logged_in_both_ways_counts_once(caseworker_client):
    plan = plan_last_active(TODAY)
    school = CoordinatorFactory(service_area=ServiceAreaFactory(name="Skole", slug="skole"))
    AppointmentFactory(case=plan.case, coordinator=school)
    parent = RelationFactory(person=plan.person, national_id="01017012345")
    both = ParticipantFactory(plan=plan, relation=parent)
    participant_user(both)
    citizen = citizen_user(parent.national_id)
    get_user_model().objects.filter(pk__in=[both.user_id, citizen.pk]).update(
        last_login=timezone.now()
    )
    response = caseworker_client.get(reverse("followup:overview"))
    assert ("Skole", 1, 0, 1) in response.context["plans_by_area"]


def test_participants_of_a_plan_with_no_coordinator_who_logged_in_are_counted(caseworker_client):
    plan = plan_last_active(TODAY)
    teacher = participant_user(ParticipantFactory(plan=plan))
    get_user_model().objects.filter(pk=teacher.pk).update(last_login=timezone.now())
    response = caseworker_client.get(reverse("followup:overview"))
    assert response.context["plans_by_area"] == [("Uten koordinator", 1, 0, 1)]


def test_participants_of_a_plan_not_active_are_not_counted(caseworker_client):
    plan = plan_last_active(TODAY)
    school = CoordinatorFactory(service_area=ServiceAreaFactory(name="Skole", slug="skole"))
    AppointmentFactory(case=plan.case, coordinator=school)
    teacher = participant_user(ParticipantFactory(plan=plan))
    get_user_model().objects.filter(pk=teacher.pk).update(last_login=timezone.now())
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.DRAFT)
    response = caseworker_client.get(reverse("followup:overview"))
    assert response.context["plans_by_area"] == []


def test_oversikt_runs_the_same_queries_for_one_plan_by_area_and_many(caseworker_client):
    def add_rows(k):
        for _ in range(k):
            plan = plan_last_active(datetime.date(2026, 1, 5))
            AppointmentFactory(case=plan.case)
            teacher = participant_user(ParticipantFactory(plan=plan))
            get_user_model().objects.filter(pk=teacher.pk).update(last_login=timezone.now())
        plan_last_active(TODAY)  # and one with no coordinator, each time

    one, many = assert_constant_queries(
        lambda: caseworker_client.get(reverse("followup:overview")), add_rows, n=15
    )
    rows = {
        area: (active, quiet, users) for area, active, quiet, users in many.context["plans_by_area"]
    }
    assert rows.pop("Uten koordinator") == (2, 0, 0)
    assert sum(active for active, _, _ in rows.values()) == 15
    assert sum(users for _, _, users in rows.values()) == 15


@pytest.mark.parametrize(
    ("moment", "quiet"),
    [
        # 23:30 on 23 August in Oslo: the cutoff day itself (three months before TODAY).
        (datetime.datetime(2026, 8, 23, 21, 30, tzinfo=datetime.UTC), True),
        # 00:30 on 24 August in Oslo, still 23 August in UTC: after the cutoff.
        (datetime.datetime(2026, 8, 23, 22, 30, tzinfo=datetime.UTC), False),
    ],
    ids=["late on the cutoff day", "just after local midnight"],
)
def test_activity_counts_by_the_local_day_it_happened(leader, settings, moment, quiet):
    settings.KE_PLAN_QUIET_MONTHS = 3
    plan = plan_last_active(datetime.date(2026, 1, 5))
    with written_at(moment):
        GoalFactory(plan=plan)
    assert bool(quiet_rows(leader)) is quiet


def test_a_goal_deleted_leaves_the_plan_active_until_the_scan_puts_it_right(leader, settings):
    settings.KE_PLAN_QUIET_MONTHS = 3
    plan = plan_last_active(datetime.date(2026, 1, 5))
    GoalFactory(plan=plan).delete()
    assert quiet_rows(leader) == []
    assert scans.run_one("plans_last_active", today=TODAY, dry_run=True) == 1
    assert scans.run_one("plans_last_active", today=TODAY) == 1
    assert len(quiet_rows(leader)) == 1
    assert scans.run_one("plans_last_active", today=TODAY) == 0


def test_a_save_of_the_plan_that_leaves_its_edit_time_alone_is_no_activity(leader, settings):
    settings.KE_PLAN_QUIET_MONTHS = 3
    plan = plan_last_active(datetime.date(2026, 1, 5))
    plan.next_evaluation_on = TODAY
    plan.save(update_fields=["next_evaluation_on"])
    assert len(quiet_rows(leader)) == 1
    plan.save()
    assert quiet_rows(leader) == []


def test_the_migration_dates_each_plan_by_its_rows():
    from django.apps import apps

    migration = importlib.import_module("plans.migrations.0009_plan_last_active_on")
    plan = plan_last_active(datetime.date(2026, 1, 5))
    with written_at(datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC)):
        MeetingFactory(plan=plan, held_on=datetime.date(2026, 5, 20))
    Plan.objects.filter(pk=plan.pk).update(last_active_on=None)
    migration.fill_last_active_on(apps, None)
    plan.refresh_from_db()
    assert plan.last_active_on == datetime.date(2026, 6, 1)
