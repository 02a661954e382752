"""The decisions' daily scans, run with the others by followup.scans.run_all (listed in SCANS).

Each selects everything due and not yet handled, so a missed or doubled run does no harm.
"""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cases import due as cases_due
from core.svarut import SvarUtError, SvarUtUnavailable
from decisions import complaints, decided, dispatching, due, receipts
from decisions.models import Decision, Dispatch

logger = logging.getLogger(__name__)

BATCH = 500

# A queued letter younger than this may still be on its way through the broker or a worker:
# leave it alone. Older than this, its task is taken to be lost (a worker killed with -9,
# a broker that lost the message) and it is queued again. Far above the longest task
# (CELERY_TASK_TIME_LIMIT 90 s) and the retries' backoff (at most about 30 s in all).
RESEND_AFTER = datetime.timedelta(minutes=10)


def complaint_deadlines(today: datetime.date, dry_run: bool = False) -> int:
    """Sent decisions with no complaint whose deadline and grace have passed become final."""
    if dry_run:
        return due.decisions_due_final(today).count()
    return complaints.decisions_finalize_due(today=today, batch_size=BATCH)


def decided_flags(today: datetime.date, dry_run: bool = False) -> int:
    """Cases whose decided flags disagree with their sent decisions get them put right, so
    "owes a decision" (Frister) heals itself; only the count is logged."""
    if dry_run:
        return sum(wrong.count() for _service, wrong in decided.decided_flags_wrong())
    repaired = decided.decided_flags_repair()
    if repaired:
        logger.warning("decided flags repaired on %s cases", repaired)
    return repaired


def processing_days(today: datetime.date, dry_run: bool = False) -> int:
    """Sent decisions whose processing time disagrees with their case's receipt day (a day
    corrected after the decision went out) get it put right, so Oversikt heals itself."""
    wrong = []
    sent = Decision.objects.filter(sent_on__isnull=False).order_by("pk")
    for pk, sent_on, stored, received_on in sent.values_list(
        "pk", "sent_on", "processing_days", "case__received_on"
    ).iterator(chunk_size=2000):
        days = cases_due.processing_days(received_on, sent_on)
        if days != stored:
            wrong.append(Decision(pk=pk, processing_days=days))
    if wrong and not dry_run:
        Decision.objects.bulk_update(wrong, ["processing_days"], batch_size=2000)
        logger.warning("processing days repaired on %s decisions", len(wrong))
    return len(wrong)


def dispatches_resend(
    today: datetime.date, dry_run: bool = False, *, now: datetime.datetime | None = None
) -> int:
    """Queue again the letters whose task was lost; the self-healing half of sending.

    Safe to double: dispatch_send_task claims the row under a lock and does nothing unless
    it is still queued, and looks up the external reference before it sends, so a letter
    whose first task turns up after all, or that SvarUt got before the worker died, is
    sent once. Letters for the print batch are queued again only until they are rendered.
    Works from the clock, not `today`: what counts is how long the letter has waited.
    """
    cutoff = (now or timezone.now()) - RESEND_AFTER
    # Served by the partial index dispatch_queued (channel, queued_at) WHERE status='queued'.
    stale = (
        Dispatch.objects.filter(status=Dispatch.Status.QUEUED, queued_at__lt=cutoff)
        .filter(~Q(channel=Dispatch.Channel.POST) | Q(letter__file=""))
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


def dispatch_receipts(
    today: datetime.date, dry_run: bool = False, *, now: datetime.datetime | None = None
) -> int:
    """Ask SvarUt how the letters it accepted are doing and record each change (delivered
    digitally, sent to print, read, not delivered, handled manually); a delivery, read or
    print date moves the letter's received date and so the complaint deadline."""
    open_ones = receipts.awaiting_receipt(now or timezone.now()).order_by("sent_at", "id")
    if dry_run:
        return open_ones.count()
    if not settings.SVARUT_BASE_URL:
        return 0
    by_forsendelse = dict(open_ones.values_list("forsendelse_id", "pk")[: BATCH * 10])
    if not by_forsendelse:
        return 0
    try:
        statuses = dispatching.svarut_client().statuses(list(by_forsendelse))
    except (SvarUtUnavailable, SvarUtError) as error:
        # The next run asks again; nothing is lost by waiting.
        logger.warning("SvarUt status unavailable: %s", type(error).__name__)
        return 0
    changed = 0
    for status in statuses:
        if status.forsendelse_id in by_forsendelse:
            changed += receipts.dispatch_record_status(
                dispatch_id=by_forsendelse[status.forsendelse_id],
                svarut_status=status.status,
                changed_at=status.changed_at,
            )
    return changed
