"""Celery tasks: ids in, one service call, retries with backoff. All idempotent.

The daily work (complaint deadlines, letters whose task was lost) is in decisions.scans,
run with every other scan by followup.tasks.daily_scans_task.
"""

from smtplib import SMTPException

from celery import shared_task

from decisions import delivery


@shared_task(
    bind=True,
    autoretry_for=(SMTPException, OSError),
    retry_backoff=True,
    max_retries=5,
    acks_late=True,
)
def dispatch_send_task(self, dispatch_id: int) -> bool:
    """Email one letter. A retry or a second run finds the dispatch sent and does nothing."""
    try:
        return delivery.dispatch_deliver(dispatch_id=dispatch_id)
    except (SMTPException, OSError) as error:
        delivery.dispatch_record_failure(
            dispatch_id=dispatch_id,
            error=type(error).__name__,
            final=self.request.retries >= self.max_retries,
        )
        raise
