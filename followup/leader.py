"""What a KE leader's start page shows: decisions to approve, overdue work by caseworker,
and cases nobody has taken."""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model

from cases import selectors as case_selectors
from cases.models import Case
from decisions.models import Decision
from decisions.selectors import decision_list
from followup import deadlines

UNASSIGNED_SHOWN = 25


@dataclass(frozen=True)
class CaseworkerLoad:
    caseworker_id: int | None
    name: str
    overdue: int  # case deadlines passed in Frister (processing, consent, complaints, plans)
    overdue_kinds: str


def awaiting_approval(user):
    return (
        decision_list(user)
        .filter(status=Decision.Status.AWAITING_APPROVAL, approved_at__isnull=True)
        .select_related("case__caseworker")
        .order_by("updated_at", "pk")
    )


def overdue_by_caseworker(user, *, today: datetime.date) -> list[CaseworkerLoad]:
    """Each caseworker with overdue deadlines, most first; cases without one last."""
    counts = deadlines.overdue_by_caseworker(user, today=today)
    names = {
        pk: f"{first} {last}".strip()
        for pk, first, last in get_user_model()
        .objects.filter(pk__in=[pk for pk in counts if pk is not None])
        .values_list("pk", "first_name", "last_name")
    }
    loads = [
        CaseworkerLoad(
            caseworker_id=cw_id,
            name=names.get(cw_id) or "Uten saksbehandler",
            overdue=sum(kinds.values()),
            overdue_kinds=", ".join(
                sorted(f"{deadlines.KINDS[kind].lower()}: {n}" for kind, n in kinds.items())
            ),
        )
        for cw_id, kinds in counts.items()
    ]
    return sorted(loads, key=lambda load: (load.caseworker_id is None, -load.overdue, load.name))


def unassigned(user) -> list[Case]:
    return list(
        case_selectors.case_list(user)
        .filter(caseworker__isnull=True, status__in=Case.OPEN_STATUSES)
        .order_by("received_on", "pk")[:UNASSIGNED_SHOWN]
    )
