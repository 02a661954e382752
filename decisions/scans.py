"""The decisions' daily scans, run with the others by followup.scans.run_all (listed in SCANS).

Each selects everything due and not yet handled, so a missed or doubled run does no harm.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from decisions import complaints, due
from decisions.models import Dispatch

BATCH = 500

# A queued email younger than this may still be on its way through the broker or a worker:
# leave it alone. Older than this, its task is taken to be lost (a worker killed with -9,
# a broker that lost the message) and it is queued again. Far above the longest task
# (CELERY_TASK_TIME_LIMIT 90 s) and the retries' backoff (at most about 30 s in all).
RESEND_AFTER = datetime.timedelta(minutes=10)


def complaint_deadlines(today: datetime.date, dry_run: bool = False) -> int:
    """Sent decisions with no complaint whose deadline and grace have passed become final."""
    if dry_run:
        return due.decisions_due_final(today).count()
    return complaints.decisions_finalize_due(today=today, batch_size=BATCH)


def dispatches_resend(
    today: datetime.date, dry_run: bool = False, *, now: datetime.datetime | None = None
) -> int:
    """Queue again the emailed letters whose task was lost; the self-healing half of sending.

    Safe to double: dispatch_send_task claims the row under a lock and does nothing unless
    it is still queued, so a letter whose first task turns up after all is sent once.
    Works from the clock, not `today`: what counts is how long the letter has waited.
    """
    cutoff = (now or timezone.now()) - RESEND_AFTER
    # Served by the partial index dispatch_queued (channel, queued_at) WHERE status='queued'.
    stale = (
        Dispatch.objects.filter(
            status=Dispatch.Status.QUEUED,
            channel=Dispatch.Channel.EMAIL,
            queued_at__lt=cutoff,
        )
        .order_by("queued_at", "id")
        .values_list("pk", flat=True)
    )
    if dry_run:
        return stale.count()
    from decisions.tasks import dispatch_send_task

    count = 0
    for dispatch_id in stale.iterator(chunk_size=BATCH):
        # Bind the id now: the lambda runs after commit, when the loop has moved on.
        transaction.on_commit(lambda pk=dispatch_id: dispatch_send_task.delay(pk), robust=True)
        count += 1
    return count
