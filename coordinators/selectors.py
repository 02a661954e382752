"""Reads for coordinator pages, with relations joined and prefetched.

Every page here runs a fixed number of queries, however many coordinators,
appointments and completions there are; tests hold them to it.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.utils import timezone

from cases.models import Case
from cases.scoping import case_visible
from coordinators import qualification
from coordinators.models import (
    Appointment,
    Attendance,
    Completion,
    Coordinator,
    CoordinatorWish,
    Course,
    GuidanceSession,
    ServiceArea,
    TrainingSession,
)
from core.paging import Page, paginate

# Coordinator id -> how many of the plans of their active appointments are past their
# evaluation day. Plans sit above coordinators and register the real count at start-up
# (PlansConfig.ready); without plans there is none.
OverdueEvaluations = Callable[[list[int], datetime.date], dict[int, int]]
_lookups: dict[str, OverdueEvaluations] = {}


def register_overdue_evaluations(lookup: OverdueEvaluations) -> None:
    _lookups["overdue_evaluations"] = lookup


def _overdue_evaluations(coordinator_ids: list[int], today: datetime.date) -> dict[int, int]:
    lookup = _lookups.get("overdue_evaluations")
    return lookup(coordinator_ids, today) if lookup and coordinator_ids else {}


ROLE_FOR_KIND = {
    Appointment.Kind.COORDINATOR: qualification.COORDINATOR,
    Appointment.Kind.CHILD_COORDINATOR: qualification.CHILD_COORDINATOR,
}


# --- Qualification -------------------------------------------------------------------


def course_rules() -> list[qualification.CourseRule]:
    return [
        qualification.CourseRule(
            id=c.pk,
            name=c.name,
            validity_months=c.validity_months,
            required_for=frozenset(
                role
                for role, required in (
                    (qualification.COORDINATOR, c.required_for_coordinator),
                    (qualification.CHILD_COORDINATOR, c.required_for_child_coordinator),
                )
                if required
            ),
        )
        for c in Course.objects.all()
    ]


def _completed(completions) -> list[qualification.Completed]:
    return [qualification.Completed(c.course_id, c.completed_on) for c in completions]


def coordinator_qualification(
    coordinator: Coordinator, kind: str, today: datetime.date | None = None
) -> qualification.Qualification:
    return qualification.qualification(
        ROLE_FOR_KIND[kind],
        course_rules(),
        _completed(coordinator.completions.all()),
        today or timezone.localdate(),
    )


def upcoming_booking(coordinator: Coordinator, course_names, today: datetime.date):
    """A booked, not yet held session for one of these courses, or None."""
    return (
        Attendance.objects.filter(
            coordinator=coordinator,
            status=Attendance.Status.BOOKED,
            session__held_on__gte=today,
            session__course__name__in=list(course_names),
        )
        .select_related("session__course")
        .order_by("session__held_on")
        .first()
    )


# --- The registry and the caseload overview --------------------------------------------


@dataclass
class CoordinatorRow:
    coordinator: Coordinator
    active_cases: int
    as_coordinator: qualification.Qualification
    as_child_coordinator: qualification.Qualification
    overdue_evaluations: int
    bookings: list

    @property
    def capacity(self) -> int:
        return self.coordinator.capacity

    @property
    def over_capacity(self) -> bool:
        return self.active_cases > self.coordinator.capacity

    @property
    def full(self) -> bool:
        return self.active_cases >= self.coordinator.capacity


def _latest_completion(course_id: int, today: datetime.date) -> Subquery:
    # A completion dated after today does not count yet (qualification.qualification).
    return Subquery(
        Completion.objects.filter(
            coordinator=OuterRef("pk"), course_id=course_id, completed_on__lte=today
        )
        .order_by("-completed_on")
        .values("completed_on")[:1]
    )


def coordinator_list_with_load(
    courses: list[qualification.CourseRule] | None = None, today: datetime.date | None = None
):
    """Coordinators with their load and, per course, their latest completion: one query.

    The load counts active appointments through the partial index on open ones
    (appointment_active), per coordinator, rather than joining every appointment ever
    made; qualification reads only the latest completion of each course.
    """
    active = (
        Appointment.objects.filter(coordinator=OuterRef("pk"), ended_on__isnull=True)
        .order_by()
        .values("coordinator")
        .annotate(n=Count("pk"))
        .values("n")
    )
    queryset = Coordinator.objects.select_related("user", "service_area").annotate(
        active_cases=Coalesce(Subquery(active), 0)
    )
    today = today or timezone.localdate()
    for course in courses if courses is not None else course_rules():
        queryset = queryset.annotate(
            **{f"completed_{course.id}": _latest_completion(course.id, today)}
        )
    return queryset


def _row(c, rules, today, *, overdue=0, bookings=()) -> CoordinatorRow:
    completed = [
        qualification.Completed(rule.id, getattr(c, f"completed_{rule.id}"))
        for rule in rules
        if getattr(c, f"completed_{rule.id}", None) is not None
    ]
    return CoordinatorRow(
        coordinator=c,
        active_cases=c.active_cases,
        as_coordinator=qualification.qualification(
            qualification.COORDINATOR, rules, completed, today
        ),
        as_child_coordinator=qualification.qualification(
            qualification.CHILD_COORDINATOR, rules, completed, today
        ),
        overdue_evaluations=overdue,
        bookings=list(bookings),
    )


def _coordinators(*, area: str, active_only: bool, rules, today):
    coordinators = coordinator_list_with_load(rules, today)
    if area:
        coordinators = coordinators.filter(service_area__slug=area)
    if active_only:
        coordinators = coordinators.filter(active=True)
    return coordinators


def coordinator_rows(
    *, area: str = "", active_only: bool = False, today: datetime.date | None = None
) -> list[CoordinatorRow]:
    """Every coordinator with load and qualification, for ranking (no per-row details).

    Queries: courses (1), coordinators with load and latest completions (1).
    """
    today = today or timezone.localdate()
    rules = course_rules()
    return [
        _row(c, rules, today)
        for c in _coordinators(area=area, active_only=active_only, rules=rules, today=today)
    ]


ROWS_PER_PAGE = 50


def coordinator_page(
    *, page, area: str = "", active_only: bool = False, today: datetime.date | None = None
) -> Page:
    """One page of coordinators with load, qualification and overdue evaluations.

    Queries: courses (1), the page of coordinators with load and latest completions (1),
    upcoming bookings (1), overdue evaluations counted per coordinator (1).
    """
    today = today or timezone.localdate()
    rules = course_rules()
    found = paginate(
        _coordinators(area=area, active_only=active_only, rules=rules, today=today),
        page,
        ROWS_PER_PAGE,
    )
    coordinators = found.items
    prefetch_related_objects(
        coordinators,
        Prefetch(
            "attendances",
            queryset=Attendance.objects.filter(
                status=Attendance.Status.BOOKED, session__held_on__gte=today
            ).select_related("session__course"),
            to_attr="upcoming_bookings",
        ),
    )
    # Counted in SQL: at a decade's scale a page of 50 coordinators holds thousands of
    # active appointments, too many to load and match against their plans in Python.
    overdue = _overdue_evaluations([c.pk for c in coordinators], today)
    found.items = [
        _row(c, rules, today, overdue=overdue.get(c.pk, 0), bookings=c.upcoming_bookings)
        for c in coordinators
    ]
    return found


def service_areas():
    return ServiceArea.objects.all()


def case_wish(case: Case) -> CoordinatorWish | None:
    return (
        CoordinatorWish.objects.filter(case=case)
        .select_related("coordinator__user", "coordinator__service_area")
        .first()
    )


def upcoming_sessions(today: datetime.date | None = None):
    today = today or timezone.localdate()
    return (
        TrainingSession.objects.filter(held_on__gte=today)
        .select_related("course")
        .annotate(
            booked=Count("attendances", filter=Q(attendances__status=Attendance.Status.BOOKED))
        )
    )


# --- A case's appointments ----------------------------------------------------------------


def case_appointments(case):
    return Appointment.objects.filter(case=case).select_related(
        "coordinator__user", "appointed_by", "training_session__course"
    )


# --- The coordinator a decision letter names ----------------------------------------------

# The appointment that carries out each granted service.
KIND_FOR_SERVICE = {service: kind for kind, service in Appointment.SERVICE_FOR_KIND.items()}


def appointed_coordinator_name(*, case_id: int, service: str) -> str:
    """The coordinator appointed now for this service in the case, or "" if none is.

    Decisions names them in the letter. It sits below coordinators and cannot ask, so
    CoordinatorsConfig.ready registers this function with it.
    """
    kind = KIND_FOR_SERVICE.get(service)
    if kind is None:
        return ""
    appointment = (
        Appointment.objects.filter(case=case_id, kind=kind, ended_on__isnull=True)
        .select_related("coordinator__user")
        .first()
    )
    return str(appointment.coordinator) if appointment else ""


# --- A coordinator's own cases ("Mine planer") ------------------------------------------


def appointments_for_user(user):
    """The active appointments of the coordinator this user is."""
    return (
        Appointment.objects.filter(coordinator__user=user, ended_on__isnull=True)
        .select_related("case__person")
        .order_by("case__person__family_name")
    )


# --- Training -----------------------------------------------------------------------------


def sessions_with_attendances():
    return TrainingSession.objects.select_related("course").prefetch_related(
        Prefetch(
            "attendances",
            queryset=Attendance.objects.select_related("coordinator__user"),
        )
    )


def recent_guidance():
    return GuidanceSession.objects.prefetch_related("coordinators__user")[:50]


# A coordinator's page shows their active appointments first, then the latest ended, up to
# this many: over ten years a coordinator is appointed hundreds of times.
APPOINTMENTS_SHOWN = 50


def coordinator_detail(pk, user):
    """The coordinator with their training, and their appointments in the cases `user`
    may see (a caseworker: their units' cases): `appointments_shown`, active first, up to
    APPOINTMENTS_SHOWN + 1, so the page can tell there are more."""
    return (
        Coordinator.objects.select_related("user", "service_area")
        .prefetch_related(
            Prefetch("completions", queryset=Completion.objects.select_related("course")),
            Prefetch(
                "attendances",
                queryset=Attendance.objects.select_related("session__course").order_by(
                    "-session__held_on"
                ),
            ),
            "guidance_sessions",
            Prefetch(
                "appointments",
                queryset=Appointment.objects.filter(case_visible(user, "case__"))
                .select_related("case")
                .order_by(F("ended_on").desc(nulls_first=True), "-started_on", "-pk")[
                    : APPOINTMENTS_SHOWN + 1
                ],
                to_attr="appointments_shown",
            ),
        )
        .filter(pk=pk)
    )
