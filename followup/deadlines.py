"""Frister: every upcoming and overdue deadline the user may see, in one list.

Each kind of deadline comes from its app's `*_due()` selector (followup/deadline_kinds.py),
the same one its daily scan reads, so the list and the reminders never disagree. The
filters are part of each query, and a kind read in due order is read only as far as the
page shown needs: one query per kind, whatever the number of rows not shown.
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count

from cases.scoping import is_ke_staff
from core.counting import count_each
from followup.deadline_kinds import (
    BY_KIND,
    COORDINATOR_KINDS,
    KINDS,
    LIMIT,
    DeadlineRow,
    Scope,
    with_cases,
    with_coordinators,
)

__all__ = ["KINDS", "DeadlineRow", "Found", "find", "overdue_by_caseworker", "with_coordinators"]


# Past this many overdue deadlines of a kind, the page says "or more": the number is read
# by counting at most this far, not through every overdue row.
OVERDUE_COUNTED = 1000


@dataclass(frozen=True)
class Found:
    """The first `wanted` deadlines by due date (overdue ones first), and how many are
    overdue in all. `complete` is false when a kind had more than LIMIT rows to sort: its
    rows past those are not in the list. `overdue_exact` is false when the overdue count
    is at least the one given (a kind counted to OVERDUE_COUNTED, or not complete)."""

    rows: list[DeadlineRow]
    overdue: int
    complete: bool
    overdue_exact: bool = True


def find(
    user,
    *,
    today: datetime.date,
    horizon_days: int,
    wanted: int = LIMIT,
    kind: str = "",
    caseworker_id: int | None = None,
    coordinator_id: int | None = None,
) -> Found:
    """The deadlines due by `horizon_days` from `today` in what `user` may see, filtered
    by kind, caseworker (cases only) and coordinator (their plans and training only),
    with their cases' number, person and caseworker (`with_cases`). The plan kinds' rows
    name their coordinators once given to `with_coordinators`: the page does that for the
    rows it shows."""
    horizon = today + datetime.timedelta(days=horizon_days)
    yesterday = today - datetime.timedelta(days=1)
    scope = Scope(user, today, caseworker_id, coordinator_id)
    ranked: list[tuple] = []
    overdue, complete, exact = 0, True, True
    # Kinds whose rows read are all overdue: their overdue rows are counted in one query.
    uncounted = []
    for order, (name, spec) in enumerate(BY_KIND.items()):
        if not _applies(name, spec, user, kind, caseworker_id, coordinator_id):
            continue
        if spec.query is not None:
            # In due order: the first `wanted` are enough for the page.
            rows = spec.fetch(scope, horizon, wanted)
            if len(rows) == wanted and rows[-1].is_overdue(today):
                uncounted.append(spec.query(scope, yesterday))
            else:
                overdue += sum(row.is_overdue(today) for row in rows)
        else:
            rows = spec.fetch(scope, horizon, LIMIT + 1)
            complete = complete and len(rows) <= LIMIT
            exact = exact and len(rows) <= LIMIT
            rows = sorted(rows[:LIMIT], key=lambda r: (r.due_on, r.case_id or 0))
            overdue += sum(row.is_overdue(today) for row in rows)
        ranked += [(row.due_on, order, position, row) for position, row in enumerate(rows)]
    for late in count_each(uncounted, at_most=OVERDUE_COUNTED):
        overdue += late
        exact = exact and late < OVERDUE_COUNTED
    # By date, then kind, then each kind's own order: the same on every page.
    ranked.sort(key=lambda entry: entry[:3])
    return Found(
        rows=with_cases([entry[3] for entry in ranked[:wanted]]),
        overdue=overdue,
        complete=complete,
        overdue_exact=exact,
    )


def overdue_by_caseworker(user, *, today: datetime.date) -> dict[int | None, Counter]:
    """The overdue deadlines of the cases `user` may see, per caseworker (None: cases with
    none) and kind: counted in the database where the query is in due order, else over
    the up to LIMIT rows read. Training is nobody's caseload."""
    scope = Scope(user, today)
    yesterday = today - datetime.timedelta(days=1)
    counts: dict[int | None, Counter] = {}
    for name, spec in BY_KIND.items():
        if name == "training" or not _applies(name, spec, user, "", None, None):
            continue
        if spec.query is not None:
            caseworker = f"{spec.case_path}caseworker_id"
            grouped = (
                spec.query(scope, yesterday)
                .order_by()
                .values_list(caseworker)
                .annotate(n=Count("pk"))
            )
        else:
            rows = with_cases(spec.fetch(scope, yesterday, LIMIT))
            grouped = Counter(r.caseworker_id for r in rows if r.is_overdue(today)).items()
        for caseworker_id, n in grouped:
            counts.setdefault(caseworker_id, Counter())[name] += n
    return counts


def _applies(name, spec, user, kind, caseworker_id, coordinator_id) -> bool:
    if kind and name != kind:
        return False
    if spec.ke_only and not is_ke_staff(user):
        return False
    if coordinator_id is not None and name not in COORDINATOR_KINDS:
        return False
    # Training belongs to a coordinator, not to a caseworker's cases.
    return not (caseworker_id is not None and name == "training")
