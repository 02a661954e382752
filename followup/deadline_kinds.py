"""The kinds of deadline in "Frister", one query each from its app's `*_due()` selector.

A kind whose due date follows a column is read in due order (`Kind.query`), so a page
reads only as far as it shows; one whose due date is worked out here (a course's
validity, the day a letter failed) is read up to LIMIT rows and sorted.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, replace

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse_lazy

from cases import due as cases_due
from cases.models import Case
from cases.scoping import case_visible, is_ke_staff
from coordinators import due as training
from coordinators.models import Appointment
from coordinators.qualification import expires_on
from decisions import due as decisions_due
from decisions.models import Decision, Dispatch
from plans import due as plans_due
from plans.models import ActionPoint, Meeting, Plan

# The kinds in a plan, shown with the case's coordinators.
PLAN_KINDS = ("evaluation", "quiet_plan", "action_point", "meeting")
COORDINATOR_KINDS = (*PLAN_KINDS, "training")
KINDS = {
    "evaluation": "Evaluering av plan",
    "quiet_plan": "Plan uten aktivitet",
    "action_point": "Oppfølgingspunkt fra møte",
    "meeting": "Ansvarsgruppemøte",
    "complaint": "Klagefrist",
    "consent": "Venter på samtykke",
    "processing": "Behandlingsfrist (foreløpig svar)",
    "training": "Opplæring utløper",
    "letter": "Brev kom ikke fram",
}
# A kind whose query is not in due order (a course's validity and a failed letter's day
# are worked out here) is read up to this many rows and sorted here.
LIMIT = 500


@dataclass(frozen=True)
class DeadlineRow:
    kind: str
    due_on: datetime.date
    link: str
    case_id: int | None = None
    person_id: int | None = None
    case_number: str = ""
    person_name: str = ""
    caseworker_id: int | None = None
    caseworker_name: str = ""
    coordinator_ids: tuple[int, ...] = ()
    coordinator_name: str = ""

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]

    def is_overdue(self, today: datetime.date) -> bool:
        return self.due_on < today


@dataclass(frozen=True)
class Scope:
    """The cases the user may see, filtered by caseworker and by coordinator."""

    user: object
    today: datetime.date
    caseworker_id: int | None = None
    coordinator_id: int | None = None

    def on(self, path: str) -> Q:
        """The scope as a condition on the case each kind's query reaches by `path`: the
        case it joins anyway, not a semi-join of its own (cases.scoping.case_visible)."""
        condition = case_visible(self.user, path)
        if self.caseworker_id is not None:
            condition &= Q(**{f"{path}caseworker_id": self.caseworker_id})
        if self.coordinator_id is not None:
            condition &= Exists(
                Appointment.objects.filter(
                    case=OuterRef(path.removesuffix("__") or "pk"),
                    coordinator_id=self.coordinator_id,
                    ended_on__isnull=True,
                )
            )
        return condition

    @property
    def cases(self):
        return Case.objects.filter(self.on(""))


@dataclass(frozen=True)
class Kind:
    # (scope, until, limit) -> up to `limit` DeadlineRows due by `until`
    fetch: Callable
    # (scope, until) -> the kind's queryset due by `until`, in due order; None when the
    # due date is worked out here, so the query is not in due order (sorted here)
    query: Callable | None = None
    # the query's path to the case
    case_path: str = ""
    ke_only: bool = False


def _name(first, last) -> str:
    return f"{first or ''} {last or ''}".strip()


_CASE_FIELDS = (
    "person_id",
    "number",
    "person__given_name",
    "person__family_name",
    "caseworker_id",
    "caseworker__first_name",
    "caseworker__last_name",
)


def _about_case(person_id, number, given, family, cw_id, cw_first, cw_last) -> dict:
    return {
        "person_id": person_id,
        "case_number": number,
        "person_name": _name(given, family),
        "caseworker_id": cw_id,
        "caseworker_name": _name(cw_first, cw_last),
    }


def _in_due_order(query, date: str, case_path: str, rows, *, ke_only=False) -> Kind:
    """A kind due by `query(scope, until)`, ordered by its due date; its rows are made by
    `rows(scope, tuples)` from `date` and the case's id (reached by `case_path`)."""

    def fetch(scope, until, limit):
        columns = query(scope, until).values_list(date, f"{case_path}id")
        return rows(scope, list(columns[:limit]))

    return Kind(fetch=fetch, query=query, case_path=case_path, ke_only=ke_only)


def _evaluations(scope, until):
    plans = Plan.objects.filter(scope.on("case__"))
    return plans_due.evaluations_due(until=until, plans=plans)


def _action_points(scope, until):
    points = ActionPoint.objects.filter(scope.on("meeting__plan__case__"))
    return plans_due.action_points_due(until=until, points=points)


def _meetings(scope, until):
    meetings = Meeting.objects.filter(scope.on("plan__case__"))
    return plans_due.meetings_due(until=until, meetings=meetings)


def _quiet_plans(scope, until):
    plans = Plan.objects.filter(scope.on("case__"))
    months = settings.KE_PLAN_QUIET_MONTHS
    return plans_due.quiet_plans_due(until=until, months=months, plans=plans)


def _quiet_on(last_active_on: datetime.date) -> datetime.date:
    return plans_due.quiet_on(last_active_on, months=settings.KE_PLAN_QUIET_MONTHS)


def _plan_rows(kind: str, due_on: Callable = lambda day: day) -> Callable:
    """Rows of (a date, a case id) in a plan, due `due_on(date)`. Their coordinators are
    added to the rows a page shows (`with_coordinators`), not to every row read."""
    return _case_rows(kind, "plans:case_plan", due_on)


def with_cases(rows: list[DeadlineRow]) -> list[DeadlineRow]:
    """`rows` with their case's number, person and caseworker, in one query for the rows
    found. Joined into each kind's query instead, the person and the caseworker made
    PostgreSQL plan two more tables for each kind: 4.6 ms to plan the meetings' query,
    against 1.5 ms without them."""
    case_ids = {row.case_id for row in rows if row.case_id is not None}
    if not case_ids:
        return rows
    about = {
        case_id: _about_case(*columns)
        for case_id, *columns in Case.objects.filter(pk__in=case_ids).values_list(
            "id", *_CASE_FIELDS
        )
    }
    return [replace(row, **about[row.case_id]) if row.case_id in about else row for row in rows]


def with_coordinators(rows: list[DeadlineRow]) -> list[DeadlineRow]:
    """`rows` with the appointed coordinators of the plan kinds' cases, in one query."""
    case_ids = {row.case_id for row in rows if row.kind in PLAN_KINDS}
    if not case_ids:
        return rows
    found: dict[int, tuple[list[int], list[str]]] = {}
    for case_id, coordinator_id, first, last in Appointment.objects.filter(
        case_id__in=case_ids, ended_on__isnull=True
    ).values_list(
        "case_id",
        "coordinator_id",
        "coordinator__user__first_name",
        "coordinator__user__last_name",
    ):
        ids, names = found.setdefault(case_id, ([], []))
        ids.append(coordinator_id)
        names.append(_name(first, last))
    return [
        replace(
            row,
            coordinator_ids=tuple(found[row.case_id][0]),
            coordinator_name=", ".join(found[row.case_id][1]),
        )
        if row.kind in PLAN_KINDS and row.case_id in found
        else row
        for row in rows
    ]


def _case_rows(kind: str, url: str, due_on: Callable = lambda day: day) -> Callable:
    """Rows of (a date, a case id): due `due_on(date)`, linking to the case's `url`. The
    case's number, person and caseworker come later (`with_cases`)."""

    def rows(scope, found) -> list[DeadlineRow]:
        return [
            DeadlineRow(
                kind=kind,
                due_on=due_on(day),
                link=reverse_lazy(url, args=[case_id]),
                case_id=case_id,
            )
            for day, case_id in found
        ]

    return rows


def _complaints(scope, until):
    decisions = Decision.objects.filter(scope.on("case__"))
    return decisions_due.complaint_deadlines_due(until=until, decisions=decisions)


def _consent_waits(scope, until):
    return cases_due.consent_waits_due(until=until, cases=scope.cases)


def _processing(scope, until):
    owing = decisions_due.cases_awaiting_a_decision(scope.cases)
    return cases_due.processing_due(until=until, cases=owing)


def _failed_letters(scope, until, limit) -> list[DeadlineRow]:
    """A letter that did not get through is due at once, dated the day it failed."""
    failed = decisions_due.dispatches_failed(
        Dispatch.objects.filter(scope.on("letter__decision__case__"))
    ).values_list(
        "queued_at",
        "delivery_changed_at",
        "letter__decision_id",
        "letter__decision__case_id",
    )
    return [
        DeadlineRow(
            kind="letter",
            due_on=decisions_due.failed_on(queued_at, changed_at),
            link=reverse_lazy("decisions:detail", args=[decision_id]),
            case_id=case_id,
        )
        for queued_at, changed_at, decision_id, case_id in failed[:limit]
    ]


def _training(scope, until, limit) -> list[DeadlineRow]:
    """Required training of active coordinators expiring by `until` (or expired): every
    coordinator's for the KE, a coordinator's own otherwise. A course's validity varies,
    so the expiry is worked out here."""
    completions = training.training_due(
        training.expiring_courses(), today=scope.today, expires_after=None, expires_until=until
    ).filter(coordinator__active=True)
    ke = is_ke_staff(scope.user)
    if not ke:
        completions = completions.filter(coordinator__user=scope.user)
    if scope.coordinator_id is not None:
        completions = completions.filter(coordinator_id=scope.coordinator_id)
    return [
        DeadlineRow(
            kind="training",
            due_on=expires_on(completed_on, months),
            link=reverse_lazy("coordinators:detail", args=[coordinator_id])
            if ke
            else reverse_lazy("plans:my_plans"),
            coordinator_ids=(coordinator_id,),
            coordinator_name=_name(first, last),
        )
        for coordinator_id, completed_on, months, first, last in completions.values_list(
            "coordinator_id",
            "completed_on",
            "course__validity_months",
            "coordinator__user__first_name",
            "coordinator__user__last_name",
        )[:limit]
    ]


# In KINDS' order, which breaks ties between kinds due the same day.
BY_KIND = {
    "evaluation": _in_due_order(
        _evaluations, "next_evaluation_on", "case__", _plan_rows("evaluation")
    ),
    "quiet_plan": _in_due_order(
        _quiet_plans, "last_active_on", "case__", _plan_rows("quiet_plan", _quiet_on)
    ),
    "action_point": _in_due_order(
        _action_points, "due_on", "meeting__plan__case__", _plan_rows("action_point")
    ),
    "meeting": _in_due_order(_meetings, "next_meeting_on", "plan__case__", _plan_rows("meeting")),
    "complaint": _in_due_order(
        _complaints,
        "complaint_deadline",
        "case__",
        _case_rows("complaint", "decisions:case_decisions"),
        ke_only=True,
    ),
    "consent": _in_due_order(
        _consent_waits,
        "received_on",
        "",
        _case_rows("consent", "cases:consent", cases_due.consent_wait_ends),
        ke_only=True,
    ),
    "processing": _in_due_order(
        _processing,
        "received_on",
        "",
        _case_rows("processing", "cases:detail", cases_due.processing_ends),
        ke_only=True,
    ),
    "training": Kind(fetch=_training),
    "letter": Kind(fetch=_failed_letters, ke_only=True),
}
