"""Reopening a closed case, handing a caseworker's cases over to another, and moving a
case to another KE unit.

Both go through the ordinary workflow and history: a reopening is a transition with its
reason in the journal (cases.workflow), a handover an edit of each case's caseworker with
its version raised, so an edit form opened before it is refused rather than undoing it.
"""

from django.db import transaction

from cases import units
from cases.models import Case, TimelineEntry, Unit
from cases.scoping import is_ke_staff, sees_all_units
from cases.services import case_transition, timeline_add
from core.errors import RuleViolation
from core.forms import user_label
from core.history import save_with_history

S = Case.Status


@transaction.atomic
def case_reopen(*, case: Case, by, reason: str) -> Case:
    """Open a closed case again: to assessment, or to wait for consent if none is in force.

    What closing ended (the plan, the appointments) stays ended; it is taken up again in
    the case like anything new.
    """
    if not reason.strip():
        raise RuleViolation("Oppgi hvorfor saken gjenåpnes.")
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if locked.is_open:
        raise RuleViolation("Saken er ikke avsluttet.")
    target = S.UNDER_ASSESSMENT if locked.consents.in_force().exists() else S.AWAITING_CONSENT
    return case_transition(
        case=locked, to=target, by=by, reason=f"Saken er gjenåpnet: {reason.strip()}"
    )


@transaction.atomic
def cases_hand_over(*, case_ids, to, by, note: str = "") -> list[Case]:
    """Give the open cases among `case_ids` to caseworker `to`. Returns the cases moved."""
    if not to.is_active or not to.has_perm("cases.view_all_cases"):
        raise RuleViolation("Sakene kan bare overføres til en aktiv saksbehandler.")
    # Locked in id order, so two handovers at once cannot deadlock on each other.
    # Only the case rows: PostgreSQL cannot lock the nullable side of the caseworker join.
    cases = list(
        Case.objects.select_for_update(of=("self",))
        .filter(pk__in=list(case_ids), status__in=Case.OPEN_STATUSES)
        .exclude(caseworker=to)
        .select_related("caseworker")
        .order_by("pk")
    )
    if not cases:
        raise RuleViolation("Ingen av de valgte sakene kan overføres. Velg åpne saker.")
    # The new caseworker must see the cases: they must be in each case's unit.
    theirs = set(units.units_of(to).values_list("pk", flat=True))
    outside = [case.number for case in cases if case.unit_id not in theirs]
    if outside:
        raise RuleViolation(
            f"{user_label(to)} hører ikke til enheten til sak {', '.join(outside)}. "
            "Flytt saken til en annen enhet først, eller velg en saksbehandler i enheten."
        )
    for case in cases:
        before = user_label(case.caseworker) if case.caseworker else "ingen saksbehandler"
        case.caseworker = to
        case.version += 1
        save_with_history(case, by=by, update_fields=["caseworker", "version", "updated_at"])
        text = f"Saken er overført fra {before} til {user_label(to)}."
        if note.strip():
            text += f" {note.strip()}"
        timeline_add(case=case, kind=TimelineEntry.Kind.SYSTEM, text=text, by=by)
    return cases


@transaction.atomic
def case_move_to_unit(*, case: Case, unit: Unit | None, by, reason: str) -> Case:
    """Move a case to another KE unit, with the reason in the journal.

    KE staff of the case's unit and leaders may move it. A caseworker who is not in the
    new unit no longer sees the case, so they stop being its caseworker: the new unit's
    leader gives it one (it shows among the unassigned cases).
    """
    if unit is None:
        raise RuleViolation("Velg enheten saken skal flyttes til.")
    if not reason.strip():
        raise RuleViolation("Oppgi hvorfor saken flyttes.")
    # Locked: a handover or an edit at the same moment must not undo the move, nor the
    # move theirs.
    locked = Case.objects.select_for_update(of=("self",)).select_related("unit").get(pk=case.pk)
    if not is_ke_staff(by) or not (sees_all_units(by) or units.is_in_unit(by, locked.unit)):
        raise RuleViolation("Bare enhetens saksbehandlere og ledere kan flytte saken.")
    if locked.unit_id == unit.pk:
        raise RuleViolation(f"Saken hører allerede til {unit.name}.")
    text = f"Flyttet fra {locked.unit.name} til {unit.name}: {reason.strip()}"
    fields = ["unit", "version", "updated_at"]
    if locked.caseworker_id and not units.is_in_unit(locked.caseworker, unit):
        text += (
            f" {user_label(locked.caseworker)} er ikke i {unit.name} og er ikke lenger "
            "saksbehandler; enheten gir saken en ny."
        )
        locked.caseworker = None
        fields.append("caseworker")
    locked.unit = unit
    locked.version += 1
    save_with_history(locked, by=by, update_fields=fields)
    timeline_add(case=locked, kind=TimelineEntry.Kind.SYSTEM, text=text, by=by)
    return locked
