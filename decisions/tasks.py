"""Celery tasks: ids in, one service call, retries with backoff. All idempotent.

The daily work (complaint deadlines, letters whose task was lost, SvarUt's receipts) is in
decisions.scans, run with every other scan by followup.tasks.daily_scans_task.
"""

from celery import shared_task
from django.conf import settings

from core.svarut import SvarUtError, SvarUtUnavailable
from decisions import dispatching

# Longer than SvarUt's recommended send timeout, so a slow upload is not cut off by Celery.
SEND_TIME_LIMIT = settings.SVARUT_TIMEOUT_SECONDS + 120


@shared_task(
    bind=True,
    autoretry_for=(SvarUtUnavailable, OSError),
    retry_backoff=True,
    max_retries=5,
    acks_late=True,
    soft_time_limit=SEND_TIME_LIMIT - 30,
    time_limit=SEND_TIME_LIMIT,
)
def dispatch_send_task(self, dispatch_id: int) -> bool:
    """Render and send one letter. A retry or a second run finds the dispatch sent (or the
    forsendelse SvarUt already has, by its external reference) and sends nothing more."""
    try:
        return dispatching.dispatch_deliver(dispatch_id=dispatch_id)
    except (SvarUtUnavailable, OSError) as error:
        dispatching.dispatch_record_failure(
            dispatch_id=dispatch_id,
            error=type(error).__name__,
            final=self.request.retries >= self.max_retries,
        )
        raise
    except (SvarUtError, dispatching.LetterNotRenderable) as error:
        # Refused (4xx) or no longer possible: trying again would not help. The caseworker
        # sees it as failed on the start page and in "Frister".
        dispatching.dispatch_record_failure(
            dispatch_id=dispatch_id, error=type(error).__name__, final=True
        )
        return False
