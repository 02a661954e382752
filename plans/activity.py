"""Putting a plan's last activity right from the rows themselves (the daily scan
`plans_last_active`): a row deleted or moved back in time leaves `Plan.last_active_on`
later than it is, and a bulk write bypasses the save that keeps it.
"""

from django.db.models import Max, OuterRef, Subquery

from plans.models import Evaluation, Goal, Measure, Meeting, Participant, Plan, PlanMessage
from plans.models.activity import as_day

SOURCES = (Goal, Measure, Participant, PlanMessage, Meeting, Evaluation)
BATCH = 2000


def _latest_columns() -> dict[str, Subquery]:
    columns = {}
    for model in SOURCES:
        rows = model.objects.filter(plan=OuterRef("pk")).order_by().values("plan")
        for field in model.activity_fields:
            columns[f"last_{model._meta.model_name}_{field}"] = Subquery(
                rows.annotate(last=Max(field)).values("last")[:1]
            )
    return columns


def last_active_on(*, activated_on, updated_at, **latest):
    """The day of a plan's last activity: its activation, its last edit, its rows."""
    days = [activated_on, as_day(updated_at), *(as_day(value) for value in latest.values())]
    return max(day for day in days if day is not None)


def last_active_repair(*, dry_run: bool = False) -> int:
    """Open plans whose last activity is not the day their rows give: put right (unless
    `dry_run`). Returns how many were wrong."""
    columns = _latest_columns()
    plans = (
        Plan.objects.exclude(status=Plan.Status.CLOSED)
        .annotate(**columns)
        .order_by("pk")
        .values_list("pk", "last_active_on", "activated_on", "updated_at", *columns)
    )
    wrong = []
    for pk, stored, activated_on, updated_at, *latest in plans.iterator(chunk_size=BATCH):
        day = last_active_on(
            activated_on=activated_on,
            updated_at=updated_at,
            **dict(zip(columns, latest, strict=True)),
        )
        if day != stored:
            wrong.append(Plan(pk=pk, last_active_on=day))
    if not dry_run:
        Plan.objects.bulk_update(wrong, ["last_active_on"], batch_size=BATCH)
    return len(wrong)
