import datetime

import pytest
from django.utils import timezone

from cases.models import Case
from core.errors import RuleViolation
from followup import services as followup_services
from plans import meetings, services
from plans.models import ActionPoint, Goal, ItemStatus, Measure, Meeting, Participant, Plan
from tests.factories import (
    AppointmentFactory,
    CaseFactory,
    ConsentFactory,
    RelationFactory,
    UserFactory,
)
from tests.plans.factories import (
    AccessConsentFactory,
    GoalFactory,
    MeasureFactory,
    PlanFactory,
    ready_plan,
)

TODAY = timezone.localdate  # frozen by the module's `today` mark

pytestmark = [pytest.mark.django_db, pytest.mark.today("2026-06-15")]


def days(n: int) -> datetime.date:
    return TODAY() + datetime.timedelta(days=n)


@pytest.fixture
def user():
    return UserFactory()


# --- Creating --------------------------------------------------------------------------------


def test_a_draft_plan_is_created_for_the_cases_person(user):
    case = ConsentFactory().case
    plan = services.plan_create(case=case, by=user)
    assert (plan.status, plan.person_id) == (Plan.Status.DRAFT, case.person_id)


def test_no_plan_is_created_before_consent_to_the_plan(user):
    case = ConsentFactory(covers_plan=False).case
    with pytest.raises(RuleViolation, match="før samtykke til individuell plan"):
        services.plan_create(case=case, by=user)
    assert not Plan.objects.exists()


def test_a_person_has_one_plan(user):
    first = PlanFactory()
    second_case = CaseFactory(person=first.person)
    ConsentFactory(case=second_case)
    with pytest.raises(RuleViolation, match="Én person har én plan"):
        services.plan_create(case=second_case, by=user)


def test_a_closed_case_gets_no_plan(user):
    case = ConsentFactory(case=CaseFactory(closed=True)).case
    with pytest.raises(RuleViolation, match="avsluttet sak"):
        services.plan_create(case=case, by=user)


# --- Activating ------------------------------------------------------------------------------


def test_a_ready_plan_becomes_active(user):
    plan = services.plan_activate(plan=ready_plan(), by=user)
    assert plan.status == Plan.Status.ACTIVE


def test_activating_moves_a_decided_case_to_follow_up(user):
    plan = ready_plan(case_status=Case.Status.DECIDED)
    services.plan_activate(plan=plan, by=user)
    plan.case.refresh_from_db()
    assert plan.case.status == Case.Status.FOLLOW_UP


def test_activating_leaves_a_case_in_assessment_where_it_is(user):
    plan = ready_plan(case_status=Case.Status.UNDER_ASSESSMENT)
    services.plan_activate(plan=plan, by=user)
    plan.case.refresh_from_db()
    assert plan.case.status == Case.Status.UNDER_ASSESSMENT


def test_activation_without_a_goal_is_refused_and_changes_nothing(user):
    plan = ready_plan()
    plan.goals.all().delete()
    with pytest.raises(RuleViolation) as error:
        services.plan_activate(plan=plan, by=user)
    assert error.value.messages == ["Planen må ha minst ett mål."]
    assert Plan.objects.get().status == Plan.Status.DRAFT


def test_an_ended_goal_does_not_count_for_activation(user):
    plan = ready_plan()
    plan.goals.update(status=ItemStatus.ENDED)
    with pytest.raises(RuleViolation, match="minst ett mål"):
        services.plan_activate(plan=plan, by=user)


def test_activation_without_a_coordinator_is_refused(user):
    plan = ready_plan()
    plan.case.appointments.update(ended_on=TODAY())
    with pytest.raises(RuleViolation, match="ingen oppnevnt koordinator"):
        services.plan_activate(plan=plan, by=user)


def test_activation_without_a_next_evaluation_date_is_refused(user):
    plan = ready_plan(next_evaluation_on=None)
    with pytest.raises(RuleViolation, match="Sett dato for neste evaluering"):
        services.plan_activate(plan=plan, by=user)


def test_activation_with_a_past_evaluation_date_is_refused(user):
    plan = ready_plan()
    Plan.objects.filter(pk=plan.pk).update(next_evaluation_on=days(-1))
    plan.refresh_from_db()
    with pytest.raises(RuleViolation, match="tilbake i tid"):
        services.plan_activate(plan=plan, by=user)


def test_activation_after_consent_was_withdrawn_is_refused(user):
    plan = ready_plan()
    plan.case.consents.update(withdrawn_on=TODAY())
    with pytest.raises(RuleViolation, match="Samtykket er trukket tilbake"):
        services.plan_activate(plan=plan, by=user)
    assert Plan.objects.get().status == Plan.Status.DRAFT


def test_activation_without_any_consent_is_refused(user):
    plan = ready_plan()
    plan.case.consents.all().delete()
    with pytest.raises(RuleViolation, match="Samtykke til individuell plan mangler"):
        services.plan_activate(plan=plan, by=user)


# --- Withdrawn consent -----------------------------------------------------------------------


def test_withdrawing_consent_sets_an_active_plan_back_to_draft_with_a_note(user):
    plan = ready_plan()
    services.plan_activate(plan=plan, by=user)
    followup_services.consent_withdraw(
        consent=plan.case.consents.get(), by=user, withdrawn_on=TODAY()
    )
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT
    assert "samtykket ble trukket tilbake" in plan.suspended_note


def test_withdrawing_consent_to_the_plan_withdraws_every_participants_access(user):
    plan = ready_plan()
    consent = AccessConsentFactory(participant__plan=plan)
    followup_services.consent_withdraw(
        consent=plan.case.consents.get(), by=user, withdrawn_on=TODAY()
    )
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None


def test_a_plan_stays_active_while_another_consent_to_it_is_in_force(user):
    plan = ready_plan()
    services.plan_activate(plan=plan, by=user)
    ConsentFactory(case=plan.case)
    followup_services.consent_withdraw(
        consent=plan.case.consents.first(), by=user, withdrawn_on=TODAY()
    )
    plan.refresh_from_db()
    assert plan.status == Plan.Status.ACTIVE


# --- Closing and closed plans ------------------------------------------------------------------


def test_a_plan_is_closed_with_a_reason(user):
    plan = services.plan_close(plan=PlanFactory(active=True), by=user, closed_reason="moved")
    assert (plan.status, plan.closed_reason) == (Plan.Status.CLOSED, "moved")


def test_closing_without_a_reason_is_refused(user):
    with pytest.raises(RuleViolation, match="hvorfor planen avsluttes"):
        services.plan_close(plan=PlanFactory(active=True), by=user, closed_reason="")


@pytest.mark.parametrize(
    "edit",
    [
        lambda plan, by: services.goal_add(plan=plan, by=by, text="Nytt mål"),
        lambda plan, by: services.measure_add(
            plan=plan, by=by, title="T", provider="P", responsible="R", starts_on=TODAY()
        ),
        lambda plan, by: services.plan_update(plan=plan, by=by, needs="Mer hjelp"),
        lambda plan, by: services.participant_add(plan=plan, by=by, name="N", role="nav"),
        lambda plan, by: meetings.meeting_record(plan=plan, by=by, held_on=TODAY(), place="X"),
        lambda plan, by: meetings.evaluation_record(
            plan=plan, by=by, held_on=TODAY(), what_worked="x", next_evaluation_on=days(30)
        ),
        lambda plan, by: services.plan_close(plan=plan, by=by, closed_reason="moved"),
    ],
    ids=["goal", "measure", "content", "participant", "meeting", "evaluation", "close"],
)
def test_a_closed_plan_refuses_every_edit(user, edit):
    plan = PlanFactory(closed=True)
    with pytest.raises(RuleViolation, match="En avsluttet plan kan ikke endres"):
        edit(plan, user)


def test_a_goal_on_a_closed_plan_is_not_saved(user):
    plan = PlanFactory(closed=True)
    with pytest.raises(RuleViolation, match="En avsluttet plan kan ikke endres"):
        services.goal_add(plan=plan, by=user, text="Nytt mål")
    assert not Goal.objects.exists()


# --- Measures ---------------------------------------------------------------------------------


def test_a_measure_without_a_provider_is_refused(user):
    with pytest.raises(RuleViolation, match="må ha en som gir det"):
        services.measure_add(
            plan=PlanFactory(),
            by=user,
            title="T",
            provider="  ",
            responsible="R",
            starts_on=TODAY(),
        )
    assert not Measure.objects.exists()


def test_a_measure_that_ends_before_it_starts_is_refused(user):
    with pytest.raises(RuleViolation, match="slutte før den begynner"):
        services.measure_add(
            plan=PlanFactory(),
            by=user,
            title="T",
            provider="P",
            responsible="R",
            starts_on=TODAY(),
            ends_on=days(-1),
        )
    assert not Measure.objects.exists()


def test_the_database_refuses_a_measure_period_that_ends_before_it_starts():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        MeasureFactory(starts_on=TODAY(), ends_on=days(-1))


def test_a_measure_is_marked_reached_with_a_note(user):
    measure = services.measure_set_status(
        measure=MeasureFactory(), by=user, status=ItemStatus.REACHED, note="Ferdig"
    )
    assert (measure.status, measure.status_note) == (ItemStatus.REACHED, "Ferdig")


def test_a_goal_is_marked_changed(user):
    goal = services.goal_set_status(goal=GoalFactory(), by=user, status=ItemStatus.CHANGED)
    assert goal.status == ItemStatus.CHANGED


def test_a_measure_may_not_point_at_another_plans_goal(user):
    with pytest.raises(RuleViolation, match="annen plan"):
        services.measure_add(
            plan=PlanFactory(),
            by=user,
            goal=GoalFactory(),
            title="T",
            provider="P",
            responsible="R",
            starts_on=TODAY(),
        )


# --- Evaluations and dates ----------------------------------------------------------------------


def test_an_evaluation_sets_the_plans_next_evaluation(user):
    plan = PlanFactory(active=True)
    meetings.evaluation_record(
        plan=plan, by=user, held_on=TODAY(), what_worked="Bra", next_evaluation_on=days(120)
    )
    plan.refresh_from_db()
    assert plan.next_evaluation_on == days(120)


def test_an_evaluation_with_a_next_date_in_the_past_is_refused(user):
    plan = PlanFactory(active=True)
    with pytest.raises(RuleViolation, match="tilbake i tid"):
        meetings.evaluation_record(
            plan=plan, by=user, held_on=days(-10), what_worked="Bra", next_evaluation_on=days(-1)
        )
    assert not plan.evaluations.exists()


def test_an_active_plan_refuses_a_next_evaluation_in_the_past(user):
    plan = PlanFactory(active=True)
    with pytest.raises(RuleViolation, match="tilbake i tid"):
        services.plan_update(plan=plan, by=user, next_evaluation_on=days(-1))
    plan.refresh_from_db()
    assert plan.next_evaluation_on == days(60)


def test_an_active_plan_always_keeps_a_next_evaluation(user):
    with pytest.raises(RuleViolation, match="Sett dato for neste evaluering"):
        services.plan_update(plan=PlanFactory(active=True), by=user, next_evaluation_on=None)


def test_a_plan_period_that_ends_before_it_starts_is_refused(user):
    with pytest.raises(RuleViolation, match="slutte før den begynner"):
        services.plan_update(plan=PlanFactory(), by=user, valid_from=TODAY(), valid_to=days(-1))


# --- Participants and meetings -----------------------------------------------------------------


def test_a_participant_logs_in_only_by_a_relation_of_the_plans_own_person(user):
    with pytest.raises(RuleViolation, match="annen person"):
        services.participant_add(
            plan=PlanFactory(), by=user, name="N", role="parent", relation=RelationFactory()
        )


def test_a_meeting_is_recorded_with_its_action_points(user):
    meeting = meetings.meeting_record(
        plan=PlanFactory(),
        by=user,
        held_on=TODAY(),
        place="Skolen",
        action_points=[{"what": "Ringe BUP", "who": "Kari", "due_on": days(7)}],
    )
    assert list(meeting.action_points.values_list("what", flat=True)) == ["Ringe BUP"]


def test_a_meeting_held_before_2000_is_refused(user):
    with pytest.raises(RuleViolation, match="Datoen kan ikke være før 01.01.2000"):
        meetings.meeting_record(
            plan=PlanFactory(), by=user, held_on=datetime.date(1999, 12, 31), place="Skolen"
        )
    assert not Meeting.objects.exists()


def test_a_meeting_whose_next_meeting_is_not_later_is_refused_with_no_action_points(user):
    with pytest.raises(RuleViolation, match="Neste møte må være etter"):
        meetings.meeting_record(
            plan=PlanFactory(),
            by=user,
            held_on=TODAY(),
            place="Skolen",
            next_meeting_on=TODAY(),
            action_points=[{"what": "Ringe BUP", "who": "Kari", "due_on": None}],
        )
    assert not ActionPoint.objects.exists()


def test_a_meeting_with_an_action_point_due_before_the_meeting_is_refused_whole(user):
    plan = PlanFactory()
    with pytest.raises(RuleViolation, match="kan ikke være før møtedatoen"):
        meetings.meeting_record(
            plan=plan,
            by=user,
            held_on=days(-3),
            place="Skolen",
            action_points=[
                {"what": "Ringe BUP", "who": "Kari", "due_on": days(-2)},
                {"what": "Ringe PPT", "who": "Kari", "due_on": days(-4)},
            ],
        )
    assert not plan.meetings.exists()
    assert not ActionPoint.objects.exists()


# --- History -------------------------------------------------------------------------------------


def test_a_change_keeps_who_when_and_what(user):
    plan = PlanFactory()
    services.plan_update(plan=plan, by=user, needs="Avlastning")
    record = plan.history.latest()
    assert record.history_user == user
    assert record.diff_against(record.prev_record).changed_fields == ["needs"]


def test_a_removed_participant_stays_in_the_history(user):
    participant = services.participant_add(plan=PlanFactory(), by=user, name="Nina", role="nav")
    participant_id = participant.pk
    services.participant_remove(participant=participant, by=user)
    assert Participant.history.filter(id=participant_id).latest().history_type == "-"


def test_a_removal_is_in_the_removers_name(user):
    participant = services.participant_add(plan=PlanFactory(), by=user, name="Nina", role="nav")
    participant_id = participant.pk
    remover = UserFactory(caseworker=True)
    services.participant_remove(participant=participant, by=remover)
    assert Participant.history.filter(id=participant_id).latest().history_user == remover


def test_closing_a_plan_records_who_closed_it(user):
    plan = services.plan_close(plan=PlanFactory(active=True), by=user, closed_reason="moved")
    assert plan.history.latest().history_user == user


def test_next_evaluations_are_read_for_active_plans_only():
    from plans.selectors import next_evaluations

    active = PlanFactory(active=True)
    draft = PlanFactory(next_evaluation_on=days(5))
    assert next_evaluations([active.case_id, draft.case_id]) == {active.case_id: days(60)}


def test_an_active_appointment_lets_the_coordinator_edit():
    from plans.selectors import is_plan_editor

    appointment = AppointmentFactory()
    assert is_plan_editor(appointment.coordinator.user, appointment.case) is True


def test_an_overdue_active_plan_can_still_be_edited(user):
    plan = PlanFactory(active=True)
    Plan.objects.filter(pk=plan.pk).update(next_evaluation_on=days(-3))
    plan.refresh_from_db()
    services.plan_update(plan=plan, by=user, needs="Mer avlastning", next_evaluation_on=days(-3))
    assert Plan.objects.get().needs == "Mer avlastning"
