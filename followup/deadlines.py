"""Frister: every upcoming and overdue deadline the user may see, in one list.

Rows are gathered with one query per kind of deadline (so the page costs the same
however many rows are not due), then filtered and sorted by a pure function.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from cases.models import Case
from cases.scoping import sees_all_cases

# Coordinators see the deadlines of their own plans and training; the rest are the KE's.
COORDINATOR_KINDS = ("evaluation", "training")
KINDS = {
    "evaluation": "Evaluering av plan",
    "complaint": "Klagefrist",
    "consent": "Venter på samtykke",
    "processing": "Behandlingsfrist (foreløpig svar)",
    "training": "Opplæring utløper",
}
LIMIT = 500


@dataclass(frozen=True)
class DeadlineRow:
    kind: str
    due_on: datetime.date
    link: str
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
    from coordinators.models import Appointment
    from decisions.models import Decision
    from plans.models import Plan

    horizon = today + datetime.timedelta(days=horizon_days)
    cases = Case.objects.visible_to(user)
    case_fields = (
        "case_id",
        "case__number",
        "case__person__given_name",
        "case__person__family_name",
        "case__caseworker_id",
        "case__caseworker__first_name",
        "case__caseworker__last_name",
    )
    rows: list[DeadlineRow] = []

    plans = list(
        Plan.objects.filter(
            case__in=cases, status=Plan.Status.ACTIVE, next_evaluation_on__lte=horizon
        )
        .order_by("next_evaluation_on")
        .values_list("next_evaluation_on", *case_fields)[:LIMIT]
    )
    coordinators = _coordinators_by_case([p[1] for p in plans], Appointment)
    for due_on, case_id, number, given, family, cw_id, cw_first, cw_last in plans:
        ids, names = coordinators.get(case_id, ((), ""))
        rows.append(
            DeadlineRow(
                kind="evaluation",
                due_on=due_on,
                link=reverse("plans:case_plan", args=[case_id]),
                case_number=number,
                person_name=_name(given, family),
                caseworker_id=cw_id,
                caseworker_name=_name(cw_first, cw_last),
                coordinator_ids=ids,
                coordinator_name=names,
            )
        )

    for due_on, case_id, number, given, family, cw_id, cw_first, cw_last in (
        Decision.objects.filter(
            case__in=cases, status=Decision.Status.SENT, complaint_deadline__lte=horizon
        )
        .order_by("complaint_deadline")
        .values_list("complaint_deadline", *case_fields)[:LIMIT]
    ):
        rows.append(
            DeadlineRow(
                kind="complaint",
                due_on=due_on,
                link=reverse("decisions:case_decisions", args=[case_id]),
                case_number=number,
                person_name=_name(given, family),
                caseworker_id=cw_id,
                caseworker_name=_name(cw_first, cw_last),
            )
        )

    waiting_days = datetime.timedelta(days=settings.KE_CONSENT_WAIT_DAYS)
    processing_days = datetime.timedelta(days=settings.KE_CASE_PROCESSING_DAYS)
    for status, received_on, case_id, number, given, family, cw_id, cw_first, cw_last in (
        _awaiting_a_decision(cases, Decision)
        .order_by("received_on")
        .values_list(
            "status",
            "received_on",
            "pk",
            "number",
            "person__given_name",
            "person__family_name",
            "caseworker_id",
            "caseworker__first_name",
            "caseworker__last_name",
        )[:LIMIT]
    ):
        common = {
            "case_number": number,
            "person_name": _name(given, family),
            "caseworker_id": cw_id,
            "caseworker_name": _name(cw_first, cw_last),
        }
        if status == Case.Status.AWAITING_CONSENT and received_on + waiting_days <= horizon:
            rows.append(
                DeadlineRow(
                    kind="consent",
                    due_on=received_on + waiting_days,
                    link=reverse("cases:consent", args=[case_id]),
                    **common,
                )
            )
        if received_on + processing_days <= horizon:
            rows.append(
                DeadlineRow(
                    kind="processing",
                    due_on=received_on + processing_days,
                    link=reverse("cases:detail", args=[case_id]),
                    **common,
                )
            )

    rows.extend(_training_rows(user, today=today, horizon=horizon))
    if not sees_all_cases(user):
        rows = [r for r in rows if r.kind in COORDINATOR_KINDS]
    return rows


def _awaiting_a_decision(cases, Decision):
    """Open cases with something asked for that has no sent decision yet.

    A case granted a koordinator but not yet decided on its plan still owes a decision.
    """

    def decided(service):
        return Exists(
            Decision.objects.filter(
                case=OuterRef("pk"), service=service, status__in=Decision.SENT_STATUSES
            )
        )

    return (
        cases.exclude(status=Case.Status.CLOSED)
        .annotate(
            decided_coordinator=decided(Decision.Service.COORDINATOR),
            decided_child=decided(Decision.Service.CHILD_COORDINATOR),
            decided_plan=decided(Decision.Service.PLAN),
        )
        .filter(
            Q(requests_coordinator=True, decided_coordinator=False)
            | Q(requests_child_coordinator=True, decided_child=False)
            | Q(requests_plan=True, decided_plan=False)
        )
    )


def _coordinators_by_case(case_ids, Appointment) -> dict[int, tuple[tuple[int, ...], str]]:
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
    """The latest completion of each course with a validity period, expiring by the horizon."""
    from coordinators.models import Completion
    from coordinators.qualification import expires_on

    completions = Completion.objects.filter(
        coordinator__active=True, course__validity_months__isnull=False
    )
    if not sees_all_cases(user):
        completions = completions.filter(coordinator__user=user)
    latest: dict[tuple[int, int], tuple] = {}
    for row in completions.order_by("completed_on").values_list(
        "coordinator_id",
        "course_id",
        "completed_on",
        "course__validity_months",
        "coordinator__user__first_name",
        "coordinator__user__last_name",
    )[: LIMIT * 4]:
        latest[(row[0], row[1])] = row
    rows = []
    for coordinator_id, _course, completed_on, months, first, last in latest.values():
        until = expires_on(completed_on, months)
        if until is not None and until <= horizon:
            link = (
                reverse("coordinators:detail", args=[coordinator_id])
                if sees_all_cases(user)
                else reverse("plans:my_plans")
            )
            rows.append(
                DeadlineRow(
                    kind="training",
                    due_on=until,
                    link=link,
                    coordinator_ids=(coordinator_id,),
                    coordinator_name=_name(first, last),
                )
            )
    return rows
