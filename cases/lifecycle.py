"""Reopening a closed case, and handing a caseworker's cases over to another.

Both go through the ordinary workflow and history: a reopening is a transition with its
reason in the journal (cases.workflow), a handover an edit of each case's caseworker with
its version raised, so an edit form opened before it is refused rather than undoing it.
"""

from django.db import transaction

from cases.models import Case, TimelineEntry
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
