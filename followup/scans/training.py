"""The daily scan for coordinators' training: required courses about to expire or expired.

What is due comes from coordinators.due, the same selector "Frister" reads: only a
coordinator's latest completion of a course counts, so a renewed course is never reported.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.urls import reverse

from cases.roles import Role
from coordinators import due
from coordinators.models import Appointment
from coordinators.qualification import add_months
from followup.models import Reminder
from followup.reminders import BATCH, Due, record

WARNING_DAYS = 30


def training_expiry(today: datetime.date, dry_run: bool = False) -> int:
    """Required training expiring within 30 days: remind the coordinator and the KE leaders.
    Expired while the coordinator holds an active appointment: remind the coordinator and
    the caseworker of each such case. The due date is the expiry date.
    """
    courses = {c.pk: c for c in due.expiring_courses()}
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
        due.training_due(courses.values(), today=today, expires_after=today, expires_until=until)
        .filter(coordinator__active=True)
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
        due.training_due(courses.values(), today=today, expires_after=None, expires_until=today)
        .filter(Exists(appointments))
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
