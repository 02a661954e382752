"""Every change to people and cases goes through here; consent in cases.consents."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from cases import rules, selectors, units, workflow
from cases.models import (
    Case,
    CaseNumberCounter,
    Family,
    FamilyMember,
    Person,
    PersonService,
    Relation,
    TimelineEntry,
)
from core.errors import RuleViolation, StaleEdit
from core.history import save_with_history

S = Case.Status


# --- People ---------------------------------------------------------------------


def person_register(*, national_id: str | None, by, **fields) -> tuple[Person, bool]:
    """Return the person with this number, or register a new one.

    A known number always reuses the existing record (never a second person);
    the fields given only fill in what the record lacks.
    """
    if national_id:
        existing = Person.objects.filter(national_id=national_id).first()
        if existing is not None:
            changed = [
                name for name, value in fields.items() if value and not getattr(existing, name)
            ]
            for name in changed:
                setattr(existing, name, fields[name])
            if changed:
                existing.full_clean()
                save_with_history(existing, by=by, update_fields=[*changed, "updated_at"])
            return existing, False
    person = Person(national_id=national_id or None, **fields)
    person.full_clean()
    try:
        with transaction.atomic():
            save_with_history(person, by=by)
    except IntegrityError:
        # Registered by someone else a moment ago: reuse theirs.
        return Person.objects.get(national_id=national_id), False
    return person, True


@transaction.atomic
def person_service_add(*, person: Person, by, case: Case | None = None, **fields) -> PersonService:
    if person.services.filter(service=fields["service"]).exists():
        raise RuleViolation("Personen har allerede denne tjenesten registrert. Endre den i stedet.")
    record = PersonService(person=person, **fields)
    record.full_clean()
    save_with_history(record, by=by)
    if case is not None:
        timeline_add(
            case=case,
            kind=TimelineEntry.Kind.SYSTEM,
            text=f"Tjeneste registrert: {record.service} ({record.get_status_display().lower()}).",
            by=by,
        )
    return record


@transaction.atomic
def relation_add(*, person: Person, by, case: Case | None = None, **fields) -> Relation:
    relation = Relation(person=person, **fields)
    relation.full_clean()
    save_with_history(relation, by=by)
    if case is not None:
        timeline_add(
            case=case,
            kind=TimelineEntry.Kind.SYSTEM,
            text=f"{relation.get_role_display()} registrert.",
            by=by,
        )
    return relation


def family_for_child(*, person: Person) -> Family:
    """The child's family, created on first need: a barnekoordinator is granted to it."""
    membership = (
        person.family_memberships.select_related("family")
        .filter(role=FamilyMember.Role.CHILD)
        .first()
    )
    if membership is not None:
        return membership.family
    family = Family.objects.create(name=f"Familien {person.family_name}")
    FamilyMember.objects.create(family=family, person=person, role=FamilyMember.Role.CHILD)
    return family


# --- Case numbers -------------------------------------------------------------------


def _next_case_number(year: int) -> str:
    # The counter row is locked until the surrounding transaction commits, so two
    # registrations at the same moment get consecutive numbers, never the same one.
    CaseNumberCounter.objects.get_or_create(year=year)
    counter = CaseNumberCounter.objects.select_for_update().get(year=year)
    counter.last_sequence = F("last_sequence") + 1
    counter.save(update_fields=["last_sequence"])
    counter.refresh_from_db(fields=["last_sequence"])
    return f"{year}/{counter.last_sequence:04d}"


# --- Timeline ----------------------------------------------------------------------


def timeline_add(*, case: Case, kind: str, text: str, by=None, occurred_at=None) -> TimelineEntry:
    entry = TimelineEntry(
        case=case, kind=kind, text=text, author=by, occurred_at=occurred_at or timezone.now()
    )
    entry.full_clean()
    entry.save()
    return entry


# --- Cases ------------------------------------------------------------------------------


def _refuse_unless_valid(case: Case) -> None:
    problems = rules.requested_service_refusals(
        requests_coordinator=case.requests_coordinator,
        requests_child_coordinator=case.requests_child_coordinator,
        requests_plan=case.requests_plan,
    ) + rules.notifier_refusals(origin=case.origin, notifier_name=case.notifier_name)
    if problems:
        raise RuleViolation(problems)


class SecondOpenCase(RuleViolation):
    """The person already has an open case, and a second one was not confirmed."""


@transaction.atomic
def intake_register(
    *,
    national_id: str | None,
    person_fields: dict,
    case_fields: dict,
    consent: dict | None,
    by,
    confirm_new_case: bool = False,
) -> tuple[Case, bool]:
    """Register an application or notification with its person, in one transaction.

    Returns the case and whether the person was new. A person who already has an open
    case gets a second one only when the caseworker confirms it.
    """
    if national_id:
        problems = rules.second_open_case_refusals(
            selectors.open_case_numbers(national_id), confirmed=confirm_new_case
        )
        if problems:
            raise SecondOpenCase(problems)
    person, created = person_register(national_id=national_id or None, by=by, **person_fields)
    case = case_register(person=person, by=by, caseworker=by, consent=consent, **case_fields)
    return case, created


@transaction.atomic
def case_register(
    *,
    person: Person,
    origin: str,
    received_on: datetime.date,
    by,
    requests_coordinator: bool = False,
    requests_child_coordinator: bool = False,
    requests_plan: bool = False,
    caseworker=None,
    family=None,
    notifier_name: str = "",
    notifier_profession: str = "",
    notifier_workplace: str = "",
    notifier_contact: str = "",
    consent: dict | None = None,
    unit=None,
) -> Case:
    """Register an application or notification, in `unit` or else the registering
    user's own (cases.units.home_unit).

    With consent given it goes straight to assessment; without, it waits for consent.
    """
    if unit is None:
        unit = units.home_unit(by)
    elif not units.unit_choices(by).filter(pk=unit.pk).exists():
        raise RuleViolation("Du kan bare registrere saker i din egen enhet.")
    if requests_child_coordinator and family is None:
        family = family_for_child(person=person)
    case = Case(
        person=person,
        family=family,
        origin=origin,
        received_on=received_on,
        unit=unit,
        caseworker=caseworker,
        requests_coordinator=requests_coordinator,
        requests_child_coordinator=requests_child_coordinator,
        requests_plan=requests_plan,
        notifier_name=notifier_name,
        notifier_profession=notifier_profession,
        notifier_workplace=notifier_workplace,
        notifier_contact=notifier_contact,
        number="pending",
    )
    _refuse_unless_valid(case)
    case.full_clean(exclude=["number"])
    case.number = _next_case_number(received_on.year)
    save_with_history(case, by=by)
    timeline_add(
        case=case,
        kind=TimelineEntry.Kind.SYSTEM,
        text=f"Saken ble registrert ({case.get_origin_display().lower()}).",
        by=by,
    )
    if consent:
        # Imported here: cases.consents builds on this module's timeline and transitions.
        from cases.consents import consent_record

        consent_record(case=case, by=by, **consent)
    else:
        case_transition(case=case, to=S.AWAITING_CONSENT, by=by, reason="Samtykke mangler.")
    return case


@transaction.atomic
def case_transition(
    *,
    case: Case,
    to: str,
    by,
    reason: str = "",
    closed_reason: str = "",
    decision_sent: bool = False,
    follow_up_started: bool = False,
) -> Case:
    """Move a case to another state, or raise RuleViolation and change nothing.

    What the apps above establish (a decision sent, a coordinator appointed or a plan
    activated) the caller passes in, having just done it: the case knows nothing of them.
    """
    # Lock the row and check the rule against what is stored now: another request
    # may have moved the case since this one read it.
    locked = Case.objects.select_for_update().get(pk=case.pk)
    facts = workflow.TransitionFacts(
        consent_in_force=locked.consents.in_force().exists(),
        decision_sent=decision_sent,
        coordinator_or_plan_active=follow_up_started,
        closed_reason=closed_reason,
        reopen_reason=reason,
    )
    problems = workflow.refusals(locked.status, to, facts)
    if problems:
        raise RuleViolation(problems)
    previous = locked.status
    locked.status = to
    fields = ["status", "version", "updated_at"]
    if S.CLOSED in (to, previous):
        locked.closed_reason = closed_reason if to == S.CLOSED else ""
        locked.closed_on = timezone.localdate() if to == S.CLOSED else None
        fields += ["closed_reason", "closed_on"]
    locked.version += 1
    save_with_history(locked, by=by, update_fields=fields)
    text = f"Status endret fra «{S(previous).label}» til «{S(to).label}»."
    if to == S.CLOSED:
        text += f" Årsak: {Case.ClosedReason(closed_reason).label}."
    if reason:
        text += f" {reason}"
    TimelineEntry.objects.create(
        case=locked,
        kind=TimelineEntry.Kind.STATUS,
        text=text,
        from_status=previous,
        to_status=to,
        author=by,
        occurred_at=timezone.now(),
    )
    case.status, case.version = locked.status, locked.version
    case.closed_reason, case.closed_on = locked.closed_reason, locked.closed_on
    return case


EDITABLE_CASE_FIELDS = (
    "requests_coordinator",
    "requests_child_coordinator",
    "requests_plan",
    "received_on",
    "caseworker",
    "family",
    "notifier_name",
    "notifier_profession",
    "notifier_workplace",
    "notifier_contact",
)


@transaction.atomic
def case_update(*, case: Case, expected_version: int, by, **fields) -> Case:
    """Save edits only if nobody saved the case since this user opened it."""
    unknown = set(fields) - set(EDITABLE_CASE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    # Under the row lock, compare the version the user saw with the stored one.
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if locked.version != expected_version:
        raise StaleEdit(
            "Saken ble endret av noen andre etter at du åpnet den. Endringene dine er ikke "
            "lagret, men står i skjemaet nedenfor. Se over og lagre igjen."
        )
    if not locked.is_open:
        raise RuleViolation("En avsluttet sak kan ikke endres.")
    for name, value in fields.items():
        setattr(locked, name, value)
    _refuse_unless_valid(locked)
    locked.full_clean(exclude=["number"])
    locked.version += 1
    save_with_history(locked, by=by, update_fields=[*fields, "version", "updated_at"])
    timeline_add(
        case=locked, kind=TimelineEntry.Kind.SYSTEM, text="Saksopplysningene ble endret.", by=by
    )
    return locked


# --- Consent --------------------------------------------------------------------------
