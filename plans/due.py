"""What is due in the plans, one selector per deadline kind, and plans gone quiet.

"Frister" and the daily scans (both in followup) read these and nothing else, so the
list and the reminders agree. Each query starts from a partial index on the due date
(`plan_active_next_evaluation`, `action_point_open_by_due`, `plan_active_by_last_activity`):
its cost follows what is due, not the size of the tables.
"""

import datetime

from django.db.models import QuerySet

from coordinators.qualification import add_months
from plans.models import (
    ActionPoint,
    Meeting,
    Plan,
)
from plans.selectors import next_meetings


def evaluations_due(
    *, until: datetime.date, since: datetime.date | None = None, plans: QuerySet | None = None
) -> QuerySet:
    """Active plans whose next evaluation is on `since`..`until` (no lower end if None)."""
    due = (plans if plans is not None else Plan.objects.all()).filter(
        status=Plan.Status.ACTIVE, next_evaluation_on__lte=until
    )
    if since is not None:
        due = due.filter(next_evaluation_on__gte=since)
    return due.order_by("next_evaluation_on", "id")


def action_points_due(*, until: datetime.date, points: QuerySet | None = None) -> QuerySet:
    """Open action points of active plans due on or before `until`."""
    return (
        (points if points is not None else ActionPoint.objects.all())
        .filter(done=False, due_on__lte=until, meeting__plan__status=Plan.Status.ACTIVE)
        .order_by("due_on", "id")
    )


def quiet_plans_due(
    *, until: datetime.date, months: int, plans: QuerySet | None = None
) -> QuerySet:
    """Active plans with no activity for `months` months by `until`, the longest quiet
    first: by `plan_active_by_last_activity`, whatever the number of plans."""
    cutoff = add_months(until, -months)
    return (
        (plans if plans is not None else Plan.objects.all())
        .filter(status=Plan.Status.ACTIVE, last_active_on__lte=cutoff)
        .order_by("last_active_on", "id")
    )


def quiet_on(last_active_on: datetime.date, *, months: int) -> datetime.date:
    """The day a plan goes quiet: `months` after its last activity."""
    return add_months(last_active_on, months)


def meetings_due(*, until: datetime.date, meetings: QuerySet | None = None) -> QuerySet:
    """The next meetings of active plans agreed for `until` or before: a date passed with
    no meeting registered since is still due (its minutes are not written)."""
    narrowed = (meetings if meetings is not None else Meeting.objects.all()).filter(
        plan__status=Plan.Status.ACTIVE, next_meeting_on__lte=until
    )
    return next_meetings(narrowed).order_by("next_meeting_on", "id")
