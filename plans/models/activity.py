"""A plan's last activity, kept on the plan (`Plan.last_active_on`), so that the plans gone
quiet are a range of one index, not a search through every kind of activity.

What counts as activity: the plan's own edits and activation (Plan.save), and the rows
whose model takes CountsAsActivity (goals, measures, participants, messages, meetings,
evaluations), dated by their `activity_fields`. A row changed or deleted can leave the
day too late; the daily scan `plans_last_active` puts it right from the rows themselves.
"""

import datetime

from django.db.models import Q
from django.utils import timezone


def as_day(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date()
    return value


class CountsAsActivity:
    """Saving the row moves its plan's last activity forward to the row's day."""

    activity_fields: tuple[str, ...] = ("created_at",)

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        days = [as_day(getattr(self, field)) for field in self.activity_fields]
        day = max(d for d in days if d is not None)
        plans = self._meta.get_field("plan").related_model.objects
        plans.filter(
            Q(last_active_on__lt=day) | Q(last_active_on__isnull=True), pk=self.plan_id
        ).update(last_active_on=day)
