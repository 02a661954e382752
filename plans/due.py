"""What is due in the plans, one selector per deadline kind.

"Frister" and the daily scans (both in followup) read these and nothing else, so the
list and the reminders agree. Each query starts from a partial index on the due date
(`plan_active_next_evaluation`, `action_point_open_by_due`): its cost follows what is
due, not the size of the tables.
"""

import datetime

from django.db.models import QuerySet

from plans.models import ActionPoint, Meeting, Plan
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


def meetings_due(*, until: datetime.date, meetings: QuerySet | None = None) -> QuerySet:
    """The next meetings of active plans agreed for `until` or before: a date passed with
    no meeting registered since is still due (its minutes are not written)."""
    narrowed = (meetings if meetings is not None else Meeting.objects.all()).filter(
        plan__status=Plan.Status.ACTIVE, next_meeting_on__lte=until
    )
    return next_meetings(narrowed).order_by("next_meeting_on", "id")
