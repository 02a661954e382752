"""Training that is due: required courses about to expire or expired, one selector.

"Frister" and the daily training scan (both in followup) read `training_due` and nothing
else, so the list and the reminders agree. A completion expires on
`qualification.expires_on` (the first day it no longer counts). Only a coordinator's
latest completion of a course counts, so a renewed course is never reported, however
many completions there are. Each course's expiry window becomes a range of completion
dates, read through the `completion_by_course_date` index: the cost follows what is due.
"""

import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet

from coordinators.models import Completion, Course
from coordinators.qualification import add_months


def expiring_courses() -> QuerySet:
    """Courses that expire and that an appointment requires."""
    return Course.objects.filter(validity_months__isnull=False).filter(
        Q(required_for_coordinator=True) | Q(required_for_child_coordinator=True)
    )


def training_due(
    courses,
    *,
    today: datetime.date,
    expires_after: datetime.date | None,
    expires_until: datetime.date,
) -> QuerySet:
    """The latest completion of each of `courses` per coordinator, expiring after
    `expires_after` (no lower end if None) and on or before `expires_until`.

    Completions dated after `today` are not counted yet.
    """
    return (
        _latest(Completion.objects.filter(_window(courses, expires_after, expires_until)))
        .filter(completed_on__lte=today)
        .order_by("completed_on", "id")
    )


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
