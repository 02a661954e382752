from smtplib import SMTPException

from celery import shared_task

from coordinators.services import appointment_notify


@shared_task(bind=True, autoretry_for=(SMTPException, OSError), retry_backoff=True, max_retries=5)
def appointment_notify_task(self, appointment_id: int) -> bool:
    return appointment_notify(appointment_id=appointment_id)
