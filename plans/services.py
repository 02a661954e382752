"""Every change to a plan and its parts goes through here.

Each service raises `RuleViolation` with a Norwegian message and changes nothing when
the rules refuse. History rows record `by` as the user, in requests and outside them.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from cases.models import Case, TimelineEntry
from cases.services import case_transition, timeline_add
from core.errors import RuleViolation
from core.history import delete_with_history, save_with_history
from plans import rules, selectors
from plans.models import (
    ActionPoint,
    Evaluation,
    Goal,
    ItemStatus,
    Measure,
    Meeting,
    Participant,
    Plan,
)

CLOSED_PLAN = "En avsluttet plan kan ikke endres."

PLAN_CONTENT_FIELDS = (
    "resources",
    "needs",
    "person_contribution",
    "next_of_kin_contribution",
    "cooperation",
    "valid_from",
    "valid_to",
    "next_evaluation_on",
)


def _save(obj, *, by, update_fields=None) -> None:
    """Validate (fields and constraints) and save, with `by` on the history row."""
    try:
        obj.full_clean()
    except ValidationError as error:
        raise RuleViolation(error.messages) from error
    save_with_history(obj, by=by, update_fields=update_fields)


def _lock(plan: Plan) -> Plan:
    # Lock the plan row and check its state as stored now: another request may have
    # closed or activated it since this one read it.
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    if locked.is_closed:
        raise RuleViolation(CLOSED_PLAN)
    return locked


def _sync(plan: Plan, locked: Plan) -> None:
    for field in locked._meta.concrete_fields:
        setattr(plan, field.attname, getattr(locked, field.attname))


def _today(today: datetime.date | None) -> datetime.date:
    return today or timezone.localdate()


# --- The plan ---------------------------------------------------------------------


@transaction.atomic
def plan_create(*, case: Case, by) -> Plan:
    """A draft plan for the case's person. Needs consent to the plan: no plan before consent."""
    if not case.is_open:
        raise RuleViolation("Det kan ikke lages plan i en avsluttet sak.")
    if Plan.objects.filter(case=case).exists():
        raise RuleViolation("Saken har allerede en individuell plan.")
    if Plan.objects.filter(person_id=case.person_id).exclude(status=Plan.Status.CLOSED).exists():
        raise RuleViolation("Personen har allerede en individuell plan. Én person har én plan.")
    if selectors.plan_consent_in_force(selectors.case_consents(case)) is None:
        raise RuleViolation("Planen kan ikke opprettes før samtykke til individuell plan er gitt.")
    plan = Plan(case=case, person_id=case.person_id, created_by=by)
    try:
        with transaction.atomic():
            _save(plan, by=by)
    except IntegrityError:
        # Another request made the plan a moment ago; the constraints keep it to one.
        raise RuleViolation("Saken eller personen har allerede en individuell plan.") from None
    timeline_add(
        case=case, kind=TimelineEntry.Kind.SYSTEM, text="Individuell plan opprettet.", by=by
    )
    return plan


@transaction.atomic
def plan_update(*, plan: Plan, by, today: datetime.date | None = None, **fields) -> Plan:
    unknown = set(fields) - set(PLAN_CONTENT_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    locked = _lock(plan)
    # An unchanged date is not checked again: an overdue plan can still be edited.
    if fields.get("next_evaluation_on", locked.next_evaluation_on) != locked.next_evaluation_on:
        problems = rules.next_evaluation_refusals(
            fields["next_evaluation_on"],
            _today(today),
            required=locked.status == Plan.Status.ACTIVE,
        )
        if problems:
            raise RuleViolation(problems)
    problems = rules.period_refusals(
        fields.get("valid_from", locked.valid_from), fields.get("valid_to", locked.valid_to)
    )
    if problems:
        raise RuleViolation(problems)
    for name, value in fields.items():
        setattr(locked, name, value)
    _save(locked, by=by, update_fields=[*fields, "updated_at"])
    _sync(plan, locked)
    return plan


def activation_facts(
    plan: Plan,
    *,
    consents: list,
    coordinator_appointed: bool,
    goal_count: int,
    today: datetime.date | None = None,
) -> rules.ActivationFacts:
    """The facts the activation rule needs, from data already loaded."""
    in_force = selectors.plan_consent_in_force(consents) is not None
    return rules.ActivationFacts(
        status=plan.status,
        today=_today(today),
        plan_consent_in_force=in_force,
        consent_withdrawn=not in_force and any(not c.in_force for c in consents),
        coordinator_appointed=coordinator_appointed,
        goal_count=goal_count,
        next_evaluation_on=plan.next_evaluation_on,
    )


@transaction.atomic
def plan_activate(*, plan: Plan, by, today: datetime.date | None = None) -> Plan:
    """Make the plan active, or say everything that is missing and change nothing."""
    locked = Plan.objects.select_for_update().select_related("case").get(pk=plan.pk)
    facts = activation_facts(
        locked,
        consents=selectors.case_consents(locked.case),
        coordinator_appointed=selectors.active_appointment(locked.case) is not None,
        goal_count=locked.goals.exclude(status=ItemStatus.ENDED).count(),
        today=today,
    )
    problems = rules.activation_refusals(facts)
    if problems:
        raise RuleViolation(problems)
    locked.status = Plan.Status.ACTIVE
    locked.activated_on = _today(today)
    locked.suspended_note = ""
    _save(locked, by=by, update_fields=["status", "activated_on", "suspended_note", "updated_at"])
    case = locked.case
    timeline_add(
        case=case, kind=TimelineEntry.Kind.SYSTEM, text="Individuell plan aktivert.", by=by
    )
    if case.status == Case.Status.DECIDED:
        case_transition(
            case=case,
            to=Case.Status.FOLLOW_UP,
            by=by,
            reason="Individuell plan er aktivert.",
            follow_up_started=True,
        )
    _sync(plan, locked)
    return plan


@transaction.atomic
def plan_close(*, plan: Plan, by, closed_reason: str, note: str = "") -> Plan:
    if closed_reason not in Plan.ClosedReason.values:
        raise RuleViolation("Oppgi hvorfor planen avsluttes.")
    locked = _lock(plan)
    locked.status = Plan.Status.CLOSED
    locked.closed_reason = closed_reason
    locked.closed_on = timezone.localdate()
    _save(locked, by=by, update_fields=["status", "closed_reason", "closed_on", "updated_at"])
    text = f"Individuell plan avsluttet. Årsak: {locked.get_closed_reason_display()}."
    if note:
        text += f" {note}"
    timeline_add(case=locked.case, kind=TimelineEntry.Kind.SYSTEM, text=text, by=by)
    _sync(plan, locked)
    return plan


@transaction.atomic
def plans_suspend_for_withdrawn_consent(*, case, by) -> None:
    """Withdrawn consent stops the plan work: an active plan goes back to draft.

    Participants lose access to confidential information when no consent to sharing
    remains. Activation is refused until new consent is registered.
    """
    plan = Plan.objects.select_for_update().filter(case=case).first()
    if plan is None or plan.is_closed:
        return
    consents = selectors.case_consents(case)
    if selectors.sharing_consent_in_force(consents) is None:
        for participant in plan.participants.filter(has_confidential_access=True):
            participant.has_confidential_access = False
            _save(participant, by=by, update_fields=["has_confidential_access"])
    if plan.status != Plan.Status.ACTIVE or selectors.plan_consent_in_force(consents):
        return
    today = timezone.localdate()
    plan.status = Plan.Status.DRAFT
    plan.suspended_note = (
        f"Satt tilbake til utkast {today:%d.%m.%Y} fordi samtykket ble trukket tilbake. "
        "Planen kan aktiveres igjen når nytt samtykke er registrert."
    )
    _save(plan, by=by, update_fields=["status", "suspended_note", "updated_at"])
    timeline_add(
        case=case,
        kind=TimelineEntry.Kind.SYSTEM,
        text="Individuell plan satt tilbake til utkast: samtykket ble trukket tilbake.",
        by=by,
    )


# --- Goals and measures --------------------------------------------------------------


@transaction.atomic
def goal_add(*, plan: Plan, by, text: str, horizon: str = Goal.Horizon.LONG_TERM) -> Goal:
    _lock(plan)
    goal = Goal(plan=plan, text=text.strip(), horizon=horizon)
    _save(goal, by=by)
    return goal


def _set_item_status(item, *, by, status: str, note: str):
    if status not in ItemStatus.values:
        raise RuleViolation("Velg en gyldig status.")
    _lock(item.plan)
    item.status = status
    item.status_note = note
    _save(item, by=by, update_fields=["status", "status_note"])
    return item


@transaction.atomic
def goal_set_status(*, goal: Goal, by, status: str, note: str = "") -> Goal:
    """Mark a goal reached, changed or ended (or ongoing again)."""
    return _set_item_status(goal, by=by, status=status, note=note)


@transaction.atomic
def measure_add(
    *,
    plan: Plan,
    by,
    title: str,
    provider: str,
    responsible: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    scope: str = "",
    how: str = "",
    goal: Goal | None = None,
) -> Measure:
    _lock(plan)
    if not (provider or "").strip():
        raise RuleViolation("Et tiltak må ha en som gir det.")
    problems = rules.period_refusals(starts_on, ends_on)
    if problems:
        raise RuleViolation(problems)
    if goal is not None and goal.plan_id != plan.pk:
        raise RuleViolation("Målet hører til en annen plan.")
    measure = Measure(
        plan=plan,
        goal=goal,
        title=title.strip(),
        provider=provider.strip(),
        responsible=responsible.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        scope=scope,
        how=how,
    )
    _save(measure, by=by)
    return measure


@transaction.atomic
def measure_set_status(*, measure: Measure, by, status: str, note: str = "") -> Measure:
    return _set_item_status(measure, by=by, status=status, note=note)


# --- Participants -----------------------------------------------------------------------


@transaction.atomic
def participant_add(
    *,
    plan: Plan,
    by,
    name: str,
    role: str,
    organisation: str = "",
    contact: str = "",
    contribution: str = "",
    has_confidential_access: bool = False,
    in_responsibility_group: bool = False,
) -> Participant:
    _lock(plan)
    if has_confidential_access and not selectors.sharing_consent_in_force(
        selectors.case_consents(plan.case)
    ):
        raise RuleViolation(
            "Deltakeren kan ikke få tilgang til taushetsbelagte opplysninger uten samtykke "
            "til deling. Registrer samtykket først."
        )
    participant = Participant(
        plan=plan,
        name=name.strip(),
        role=role,
        organisation=organisation,
        contact=contact,
        contribution=contribution,
        has_confidential_access=has_confidential_access,
        in_responsibility_group=in_responsibility_group,
    )
    _save(participant, by=by)
    return participant


@transaction.atomic
def participant_remove(*, participant: Participant, by) -> None:
    """The participant leaves the plan; the history keeps who they were."""
    _lock(participant.plan)
    delete_with_history(participant, by=by)


# --- Responsibility group and evaluations ------------------------------------------------


@transaction.atomic
def meeting_record(
    *,
    plan: Plan,
    by,
    held_on: datetime.date,
    place: str,
    agenda: str = "",
    minutes: str = "",
    agreements: str = "",
    next_meeting_on: datetime.date | None = None,
    next_meeting_at: datetime.time | None = None,
    action_points: list[dict] | None = None,
) -> Meeting:
    """A responsibility-group meeting and its action points (what, who, by when)."""
    _lock(plan)
    if held_on > timezone.localdate():
        raise RuleViolation("Et møte kan ikke registreres før det er holdt.")
    if next_meeting_on and next_meeting_on <= held_on:
        raise RuleViolation("Neste møte må være etter dette møtet.")
    if next_meeting_at and not next_meeting_on:
        raise RuleViolation("Oppgi datoen for neste møte.")
    for point in action_points or []:
        problems = rules.action_point_refusals(point.get("due_on"), held_on)
        if problems:
            raise RuleViolation(problems)
    responsible = {p["responsible_user"] for p in action_points or [] if p.get("responsible_user")}
    if responsible:
        allowed = set(selectors.action_point_users(plan.case))
        if not responsible <= allowed:
            raise RuleViolation(
                "Påminnelsen kan bare gå til sakens koordinator eller saksbehandler."
            )
    meeting = Meeting(
        plan=plan,
        held_on=held_on,
        place=place.strip(),
        agenda=agenda,
        minutes=minutes,
        agreements=agreements,
        next_meeting_on=next_meeting_on,
        next_meeting_at=next_meeting_at,
        recorded_by=by,
    )
    _save(meeting, by=by)
    for point in action_points or []:
        _save(ActionPoint(meeting=meeting, **point), by=by)
    return meeting


@transaction.atomic
def action_point_set_done(*, action_point: ActionPoint, by, done: bool) -> ActionPoint:
    _lock(action_point.meeting.plan)
    action_point.done = done
    _save(action_point, by=by, update_fields=["done"])
    return action_point


@transaction.atomic
def evaluation_record(
    *,
    plan: Plan,
    by,
    held_on: datetime.date,
    what_worked: str,
    next_evaluation_on: datetime.date,
    what_changes: str = "",
    today: datetime.date | None = None,
) -> Evaluation:
    """Record an evaluation; its next date becomes the plan's next evaluation."""
    locked = _lock(plan)
    today = _today(today)
    if held_on > today:
        raise RuleViolation("En evaluering kan ikke registreres før den er holdt.")
    problems = rules.next_evaluation_refusals(next_evaluation_on, today, required=True)
    if not problems and next_evaluation_on <= held_on:
        problems = ["Neste evaluering må være etter denne."]
    if problems:
        raise RuleViolation(problems)
    evaluation = Evaluation(
        plan=locked,
        held_on=held_on,
        what_worked=what_worked,
        what_changes=what_changes,
        next_evaluation_on=next_evaluation_on,
        recorded_by=by,
    )
    _save(evaluation, by=by)
    locked.next_evaluation_on = next_evaluation_on
    _save(locked, by=by, update_fields=["next_evaluation_on", "updated_at"])
    _sync(plan, locked)
    return evaluation
