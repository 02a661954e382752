"""Letters sent by a real Celery worker, and a worker killed with -9 in the middle of a batch.

Run with PostgreSQL and Redis, e.g.
DATABASE_URL=postgres://postgres@127.0.0.1:5432/ke REDIS_URL=redis://127.0.0.1:6379/14
"""

import datetime
import email
import email.policy
import hashlib
import io
from collections import Counter
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command

import decisions.scans
from config.celery import app as celery_app
from decisions import delivery
from decisions.models import Dispatch, Letter
from decisions.tasks import dispatch_send_task
from tests.celery.conftest import wait_for
from tests.decisions.factories import DecisionFactory
from tests.factories import CaseFactory

pytestmark = pytest.mark.celery

BATCH = 30
SLOW_SMTP = {
    "DJANGO_EMAIL_BACKEND": "tests.celery.mailbackend.SlowSmtpServerBackend",
    "KE_TEST_MAIL_SECONDS": "0.6",
}


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    # Before the worker fixture, which hands MEDIA_ROOT on to the worker.
    settings.MEDIA_ROOT = tmp_path / "media"


def log_tail(worker) -> str:
    return worker.log_path.read_text()[-3000:]


def file_backend_messages(mail_dir) -> list[email.message.EmailMessage]:
    """Every message the file backend wrote (it may put several in one file)."""
    separator = b"\n" + b"-" * 79 + b"\n"
    return [
        email.message_from_bytes(chunk, policy=email.policy.default)
        for path in sorted(mail_dir.iterdir())
        for chunk in path.read_bytes().split(separator)
        if chunk.strip()
    ]


def test_a_decision_letter_is_emailed_by_the_worker(worker):
    case = CaseFactory(person__email="kari@epost.example", person__given_name="Kari")
    decision = DecisionFactory(case=case)
    delivery.decision_send(decision=decision, by=decision.decided_by)  # queues after commit

    dispatch = Dispatch.objects.get(letter__decision=decision)
    assert wait_for(lambda: Dispatch.objects.filter(pk=dispatch.pk, status="sent").exists()), (
        log_tail(worker)
    )
    [message] = file_backend_messages(worker.mail_dir)
    assert message["To"] == "kari@epost.example"
    assert message["Message-ID"] == delivery.dispatch_message_id(dispatch)
    [attachment] = message.iter_attachments()
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_content() == dispatch.letter.file.open("rb").read()


# --- Killed mid-batch ------------------------------------------------------------------------


def queued_dispatch(number: int) -> Dispatch:
    """A sent decision whose letter waits in the queue for its email."""
    decision = DecisionFactory(sent=True)
    pdf = b"%PDF-1.7 letter " + str(number).encode()
    letter = Letter(
        kind=Letter.Kind.DECISION,
        decision=decision,
        recipient_key=f"person:{decision.case.person_id}",
        recipient_name=f"Mottaker {number}",
        sha256=hashlib.sha256(pdf).hexdigest(),
    )
    letter.file.save(f"vedtak-{decision.pk}.pdf", ContentFile(pdf), save=False)
    letter.save()
    return Dispatch.objects.create(
        letter=letter, channel=Dispatch.Channel.EMAIL, address=f"mottaker{number}@epost.example"
    )


def delivered(mail_dir) -> list[email.message.EmailMessage]:
    return [
        email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        for path in mail_dir.glob("*.eml")
    ]


def sent_count() -> int:
    return Dispatch.objects.filter(status=Dispatch.Status.SENT).count()


def worker_idle() -> bool:
    """Nothing waits in the queue, and the worker has no task running or reserved."""
    with celery_app.connection_for_read() as conn:
        if conn.default_channel.client.llen("celery"):
            return False
    inspect = celery_app.control.inspect(timeout=1.0)
    active, reserved = inspect.active(), inspect.reserved()
    return bool(active) and not any(active.values()) and not any((reserved or {}).values())


def run_scans() -> None:
    """`manage.py run_scans`, with the resend cutoff at zero so the test need not wait ten
    minutes."""
    with mock.patch.object(decisions.scans, "RESEND_AFTER", datetime.timedelta(0)):
        call_command("run_scans", stdout=io.StringIO())


@pytest.fixture
def forget_unacked(celery_broker):
    yield
    # The killed worker's unacknowledged messages would come back after the visibility
    # timeout (an hour) into some later test run; drop them.
    with celery_app.connection_for_write() as conn:
        conn.default_channel.client.delete("unacked", "unacked_index")


@pytest.mark.parametrize("worker_env", [SLOW_SMTP], ids=["slow-smtp"])
def test_killed_mid_batch_then_restarted_and_scanned_every_letter_goes_exactly_once(
    worker, forget_unacked
):
    dispatches = {d.pk: d for d in (queued_dispatch(n) for n in range(BATCH))}
    by_message_id = {delivery.dispatch_message_id(d): pk for pk, d in dispatches.items()}
    for pk in dispatches:
        dispatch_send_task.delay(pk)
    inflight = worker.mail_dir.with_name(worker.mail_dir.name + "-inflight")

    # kill -9 once a few letters are out and both worker processes are each handing one
    # over to the (slow) mail server, not yet accepted: the kill lands mid-transaction.
    def mid_batch():
        return len(delivered(worker.mail_dir)) >= 3 and len(list(inflight.glob("*"))) == 2

    assert wait_for(mid_batch, timeout=30, interval=0.02), log_tail(worker)
    worker.kill()
    cut_off = {by_message_id[f"<{marker.name}>"] for marker in inflight.glob("*")}
    assert len(cut_off) == 2
    assert 3 <= sent_count() < BATCH

    # The restarted worker works through the queue. The two tasks that were running are
    # not redelivered (acks_late without reject_on_worker_lost; the broker keeps them
    # unacknowledged until its visibility timeout): their letters stay queued...
    worker.start()
    assert wait_for(lambda: sent_count() == BATCH - 2, timeout=45), log_tail(worker)
    queued = set(Dispatch.objects.filter(status="queued").values_list("pk", flat=True))
    assert queued == cut_off

    # ...until the scans queue them again. Twice: the second run doubles tasks still in
    # flight, which must find the row locked or sent.
    run_scans()
    run_scans()
    assert wait_for(lambda: sent_count() == BATCH, timeout=30), log_tail(worker)

    # Let the doubled tasks run out before counting: they must send nothing.
    assert wait_for(lambda: worker_idle() and worker_idle(), timeout=30)
    messages = delivered(worker.mail_dir)
    per_dispatch = Counter(by_message_id[m["Message-ID"]] for m in messages)
    per_address = Counter(m["To"] for m in messages)
    assert per_dispatch == Counter(list(dispatches))  # each letter exactly once
    assert per_address == Counter(d.address for d in dispatches.values())
    assert set(Dispatch.objects.values_list("attempts", flat=True)) == {1}
