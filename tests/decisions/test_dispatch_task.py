"""Sending through the real Celery task (eager here) with the locmem email backend."""

from smtplib import SMTPException
from unittest import mock

import pytest
from django.core import mail

from decisions import delivery
from decisions.models import Dispatch
from decisions.tasks import dispatch_send_task
from tests.decisions.factories import DecisionFactory
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

HEALTH_WORDS = ["koordinator", "individuell plan", "innvilget", "avslag", "vedtak om", "helse"]


@pytest.fixture
def sent(db, django_capture_on_commit_callbacks):
    case = CaseFactory(person__email="kari@epost.example", person__given_name="Kari")
    decision = DecisionFactory(case=case)
    with django_capture_on_commit_callbacks(execute=True):
        delivery.decision_send(decision=decision, by=decision.decided_by)
    return decision


def test_sending_emails_the_letter_once(sent):
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["kari@epost.example"]


def test_the_email_carries_the_stored_pdf(sent):
    name, content, mimetype = mail.outbox[0].attachments[0]
    assert mimetype == "application/pdf"
    assert content == sent.letters.get().file.open("rb").read()


def test_the_email_body_and_subject_hold_no_health_data(sent):
    message = mail.outbox[0]
    text = f"{message.subject} {message.body}".lower()
    assert [w for w in HEALTH_WORDS if w in text] == []
    assert sent.case.person.given_name.lower() not in text


def test_running_the_task_again_sends_nothing_more(sent):
    dispatch = Dispatch.objects.get()
    dispatch_send_task.delay(dispatch.pk)
    dispatch_send_task.delay(dispatch.pk)
    assert len(mail.outbox) == 1


def test_the_dispatch_log_records_the_channel_address_time_and_outcome(sent):
    dispatch = Dispatch.objects.get()
    assert (dispatch.channel, dispatch.address, dispatch.status) == (
        "email",
        "kari@epost.example",
        "sent",
    )
    assert dispatch.sent_at is not None


def test_letters_for_the_print_batch_are_not_emailed(db, django_capture_on_commit_callbacks):
    decision = DecisionFactory(case=CaseFactory(person__email=""))
    with django_capture_on_commit_callbacks(execute=True):
        delivery.decision_send(decision=decision, by=decision.decided_by)
    assert mail.outbox == []


def test_a_failed_attempt_is_recorded_and_left_queued_for_the_retry(
    db, django_capture_on_commit_callbacks
):
    decision = DecisionFactory(case=CaseFactory(person__email="kari@epost.example"))
    with (
        mock.patch("django.core.mail.EmailMessage.send", side_effect=SMTPException("nede")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        delivery.decision_send(decision=decision, by=decision.decided_by)
    dispatch = Dispatch.objects.get()
    assert (dispatch.status, dispatch.attempts, dispatch.last_error) == (
        "queued",
        1,
        "SMTPException",
    )


def test_after_the_last_retry_the_dispatch_is_shown_as_failed(
    db, django_capture_on_commit_callbacks
):
    dispatch = _failed_dispatch(django_capture_on_commit_callbacks)
    assert dispatch.status == "failed"


def test_a_failed_send_does_not_undo_the_sent_decision(db, django_capture_on_commit_callbacks):
    decision = DecisionFactory(case=CaseFactory(person__email="kari@epost.example"))
    with (
        mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError),
        django_capture_on_commit_callbacks(execute=True),
    ):
        delivery.decision_send(decision=decision, by=decision.decided_by)
    decision.refresh_from_db()
    assert decision.status == "sent"


def test_a_failed_email_can_be_retried(db, django_capture_on_commit_callbacks):
    dispatch = _failed_dispatch(django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        delivery.dispatch_retry(dispatch=dispatch, by=dispatch.letter.created_by)
    dispatch.refresh_from_db()
    assert dispatch.status == "sent"
    assert len(mail.outbox) == 1


def test_a_failed_email_can_go_to_the_print_batch_instead(db, django_capture_on_commit_callbacks):
    dispatch = _failed_dispatch(django_capture_on_commit_callbacks)
    post = delivery.dispatch_to_post(dispatch=dispatch, by=dispatch.letter.created_by)
    assert (post.channel, post.status) == ("post", "queued")


def _failed_dispatch(capture):
    decision = DecisionFactory(case=CaseFactory(person__email="kari@epost.example"))
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError):
        with capture(execute=True):
            delivery.decision_send(decision=decision, by=decision.decided_by)
        dispatch = Dispatch.objects.get()
        # The last retry: Celery gives up after this one.
        dispatch_send_task.apply(
            args=[dispatch.pk], retries=dispatch_send_task.max_retries, throw=False
        )
    dispatch.refresh_from_db()
    return dispatch
