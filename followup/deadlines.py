"""Frister: every upcoming and overdue deadline the user may see, in one list.

Each kind of deadline comes from its app's `*_due()` selector, the same one its daily
scan reads, so the list and the reminders never disagree. One query per kind (so the page
costs the same however many rows are not due), then filtered and sorted by a pure function.
"""

import datetime
from dataclasses import dataclass

from django.urls import reverse_lazy

from cases import due as cases_due
from cases.models import Case
from cases.scoping import is_ke_staff
from coordinators import due as training
from coordinators.models import Appointment
from coordinators.qualification import expires_on
from decisions import due as decisions_due
from decisions.models import Decision, Dispatch
from followup.scans.plans import quiet_plan_rows
from plans import due as plans_due
from plans.models import ActionPoint, Meeting, Plan

# Coordinators see the deadlines of their own plans and training; the rest are the KE's.
COORDINATOR_KINDS = ("evaluation", "action_point", "meeting", "quiet_plan", "training")
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
LIMIT = 500
# Links are reversed lazily: up to LIMIT rows of each kind are gathered, fifty shown.


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


def select_rows(
    rows: list[DeadlineRow],
    *,
    today: datetime.date,
    kind: str = "",
    caseworker_id: int | None = None,
    coordinator_id: int | None = None,
) -> list[DeadlineRow]:
    """Filter, then overdue first (oldest first), then upcoming by date."""
    chosen = [
        r
        for r in rows
        if (not kind or r.kind == kind)
        and (caseworker_id is None or r.caseworker_id == caseworker_id)
        and (coordinator_id is None or coordinator_id in r.coordinator_ids)
    ]
    return sorted(chosen, key=lambda r: (not r.is_overdue(today), r.due_on, r.case_number))


def _name(first, last) -> str:
    return f"{first or ''} {last or ''}".strip()


def gather(user, *, today: datetime.date, horizon_days: int) -> list[DeadlineRow]:
    horizon = today + datetime.timedelta(days=horizon_days)
    cases = Case.objects.visible_to(user)
    rows = [
        *_evaluation_rows(cases, horizon),
        *_action_point_rows(cases, horizon),
        *_quiet_plan_rows(cases, horizon),
        *_meeting_rows(cases, horizon),
        *_training_rows(user, today=today, horizon=horizon),
    ]
    if is_ke_staff(user):
        rows += [
            *_complaint_rows(cases, horizon),
            *_consent_rows(cases, horizon),
            *_processing_rows(cases, horizon),
            *_failed_letter_rows(cases),
        ]
    return rows


_CASE_FIELDS = (
    "person_id",
    "number",
    "person__given_name",
    "person__family_name",
    "caseworker_id",
    "caseworker__first_name",
    "caseworker__last_name",
)


def _case_columns(prefix: str) -> tuple[str, ...]:
    return (f"{prefix}id", *(f"{prefix}{field}" for field in _CASE_FIELDS))


def _about_case(person_id, number, given, family, cw_id, cw_first, cw_last) -> dict:
    return {
        "person_id": person_id,
        "case_number": number,
        "person_name": _name(given, family),
        "caseworker_id": cw_id,
        "caseworker_name": _name(cw_first, cw_last),
    }


def _evaluation_rows(cases, horizon) -> list[DeadlineRow]:
    due = plans_due.evaluations_due(until=horizon, plans=Plan.objects.filter(case__in=cases))
    return _plan_rows("evaluation", due.values_list("next_evaluation_on", *_case_columns("case__")))


def _action_point_rows(cases, horizon) -> list[DeadlineRow]:
    due = plans_due.action_points_due(
        until=horizon, points=ActionPoint.objects.filter(meeting__plan__case__in=cases)
    )
    return _plan_rows(
        "action_point", due.values_list("due_on", *_case_columns("meeting__plan__case__"))
    )


def _quiet_plan_rows(cases, horizon) -> list[DeadlineRow]:
    """Plans quiet by the horizon, due the day they went (or go) quiet."""
    plans = Plan.objects.filter(case__in=cases)
    found = {
        case_id: quiet for _, case_id, _, _, quiet in quiet_plan_rows(until=horizon, plans=plans)
    }
    # The case columns in a second query: the same query the other plan rows are built from.
    about = Plan.objects.filter(case_id__in=list(found)[:LIMIT]).values_list(
        "case_id", *_case_columns("case__")
    )
    return _plan_rows("quiet_plan", [(found[row[0]], *row[1:]) for row in about])


def _meeting_rows(cases, horizon) -> list[DeadlineRow]:
    due = plans_due.meetings_due(
        until=horizon, meetings=Meeting.objects.filter(plan__case__in=cases)
    )
    return _plan_rows("meeting", due.values_list("next_meeting_on", *_case_columns("plan__case__")))


def _plan_rows(kind: str, due) -> list[DeadlineRow]:
    """Rows of (due date, case columns) in a plan, with the case's coordinators."""
    found = list(due[:LIMIT])
    coordinators = _coordinators_by_case([row[1] for row in found])
    rows = []
    for due_on, case_id, *about in found:
        ids, names = coordinators.get(case_id, ((), ""))
        rows.append(
            DeadlineRow(
                kind=kind,
                due_on=due_on,
                link=reverse_lazy("plans:case_plan", args=[case_id]),
                coordinator_ids=ids,
                coordinator_name=names,
                case_id=case_id,
                **_about_case(*about),
            )
        )
    return rows


def _complaint_rows(cases, horizon) -> list[DeadlineRow]:
    decisions = decisions_due.complaint_deadlines_due(
        until=horizon, decisions=Decision.objects.filter(case__in=cases)
    ).values_list("complaint_deadline", *_case_columns("case__"))[:LIMIT]
    return [
        DeadlineRow(
            kind="complaint",
            due_on=due_on,
            link=reverse_lazy("decisions:case_decisions", args=[case_id]),
            case_id=case_id,
            **_about_case(*about),
        )
        for due_on, case_id, *about in decisions
    ]


def _failed_letter_rows(cases) -> list[DeadlineRow]:
    """A letter that did not get through is due at once, dated the day it failed."""
    failed = decisions_due.dispatches_failed(
        Dispatch.objects.filter(letter__decision__case__in=cases)
    ).values_list(
        "queued_at",
        "delivery_changed_at",
        "letter__decision_id",
        *_case_columns("letter__decision__case__"),
    )[:LIMIT]
    return [
        DeadlineRow(
            kind="letter",
            due_on=decisions_due.failed_on(queued_at, changed_at),
            link=reverse_lazy("decisions:detail", args=[decision_id]),
            case_id=case_id,
            **_about_case(*about),
        )
        for queued_at, changed_at, decision_id, case_id, *about in failed
    ]


def _consent_rows(cases, horizon) -> list[DeadlineRow]:
    waiting = cases_due.consent_waits_due(until=horizon, cases=cases)
    return [
        DeadlineRow(
            kind="consent",
            due_on=cases_due.consent_wait_ends(received_on),
            link=reverse_lazy("cases:consent", args=[case_id]),
            case_id=case_id,
            **_about_case(*about),
        )
        for received_on, case_id, *about in waiting.values_list("received_on", *_case_columns(""))[
            :LIMIT
        ]
    ]


def _processing_rows(cases, horizon) -> list[DeadlineRow]:
    owing = cases_due.processing_due(
        until=horizon, cases=decisions_due.cases_awaiting_a_decision(cases)
    )
    return [
        DeadlineRow(
            kind="processing",
            due_on=cases_due.processing_ends(received_on),
            link=reverse_lazy("cases:detail", args=[case_id]),
            case_id=case_id,
            **_about_case(*about),
        )
        for received_on, case_id, *about in owing.values_list("received_on", *_case_columns(""))[
            :LIMIT
        ]
    ]


def _coordinators_by_case(case_ids) -> dict[int, tuple[tuple[int, ...], str]]:
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
    return {k: (tuple(ids), ", ".join(names)) for k, (ids, names) in found.items()}


def _training_rows(user, *, today, horizon) -> list[DeadlineRow]:
    """Required training of active coordinators expiring by the horizon (or expired)."""
    completions = training.training_due(
        training.expiring_courses(), today=today, expires_after=None, expires_until=horizon
    ).filter(coordinator__active=True)
    ke = is_ke_staff(user)
    if not ke:
        completions = completions.filter(coordinator__user=user)
    rows = []
    for coordinator_id, completed_on, months, first, last in completions.values_list(
        "coordinator_id",
        "completed_on",
        "course__validity_months",
        "coordinator__user__first_name",
        "coordinator__user__last_name",
    )[:LIMIT]:
        link = (
            reverse_lazy("coordinators:detail", args=[coordinator_id])
            if ke
            else reverse_lazy("plans:my_plans")
        )
        rows.append(
            DeadlineRow(
                kind="training",
                due_on=expires_on(completed_on, months),
                link=link,
                coordinator_ids=(coordinator_id,),
                coordinator_name=_name(first, last),
            )
        )
    return rows
