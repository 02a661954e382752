"""The daily scan for coordinators' training: required courses about to expire or expired.

A completion expires on `qualification.expires_on` (the first day it no longer counts).
Only a coordinator's latest completion of a course counts, so a renewed course is never
reported. Each course's expiry window becomes a range of completion dates, read through
the `completion_by_course_date` index: the cost follows what is due.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from cases.roles import Role
from coordinators.models import Appointment, Completion, Course
from coordinators.qualification import add_months
from followup.models import Reminder
from followup.reminders import BATCH, Due, record

WARNING_DAYS = 30


def completed_between(
    validity_months: int, expires_after: datetime.date | None, expires_until: datetime.date
) -> tuple[datetime.date | None, datetime.date]:
    """The completion dates whose expiry is after `expires_after` and at most `expires_until`.

    Expiry grows with the completion date but not one to one (the 31st becomes the 30th),
    so the month arithmetic is undone first and the ends then moved day by day.
    """
    day = datetime.timedelta(days=1)

    def last_expiring_by(limit: datetime.date) -> datetime.date:
        completed = add_months(limit, -validity_months)
        while add_months(completed + day, validity_months) <= limit:
            completed += day
        while add_months(completed, validity_months) > limit:
            completed -= day
        return completed

    first = None if expires_after is None else last_expiring_by(expires_after) + day
    return first, last_expiring_by(expires_until)


def _latest(completions):
    """Only each coordinator's latest completion of a course, and none dated in the future."""
    newer = Completion.objects.filter(
        coordinator=OuterRef("coordinator"), course=OuterRef("course")
    ).filter(
        Q(completed_on__gt=OuterRef("completed_on"))
        | Q(completed_on=OuterRef("completed_on"), pk__gt=OuterRef("pk"))
    )
    return completions.exclude(Exists(newer))


def _window(courses, expires_after, expires_until) -> Q:
    window = Q(pk__in=[])
    for course in courses:
        first, last = completed_between(course.validity_months, expires_after, expires_until)
        dates = Q(completed_on__lte=last) if first is None else Q(completed_on__range=(first, last))
        window |= Q(course=course) & dates
    return window


def training_expiry(today: datetime.date, dry_run: bool = False) -> int:
    """Required training expiring within 30 days: remind the coordinator and the KE leaders.
    Expired while the coordinator holds an active appointment: remind the coordinator and
    the caseworker of each such case. The due date is the expiry date.
    """
    courses = {
        c.pk: c
        for c in Course.objects.filter(validity_months__isnull=False).filter(
            Q(required_for_coordinator=True) | Q(required_for_child_coordinator=True)
        )
    }
    if not courses:
        return 0
    return _expiring(today, courses, dry_run) + _expired(today, courses, dry_run)


def _completion_due(kind, completion_id, on, user_id, text, link) -> Due:
    return Due(
        kind=kind,
        object_type="completion",
        object_id=completion_id,
        due_on=on,
        recipient_id=user_id,
        text=text,
        link=link,
    )


def _expiring(today, courses, dry_run) -> int:
    until = today + datetime.timedelta(days=WARNING_DAYS)
    rows = (
        _latest(Completion.objects.filter(_window(courses.values(), today, until)))
        .filter(coordinator__active=True, completed_on__lte=today)
        .order_by("completed_on", "id")
        .values_list(
            "pk",
            "course_id",
            "completed_on",
            "coordinator_id",
            "coordinator__user_id",
            "coordinator__user__first_name",
            "coordinator__user__last_name",
        )
    )
    leaders = list(
        get_user_model()
        .objects.filter(groups__name=Role.LEADER.label, is_active=True)
        .values_list("pk", flat=True)
        .distinct()
    )
    my_plans = reverse("plans:my_plans")

    def dues():
        for pk, course_id, completed_on, coordinator_id, user_id, first, last in rows.iterator(
            chunk_size=BATCH
        ):
            course = courses[course_id]
            on = add_months(completed_on, course.validity_months)
            kind = Reminder.Kind.TRAINING_EXPIRING
            yield _completion_due(
                kind, pk, on, user_id, f"Opplæringen din går ut {on:%d.%m.%Y}.", my_plans
            )
            name = f"{first} {last}".strip() or "En koordinator"
            detail = reverse("coordinators:detail", args=[coordinator_id])
            for leader_id in leaders:
                yield _completion_due(
                    kind, pk, on, leader_id, f"Opplæringen til {name} går ut {on:%d.%m.%Y}.", detail
                )

    return record(dues(), dry_run=dry_run)


def _expired(today, courses, dry_run) -> int:
    appointments = Appointment.objects.filter(
        coordinator=OuterRef("coordinator"), ended_on__isnull=True
    )
    rows = (
        _latest(Completion.objects.filter(_window(courses.values(), None, today)))
        .filter(Exists(appointments))
        .order_by("completed_on", "id")
        .values_list("pk", "course_id", "completed_on", "coordinator_id", "coordinator__user_id")
    )
    expired = list(rows.iterator(chunk_size=BATCH))
    if not expired:
        return 0
    # Whose cases: the active appointments of these coordinators, with each case's caseworker.
    held: dict[int, list[tuple]] = {}
    for coordinator_id, kind, case_id, number, caseworker_id in Appointment.objects.filter(
        coordinator_id__in={row[3] for row in expired}, ended_on__isnull=True
    ).values_list("coordinator_id", "kind", "case_id", "case__number", "case__caseworker_id"):
        held.setdefault(coordinator_id, []).append((kind, case_id, number, caseworker_id))
    my_plans = reverse("plans:my_plans")

    def dues():
        for pk, course_id, completed_on, coordinator_id, user_id in expired:
            course = courses[course_id]
            # A course counts only for the kind of appointment that requires it.
            cases = [
                h
                for h in held.get(coordinator_id, [])
                if (h[0] == Appointment.Kind.COORDINATOR and course.required_for_coordinator)
                or (
                    h[0] == Appointment.Kind.CHILD_COORDINATOR
                    and course.required_for_child_coordinator
                )
            ]
            if not cases:
                continue
            on = add_months(completed_on, course.validity_months)
            kind = Reminder.Kind.TRAINING_EXPIRED
            yield _completion_due(
                kind,
                pk,
                on,
                user_id,
                f"Opplæringen din gikk ut {on:%d.%m.%Y}. Meld deg på ny opplæring.",
                my_plans,
            )
            for _, case_id, number, caseworker_id in cases:
                if caseworker_id is None:
                    continue
                yield _completion_due(
                    kind,
                    pk,
                    on,
                    caseworker_id,
                    f"Koordinatoren i sak {number} har opplæring som gikk ut {on:%d.%m.%Y}.",
                    reverse("coordinators:case_coordinator", args=[case_id]),
                )

    return record(dues(), dry_run=dry_run)
