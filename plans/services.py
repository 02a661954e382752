"""Every change to a plan and its parts goes through here.

Each service raises `RuleViolation` with a Norwegian message and changes nothing when
the rules refuse. History rows record `by` as the user, in requests and outside them.
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from cases.consents import consent_record, consent_withdrawal_record
from cases.models import Case, Consent, TimelineEntry
from cases.services import case_transition, timeline_add
from core.errors import RuleViolation
from core.history import delete_with_history
from core.locking import refuse_if_changed
from plans import participation, rules, selectors
from plans.models import (
    AccessConsent,
    Goal,
    ItemStatus,
    Measure,
    Participant,
    Plan,
)
from plans.writes import lock_plan, save, sync, today_or

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

STALE = (
    "Planen ble endret av noen andre etter at du åpnet skjemaet. Endringene dine er ikke "
    "lagret, men står i skjemaet nedenfor. Se over planen slik den nå er lagret, og lagre "
    "igjen hvis endringene dine skal gjelde."
)


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
            save(plan, by=by)
    except IntegrityError:
        # Another request made the plan a moment ago; the constraints keep it to one.
        raise RuleViolation("Saken eller personen har allerede en individuell plan.") from None
    timeline_add(
        case=case, kind=TimelineEntry.Kind.SYSTEM, text="Individuell plan opprettet.", by=by
    )
    return plan


@transaction.atomic
def plan_update(
    *,
    plan: Plan,
    by,
    today: datetime.date | None = None,
    expected_stamp: str | None = None,
    **fields,
) -> Plan:
    """Save "Endre planen", unless someone saved these fields since the form was opened."""
    unknown = set(fields) - set(PLAN_CONTENT_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    locked = lock_plan(plan)
    refuse_if_changed(locked, PLAN_CONTENT_FIELDS, expected_stamp, message=STALE)
    # An unchanged date is not checked again: an overdue plan can still be edited.
    if fields.get("next_evaluation_on", locked.next_evaluation_on) != locked.next_evaluation_on:
        problems = rules.next_evaluation_refusals(
            fields["next_evaluation_on"],
            today_or(today),
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
    save(locked, by=by, update_fields=[*fields, "updated_at"])
    sync(plan, locked)
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
        today=today_or(today),
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
    locked.activated_on = today_or(today)
    locked.suspended_note = ""
    save(locked, by=by, update_fields=["status", "activated_on", "suspended_note", "updated_at"])
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
    sync(plan, locked)
    return plan


@transaction.atomic
def plan_close(*, plan: Plan, by, closed_reason: str, note: str = "") -> Plan:
    if closed_reason not in Plan.ClosedReason.values:
        raise RuleViolation("Oppgi hvorfor planen avsluttes.")
    locked = lock_plan(plan)
    locked.status = Plan.Status.CLOSED
    locked.closed_reason = closed_reason
    locked.closed_on = timezone.localdate()
    save(locked, by=by, update_fields=["status", "closed_reason", "closed_on", "updated_at"])
    text = f"Individuell plan avsluttet. Årsak: {locked.get_closed_reason_display()}."
    if note:
        text += f" {note}"
    timeline_add(case=locked.case, kind=TimelineEntry.Kind.SYSTEM, text=text, by=by)
    sync(plan, locked)
    return plan


@transaction.atomic
def plans_suspend_for_withdrawn_consent(*, case, by) -> None:
    """Withdrawn consent stops the plan work: an active plan goes back to draft.

    Participants lose their access when no consent to the plan remains, and access to
    confidential information when no consent to sharing remains. Activation is refused
    until new consent is registered.
    """
    plan = Plan.objects.select_for_update().filter(case=case).first()
    if plan is None or plan.is_closed:
        return
    consents = selectors.case_consents(case)
    if selectors.plan_consent_in_force(consents) is None:
        participation.access_consents_withdraw_for_plan(
            plan=plan, by=by, reason="Samtykket til planen er trukket tilbake."
        )
    elif selectors.sharing_consent_in_force(consents) is None:
        participation.access_consents_withdraw_for_plan(
            plan=plan,
            by=by,
            reason="Samtykket til deling av taushetsbelagte opplysninger er trukket tilbake.",
            scope=AccessConsent.Scope.CONFIDENTIAL,
        )
    if plan.status != Plan.Status.ACTIVE or selectors.plan_consent_in_force(consents):
        return
    today = timezone.localdate()
    plan.status = Plan.Status.DRAFT
    plan.suspended_note = (
        f"Satt tilbake til utkast {today:%d.%m.%Y} fordi samtykket ble trukket tilbake. "
        "Planen kan aktiveres igjen når nytt samtykke er registrert."
    )
    save(plan, by=by, update_fields=["status", "suspended_note", "updated_at"])
    timeline_add(
        case=case,
        kind=TimelineEntry.Kind.SYSTEM,
        text="Individuell plan satt tilbake til utkast: samtykket ble trukket tilbake.",
        by=by,
    )


# --- The owner's consent to the plan, given in the app -----------------------------------


@transaction.atomic
def plan_consent_give(*, plan: Plan, by, given_as: str, given_by_name: str, acr: str) -> Consent:
    """The owner (or a parent of a child under 16), logged in with ID-porten, consents to
    the plan; recorded on the case as the coordinator's paper consents are."""
    if selectors.plan_consent_in_force(selectors.case_consents(plan.case)):
        raise RuleViolation("Samtykket til planen er allerede gitt.")
    if not acr:
        raise RuleViolation("Logg inn med ID-porten på nytt for å gi samtykke.")
    return consent_record(
        case=plan.case,
        by=by,
        given_by=given_as,
        given_by_name=given_by_name,
        given_on=timezone.localdate(),
        form=Consent.Form.ELECTRONIC,
        acr=acr,
        covers_plan=True,
    )


@transaction.atomic
def plan_consent_withdraw(*, consent: Consent, by, reason: str = "") -> Consent:
    """Withdrawal stops the plan work at once: the plan goes back to draft and every
    participant loses access (followup.services.consent_withdraw does the same for staff)."""
    consent_withdrawal_record(
        consent=consent, by=by, withdrawn_on=timezone.localdate(), reason=reason
    )
    plans_suspend_for_withdrawn_consent(case=consent.case, by=by)
    return consent


# --- Goals and measures --------------------------------------------------------------


@transaction.atomic
def goal_add(*, plan: Plan, by, text: str, horizon: str = Goal.Horizon.LONG_TERM) -> Goal:
    lock_plan(plan)
    goal = Goal(plan=plan, text=text.strip(), horizon=horizon)
    save(goal, by=by)
    return goal


def _set_item_status(item, *, by, status: str, note: str):
    if status not in ItemStatus.values:
        raise RuleViolation("Velg en gyldig status.")
    lock_plan(item.plan)
    item.status = status
    item.status_note = note
    save(item, by=by, update_fields=["status", "status_note"])
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
    participant: Participant | None = None,
) -> Measure:
    lock_plan(plan)
    if not (provider or "").strip():
        raise RuleViolation("Et tiltak må ha en som gir det.")
    problems = rules.period_refusals(starts_on, ends_on)
    if problems:
        raise RuleViolation(problems)
    if goal is not None and goal.plan_id != plan.pk:
        raise RuleViolation("Målet hører til en annen plan.")
    if participant is not None and participant.plan_id != plan.pk:
        raise RuleViolation("Deltakeren hører til en annen plan.")
    measure = Measure(
        plan=plan,
        goal=goal,
        participant=participant,
        title=title.strip(),
        provider=provider.strip(),
        responsible=responsible.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        scope=scope,
        how=how,
    )
    save(measure, by=by)
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
    email: str = "",
    relation=None,
    contribution: str = "",
    in_responsibility_group: bool = False,
) -> Participant:
    """A participant sees nothing until invited and the owner consents to their access."""
    lock_plan(plan)
    if relation is not None and relation.person_id != plan.person_id:
        raise RuleViolation("Relasjonen hører til en annen person.")
    participant = Participant(
        plan=plan,
        name=name.strip(),
        role=role,
        organisation=organisation,
        contact=contact,
        email=email,
        relation=relation,
        contribution=contribution,
        in_responsibility_group=in_responsibility_group,
    )
    save(participant, by=by)
    return participant


@transaction.atomic
def participant_remove(*, participant: Participant, by) -> None:
    """The participant leaves the plan; the history keeps who they were."""
    lock_plan(participant.plan)
    delete_with_history(participant, by=by)
