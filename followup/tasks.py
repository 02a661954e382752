import logging
from smtplib import SMTPException

from celery import shared_task
from django.conf import settings
from django.core.mail import get_connection, send_mail
from django.db import transaction
from django.utils import timezone

from followup.models import Reminder

logger = logging.getLogger(__name__)


@shared_task(bind=True, autoretry_for=(SMTPException, OSError), retry_backoff=True, max_retries=5)
def reminders_email_task(self, reminder_ids: list[int]) -> int:
    """Email each reminder once: claimed under a row lock, marked when sent. The batch
    goes over one SMTP connection, not one per email."""
    sent = 0
    with get_connection() as connection:
        for reminder_id in reminder_ids:
            sent += _email_one(reminder_id, connection)
    logger.info("reminders emailed: %s", sent)
    return sent


def _email_one(reminder_id: int, connection) -> int:
    with transaction.atomic():
        reminder = (
            Reminder.objects.select_for_update(skip_locked=True)
            .select_related("recipient")
            .filter(pk=reminder_id, emailed_at__isnull=True)
            .first()
        )
        if reminder is None or not reminder.recipient.email:
            return 0
        send_mail(
            subject="Påminnelse fra koordinerende enhet",
            message=(
                "Du har en ny påminnelse i saksbehandlingssystemet til koordinerende enhet.\n\n"
                f"Logg inn for å se den: {settings.SITE_URL}{reminder.link}\n"
            ),
            from_email=None,
            recipient_list=[reminder.recipient.email],
            connection=connection,
        )
        reminder.emailed_at = timezone.now()
        reminder.save(update_fields=["emailed_at"])
        return 1


@shared_task(bind=True, max_retries=3, retry_backoff=True)
def daily_scans_task(self) -> dict:
    from followup.scans import run_all

    return run_all(dry_run=False)


@shared_task
def scan_task(name: str) -> int:
    """One scan on its own schedule, e.g. resending letters whose task was lost."""
    from followup.scans import run_one

    return run_one(name)
