from smtplib import SMTPException
from unittest import mock

import pytest
from celery.exceptions import Retry
from django.core import mail

from coordinators.tasks import appointment_notify_task
from tests.factories import AppointmentFactory

pytestmark = pytest.mark.django_db


def test_the_task_sends_one_email_even_when_run_twice():
    appointment = AppointmentFactory()
    appointment_notify_task.delay(appointment.pk)
    appointment_notify_task.delay(appointment.pk)
    assert len(mail.outbox) == 1


def test_the_email_names_no_one():
    appointment = AppointmentFactory()
    appointment_notify_task.delay(appointment.pk)
    message = mail.outbox[0]
    text = message.subject + message.body
    assert f"/koordinatorer/sak/{appointment.case_id}/" in message.body  # only a link
    assert appointment.case.person.given_name not in text
    assert appointment.case.person.family_name not in text
    assert appointment.case.number not in text
    assert appointment.coordinator.user.last_name not in text


def test_a_coordinator_without_an_email_address_gets_no_email():
    appointment = AppointmentFactory(coordinator__user__email="")
    appointment_notify_task.delay(appointment.pk)
    assert mail.outbox == []


def test_the_task_retries_when_the_mail_server_fails():
    appointment = AppointmentFactory()
    with (
        mock.patch("coordinators.services.send_mail", side_effect=SMTPException("nede")),
        pytest.raises(Retry),
    ):
        appointment_notify_task.apply(args=[appointment.pk], throw=True)
    appointment.refresh_from_db()
    assert appointment.notified_at is None
