"""The daily scans: each selects everything due and not yet handled, so a missed
or doubled run does no harm. Run by beat (`daily_scans_task`) or `manage.py run_scans`.
"""

import datetime
import importlib
import logging

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from cases.models import Case, Reminder
from cases.reminders import Due, record

logger = logging.getLogger(__name__)

# Each entry: "module:function(today, dry_run) -> number of items handled".
SCANS = [
    "cases.scans:consent_waits",
    "plans.scans:evaluations_due",
    "plans.scans:evaluations_overdue",
    "plans.scans:action_points_overdue",
    "coordinators.scans:training_expiry",
    "decisions.scans:complaint_deadlines",
    "decisions.scans:dispatches_resend",
]


def consent_waits(today: datetime.date, dry_run: bool = False) -> int:
    """Cases waiting for consent longer than KE_CONSENT_WAIT_DAYS: remind the caseworker."""
    waited_since = today - datetime.timedelta(days=settings.KE_CONSENT_WAIT_DAYS)
    due = (
        Case.objects.filter(
            status=Case.Status.AWAITING_CONSENT,
            received_on__lte=waited_since,
            caseworker__isnull=False,
        )
        .order_by("received_on", "id")
        .values_list("pk", "number", "received_on", "caseworker_id")
    )
    dues = [
        Due(
            kind=Reminder.Kind.CONSENT_WAITING,
            object_type="case",
            object_id=pk,
            due_on=received_on + datetime.timedelta(days=settings.KE_CONSENT_WAIT_DAYS),
            recipient_id=caseworker_id,
            text=f"Sak {number} har ventet på samtykke siden {received_on:%d.%m.%Y}.",
            link=reverse("cases:consent", args=[pk]),
        )
        for pk, number, received_on, caseworker_id in due.iterator(chunk_size=500)
    ]
    return record(dues, dry_run=dry_run)


def run_one(entry: str, *, dry_run: bool = False, today: datetime.date | None = None) -> int:
    if entry not in SCANS:
        raise ValueError(f"Unknown scan: {entry}")
    module_name, function_name = entry.split(":")
    scan = getattr(importlib.import_module(module_name), function_name)
    handled = scan(today or timezone.localdate(), dry_run)
    logger.info("scan %s: %s", function_name, handled)
    return handled


def run_all(*, dry_run: bool = False, today: datetime.date | None = None) -> dict[str, int]:
    return {entry.split(":")[1]: run_one(entry, dry_run=dry_run, today=today) for entry in SCANS}
