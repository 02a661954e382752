"""Reads of plans, with what each page shows already joined or prefetched."""

import datetime
from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Concat
from django.utils import timezone

from cases.models import CitizenAccount, Consent
from cases.scoping import case_visible
from coordinators.models import Appointment
from coordinators.selectors import appointments_for_user
from plans.access import participants_prefetch
from plans.models import Evaluation, Measure, Meeting, Participant, Plan
from plans.ordering import LIST_ORDER


def next_evaluations(case_ids) -> dict[int, datetime.date]:
    """Case id -> the next evaluation date of its active plan."""
    return dict(
        Plan.objects.filter(case_id__in=case_ids, status=Plan.Status.ACTIVE).values_list(
            "case_id", "next_evaluation_on"
        )
    )


def overdue_evaluations(coordinator_ids: list[int], today: datetime.date) -> dict[int, int]:
    """Coordinator id -> how many active plans of their active appointments are past
    their evaluation day (the registry and the caseload overview)."""
    overdue_plan = Plan.objects.filter(
        case_id=OuterRef("case_id"), status=Plan.Status.ACTIVE, next_evaluation_on__lt=today
    )
    return dict(
        Appointment.objects.filter(
            Exists(overdue_plan), coordinator_id__in=coordinator_ids, ended_on__isnull=True
        )
        .order_by()
        .values("coordinator_id")
        .annotate(overdue=Count("case_id"))
        .values_list("coordinator_id", "overdue")
    )


def plan_for_case(case) -> Plan | None:
    """The case's plan with every part the plan page and the PDF show: 9 queries at most."""
    return with_plan_parts(Plan.objects.filter(case=case)).first()


def with_plan_parts(plans, *, today=None):
    """Plans with their goals, measures, participants (with the relation they log in by
    and their access consent in force), meetings with their action points, and
    evaluations: one query each."""
    today = today or timezone.localdate()
    return plans.prefetch_related(
        "goals",
        Prefetch("measures", queryset=Measure.objects.select_related("goal")),
        participants_prefetch(today),
        Prefetch(
            "meetings",
            queryset=Meeting.objects.select_related("recorded_by")
            .prefetch_related("action_points")
            .annotate(
                carries_next_meeting=Exists(
                    next_meetings(Meeting.objects.filter(pk=OuterRef("pk")))
                )
            ),
        ),
        Prefetch("evaluations", queryset=Evaluation.objects.select_related("recorded_by")),
    )


def next_meetings(meetings=None):
    """The meetings that carry their plan's next meeting: at most one per plan.

    The plan's next meeting is the date agreed at its latest meeting (by date, then by
    when it was registered) that agreed one, unless a meeting has been held on or after
    that date since: then it has taken place (or been replaced) and no next meeting is
    agreed. A later meeting that agrees no date leaves the earlier agreement standing.

    `meetings` narrows which rows may be returned (a plan's meetings, a window, open
    plans); what was agreed and held later is always judged against all of the plan's
    meetings. The plan page, the PDF and the calendar feed all read the next meeting here.
    """
    meetings = Meeting.objects.all() if meetings is None else meetings
    later_agreement = Meeting.objects.filter(
        Q(held_on__gt=OuterRef("held_on")) | Q(held_on=OuterRef("held_on"), pk__gt=OuterRef("pk")),
        plan=OuterRef("plan"),
        next_meeting_on__isnull=False,
    )
    held_since = Meeting.objects.filter(
        plan=OuterRef("plan"), held_on__gte=OuterRef("next_meeting_on")
    )
    return (
        meetings.filter(next_meeting_on__isnull=False)
        .exclude(Exists(later_agreement))
        .exclude(Exists(held_since))
    )


def next_meeting(meetings) -> Meeting | None:
    """Of a plan's meetings as `plan_for_case` reads them, the one that carries the plan's
    next meeting (its `next_meeting_on` and `next_meeting_at`), or None."""
    return next((m for m in meetings if m.carries_next_meeting), None)


def active_appointment(case) -> Appointment | None:
    """The coordinator responsible for the plan: the active appointment, newest first."""
    return (
        Appointment.objects.filter(case=case, ended_on__isnull=True)
        .select_related("coordinator__user")
        .order_by("-started_on", "-id")
        .first()
    )


def is_plan_editor(user, case) -> bool:
    """Only the actively appointed coordinator edits the plan."""
    if not user.is_authenticated:
        return False
    return Appointment.objects.filter(
        case=case, coordinator__user=user, ended_on__isnull=True
    ).exists()


def action_point_users(case):
    """Who an action point may be given to: the case's active coordinators and caseworker,
    and the plan's participants who log in here (they mark it done themselves)."""
    from django.contrib.auth import get_user_model

    coordinators = Appointment.objects.filter(case=case, ended_on__isnull=True).values(
        "coordinator__user_id"
    )
    participants = Participant.objects.filter(plan__case=case)
    accounts = participants.filter(user__isnull=False).values("user_id")
    citizens = CitizenAccount.objects.filter(
        national_id__in=participants.exclude(relation__national_id="")
        .filter(relation__isnull=False)
        .values("relation__national_id")
    ).values("user_id")
    return (
        get_user_model()
        .objects.filter(
            Q(pk__in=coordinators)
            | Q(pk=case.caseworker_id)
            | Q(pk__in=accounts)
            | Q(pk__in=citizens),
            is_active=True,
        )
        .order_by("first_name", "last_name", "id")
    )


def case_consents(case) -> list[Consent]:
    return list(Consent.objects.filter(case=case))


def plan_consent_in_force(consents) -> Consent | None:
    return next((c for c in consents if c.in_force and c.covers_plan), None)


def sharing_consent_in_force(consents) -> Consent | None:
    return next((c for c in consents if c.in_force and c.covers_sharing), None)


def plan_list(user):
    """Plans in the cases this user may see, with the person and the coordinator's name."""
    coordinator_name = Subquery(
        Appointment.objects.filter(case=OuterRef("case"), ended_on__isnull=True)
        .order_by("-started_on", "-id")
        .annotate(
            name=Concat("coordinator__user__first_name", Value(" "), "coordinator__user__last_name")
        )
        .values("name")[:1]
    )
    return (
        Plan.objects.filter(case_visible(user, "case__"))
        .select_related("case", "person")
        .annotate(coordinator_name=coordinator_name)
        # Active plans first, soonest evaluation first; then drafts; closed plans last.
        # The expressions of the index plan_list_order, which serves this order.
        .order_by(*LIST_ORDER)
    )


# --- A coordinator's own plans ("Mine planer") ------------------------------------


@dataclass
class MyPlanRow:
    appointment: Appointment
    next_evaluation: datetime.date | None
    overdue: bool

    @property
    def case(self):
        return self.appointment.case


def my_plan_rows(user, *, query: str = "", today=None) -> list[MyPlanRow]:
    """The user's active appointments, overdue evaluations first, then the next ones.

    Scoped twice over: the appointments are the user's own, and their cases must be
    visible to the user. Queries: appointments with case and person (1), next
    evaluations (1).
    """
    today = today or timezone.localdate()
    appointments = appointments_for_user(user).filter(case_visible(user, "case__"))
    query = query.strip()
    if query:
        appointments = appointments.filter(
            Q(case__number__icontains=query)
            | Q(case__person__given_name__icontains=query)
            | Q(case__person__family_name__icontains=query)
        )
    appointments = list(appointments)
    evaluations = next_evaluations([a.case_id for a in appointments]) if appointments else {}
    rows = [
        MyPlanRow(
            appointment=a,
            next_evaluation=evaluations.get(a.case_id),
            overdue=bool(evaluations.get(a.case_id) and evaluations[a.case_id] < today),
        )
        for a in appointments
    ]
    far = datetime.date.max
    rows.sort(key=lambda r: (not r.overdue, r.next_evaluation or far, r.case.number))
    return rows
