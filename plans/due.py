"""What is due in the plans, one selector per deadline kind, and plans gone quiet.

"Frister" and the daily scans (both in followup) read these and nothing else, so the
list and the reminders agree. Each query starts from a partial index on the due date
(`plan_active_next_evaluation`, `action_point_open_by_due`): its cost follows what is
due, not the size of the tables.
"""

import datetime

from django.db import models
from django.db.models import Exists, Max, OuterRef, QuerySet, Subquery
from django.utils import timezone

from coordinators.qualification import add_months
from plans.models import (
    ActionPoint,
    Evaluation,
    Goal,
    Measure,
    Meeting,
    Participant,
    Plan,
    PlanMessage,
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


# What counts as activity in a plan, each (model, its path to the plan, a date or time
# field); the plan's own edits (updated_at) and activation count too.
ACTIVITY: list[tuple[type[models.Model], str, str]] = [
    (Goal, "plan", "created_at"),
    (Measure, "plan", "created_at"),
    (Participant, "plan", "created_at"),
    (PlanMessage, "plan", "created_at"),
    (Meeting, "plan", "held_on"),
    (Meeting, "plan", "created_at"),
    (Evaluation, "plan", "held_on"),
    (Evaluation, "plan", "created_at"),
]


def register_activity(model: type[models.Model], plan_path: str, field: str) -> None:
    """Count rows of `model` (reaching the plan by `plan_path`) as activity by `field`."""
    ACTIVITY.append((model, plan_path, field))


def _day_starts(day: datetime.date) -> datetime.datetime:
    """The first moment of `day` in the local time zone: a bound an index on a time serves
    (a `__date` lookup casts every row and serves none)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def _after(model, field: str, cutoff: datetime.date) -> dict:
    """Rows dated after the day `cutoff` (a time: from the start of the next local day)."""
    if isinstance(model._meta.get_field(field), models.DateTimeField):
        return {f"{field}__gte": _day_starts(cutoff + datetime.timedelta(days=1))}
    return {f"{field}__gt": cutoff}


def quiet_plans_due(*, until: datetime.date, months: int, plans: QuerySet | None = None):
    """Active plans with no activity for `months` months by `until`: none after the cutoff.

    Annotated with `last_activity_<n>` (one per ACTIVITY source) for `quiet_on`. One query
    whatever the number of plans: NOT EXISTS per source, each one probe of its
    (plan, date) index and the first that finds activity ends the plan's search; the MAX
    subqueries run only for the plans found quiet. Driven by `plan_active_by_activation`.
    """
    cutoff = add_months(until, -months)
    quiet = (
        (plans if plans is not None else Plan.objects.all())
        .filter(
            status=Plan.Status.ACTIVE,
            updated_at__lt=_day_starts(cutoff + datetime.timedelta(days=1)),
        )
        .exclude(activated_on__gt=cutoff)
    )
    last = {}
    for n, (model, path, field) in enumerate(ACTIVITY):
        rows = model.objects.filter(**{path: OuterRef("pk")})
        quiet = quiet.exclude(Exists(rows.filter(**_after(model, field, cutoff))))
        last[f"last_activity_{n}"] = Subquery(
            rows.order_by().values(path).annotate(last=Max(field)).values("last")[:1]
        )
    return quiet.annotate(**last).order_by("activated_on", "id")


LAST_ACTIVITY_FIELDS = ("activated_on", "updated_at")


def last_activity_on(*, activated_on, updated_at, **last_activity) -> datetime.date:
    """The day of a quiet plan's last activity, from the columns quiet_plans_due gives."""
    days = [activated_on, timezone.localtime(updated_at).date()]
    for value in last_activity.values():
        if isinstance(value, datetime.datetime):
            value = timezone.localtime(value).date()
        days.append(value)
    return max(d for d in days if d is not None)


def quiet_on(last_activity: datetime.date, *, months: int) -> datetime.date:
    """The day a plan goes quiet: `months` after its last activity."""
    return add_months(last_activity, months)


def last_activity_columns() -> tuple[str, ...]:
    """The columns `quiet_on` reads, for values()/values_list() on quiet_plans_due."""
    return (*LAST_ACTIVITY_FIELDS, *(f"last_activity_{n}" for n in range(len(ACTIVITY))))


def meetings_due(*, until: datetime.date, meetings: QuerySet | None = None) -> QuerySet:
    """The next meetings of active plans agreed for `until` or before: a date passed with
    no meeting registered since is still due (its minutes are not written)."""
    narrowed = (meetings if meetings is not None else Meeting.objects.all()).filter(
        plan__status=Plan.Status.ACTIVE, next_meeting_on__lte=until
    )
    return next_meetings(narrowed).order_by("next_meeting_on", "id")
