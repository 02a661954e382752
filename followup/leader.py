"""What a KE leader's start page shows: decisions to approve, overdue work by caseworker,
and cases nobody has taken."""

import datetime
from collections import Counter
from dataclasses import dataclass

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
    # Case work only: a coordinator's expiring training is nobody's caseload.
    rows = [
        r
        for r in deadlines.gather(user, today=today, horizon_days=0)
        if r.is_overdue(today) and r.case_id is not None
    ]
    counts = Counter((r.caseworker_id, r.caseworker_name) for r in rows)
    kinds: dict = {}
    for r in rows:
        kinds.setdefault(r.caseworker_id, Counter())[r.kind_label] += 1
    loads = [
        CaseworkerLoad(
            caseworker_id=cw_id,
            name=name or "Uten saksbehandler",
            overdue=n,
            overdue_kinds=", ".join(
                f"{label.lower()}: {k}" for label, k in sorted(kinds[cw_id].items())
            ),
        )
        for (cw_id, name), n in counts.items()
    ]
    return sorted(loads, key=lambda load: (load.caseworker_id is None, -load.overdue, load.name))


def unassigned(user) -> list[Case]:
    return list(
        case_selectors.case_list(user)
        .filter(caseworker__isnull=True, status__in=Case.OPEN_STATUSES)
        .order_by("received_on", "pk")[:UNASSIGNED_SHOWN]
    )
