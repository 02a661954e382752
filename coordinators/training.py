"""Training and guidance of coordinators: course days, booking, attendance, completions."""

import datetime

from django.db import transaction
from django.utils import timezone

from coordinators.models import (
    Attendance,
    Completion,
    Coordinator,
    Course,
    GuidanceSession,
    TrainingSession,
)
from core.errors import RuleViolation

# --- Training and guidance -----------------------------------------------------------------


@transaction.atomic
def training_session_create(
    *, course: Course, held_on: datetime.date, place: str, trainer: str, by
) -> TrainingSession:
    if not course.active:
        raise RuleViolation("Kurset er ikke lenger i bruk.")
    session = TrainingSession(course=course, held_on=held_on, place=place, trainer=trainer)
    session.full_clean()
    session.save()
    return session


@transaction.atomic
def attendance_book(*, session: TrainingSession, coordinator: Coordinator, by) -> Attendance:
    if session.held_on < timezone.localdate():
        raise RuleViolation(
            "Kursdagen har allerede vært. Registrer fullført opplæring på koordinatoren i stedet."
        )
    if not coordinator.active:
        raise RuleViolation(f"{coordinator} er ikke aktiv som koordinator.")
    if Attendance.objects.filter(session=session, coordinator=coordinator).exists():
        raise RuleViolation(f"{coordinator} er allerede meldt på denne kursdagen.")
    attendance = Attendance(session=session, coordinator=coordinator, booked_by=by)
    attendance.full_clean()
    attendance.save()
    return attendance


@transaction.atomic
def attendance_mark(*, attendance: Attendance, attended: bool, by) -> Attendance:
    """Record whether the coordinator came; attending makes a completion record."""
    locked = (
        Attendance.objects.select_for_update(of=("self",))
        .select_related("session")
        .get(pk=attendance.pk)
    )
    if locked.session.held_on > timezone.localdate():
        raise RuleViolation("Oppmøte kan registreres fra og med kursdagen.")
    if locked.status != Attendance.Status.BOOKED:
        raise RuleViolation("Oppmøtet er allerede registrert.")
    locked.status = Attendance.Status.ATTENDED if attended else Attendance.Status.ABSENT
    locked.save(update_fields=["status"])
    if attended:
        Completion.objects.create(
            coordinator_id=locked.coordinator_id,
            course_id=locked.session.course_id,
            completed_on=locked.session.held_on,
            attendance=locked,
            registered_by=by,
        )
    return locked


@transaction.atomic
def completion_record(
    *, coordinator: Coordinator, course: Course, completed_on: datetime.date, by
) -> Completion:
    """Training completed elsewhere, e.g. at another municipality's course."""
    if completed_on > timezone.localdate():
        raise RuleViolation("Fullført dato kan ikke ligge fram i tid.")
    completion = Completion(
        coordinator=coordinator, course=course, completed_on=completed_on, registered_by=by
    )
    completion.full_clean()
    completion.save()
    return completion


@transaction.atomic
def guidance_record(
    *, kind: str, held_on: datetime.date, guide: str, topic: str, coordinators, by
) -> GuidanceSession:
    coordinators = list(coordinators)
    if held_on > timezone.localdate():
        raise RuleViolation("Veiledning registreres etter at den er holdt.")
    if kind == GuidanceSession.Kind.INDIVIDUAL and len(coordinators) != 1:
        raise RuleViolation("Individuell veiledning gjelder én koordinator.")
    if kind == GuidanceSession.Kind.GROUP and len(coordinators) < 2:
        raise RuleViolation("Veiledning i gruppe gjelder minst to koordinatorer.")
    session = GuidanceSession(kind=kind, held_on=held_on, guide=guide, topic=topic, recorded_by=by)
    session.full_clean()
    session.save()
    session.coordinators.set(coordinators)
    return session
