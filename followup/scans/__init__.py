"""The daily scans: each selects everything due and not yet handled, so a missed
or doubled run does no harm. Run by beat (`daily_scans_task`) or `manage.py run_scans`.
"""

import datetime
import logging

from django.urls import reverse
from django.utils import timezone

from cases import due as cases_due
from cases import partitions
from decisions.scans import (
    complaint_deadlines,
    decided_flags,
    dispatch_receipts,
    dispatches_resend,
    processing_days,
)
from followup.models import Reminder
from followup.overview_store import overview_figures
from followup.reminders import Due, record
from followup.scans.letters import dispatch_failures
from followup.scans.plans import (
    action_points_overdue,
    evaluations_due,
    evaluations_overdue,
    plans_last_active,
    plans_quiet,
)
from followup.scans.training import training_expiry

logger = logging.getLogger(__name__)


def consent_waits(today: datetime.date, dry_run: bool = False) -> int:
    """Cases waiting for consent longer than KE_CONSENT_WAIT_DAYS: remind the caseworker."""
    due = (
        cases_due.consent_waits_due(until=today)
        .filter(caseworker__isnull=False)
        .values_list("pk", "number", "received_on", "caseworker_id")
    )
    dues = [
        Due(
            kind=Reminder.Kind.CONSENT_WAITING,
            object_type="case",
            object_id=pk,
            due_on=cases_due.consent_wait_ends(received_on),
            recipient_id=caseworker_id,
            text=f"Sak {number} har ventet på samtykke siden {received_on:%d.%m.%Y}.",
            link=reverse("cases:consent", args=[pk]),
        )
        for pk, number, received_on, caseworker_id in due.iterator(chunk_size=500)
    ]
    return record(dues, dry_run=dry_run)


def access_log_partitions(today: datetime.date, dry_run: bool = False) -> int:
    """The access log's partitions for this month and the next ones (PostgreSQL)."""
    return len(partitions.ensure_partitions(today, dry_run=dry_run))


# Every scan, by name: function(today, dry_run) -> number of items handled.
SCANS = {
    scan.__name__: scan
    for scan in (
        consent_waits,
        evaluations_due,
        evaluations_overdue,
        action_points_overdue,
        plans_last_active,
        plans_quiet,
        training_expiry,
        complaint_deadlines,
        decided_flags,
        processing_days,
        dispatches_resend,
        access_log_partitions,
        dispatch_receipts,
        dispatch_failures,
        overview_figures,
    )
}


def run_one(name: str, *, dry_run: bool = False, today: datetime.date | None = None) -> int:
    if name not in SCANS:
        raise ValueError(f"Unknown scan: {name}")
    handled = SCANS[name](today or timezone.localdate(), dry_run)
    logger.info("scan %s: %s", name, handled)
    return handled


class ScansFailed(Exception):
    """Some scans raised; every other one ran. The tracebacks are in the log."""

    def __init__(self, failed: list[str], results: dict[str, int]):
        super().__init__(f"Scans failed: {', '.join(failed)}")
        self.failed = failed
        self.results = results


def run_all(*, dry_run: bool = False, today: datetime.date | None = None) -> dict[str, int]:
    """Every scan, each whatever the one before it did: a scan that raises is logged and
    the rest still run (one failing month of the access log must not stop the letters'
    receipts), and then ScansFailed names the ones that failed, so the task fails."""
    results, failed = {}, []
    for name in SCANS:
        try:
            results[name] = run_one(name, dry_run=dry_run, today=today)
        except Exception:
            logger.exception("scan %s failed", name)
            failed.append(name)
    if failed:
        raise ScansFailed(failed, results)
    return results
