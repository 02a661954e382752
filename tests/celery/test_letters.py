"""Letters sent by a real Celery worker through the real SvarUt client to the local SvarUt
stand-in, and a worker killed with -9 in the middle of a batch of 100.

Run with PostgreSQL and Redis, e.g.
DATABASE_URL=postgres://postgres@127.0.0.1:5432/ke REDIS_URL=redis://127.0.0.1:6379/14
"""

import datetime
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
from tests.svarut_fixtures import svarut_environment

pytestmark = pytest.mark.celery

BATCH = 100


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    # Before the worker fixture, which hands MEDIA_ROOT on to the worker.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def worker_env(svarut_standin, business_certificate, tmp_path):
    """The worker sends through the stand-in this test process serves."""
    return {
        **svarut_environment(svarut_standin, business_certificate, timeout=30),
        "KE_OUTBOX_DIR": str(tmp_path / "outbox"),
        # The worker renders letters: without collectstatic it needs the static finders.
        "DJANGO_DEBUG": "true",
    }


@pytest.fixture(autouse=True)
def no_letter_by_email(tmp_path):
    """Whatever the worker sent, no email (its file backend writes to tmp_path/mail) held
    a PDF."""
    yield
    mail_dir = tmp_path / "mail"
    mailed = list(mail_dir.iterdir()) if mail_dir.exists() else []
    assert [p.name for p in mailed if b"application/pdf" in p.read_bytes()] == []


def log_tail(worker) -> str:
    return worker.log_path.read_text()[-3000:]


def test_a_decision_letter_is_rendered_and_sent_through_svarut_by_the_worker(
    worker, svarut_standin, settings
):
    settings.KE_LETTER_CHANNEL = "svarut"  # as the worker is configured
    case = CaseFactory(person__given_name="Kari")
    decision = DecisionFactory(case=case)
    delivery.decision_send(decision=decision, by=decision.decided_by)  # queues after commit

    dispatch = Dispatch.objects.get(letter__decision=decision)
    assert wait_for(lambda: Dispatch.objects.filter(pk=dispatch.pk, status="sent").exists()), (
        log_tail(worker)
    )
    [forsendelse] = svarut_standin.forsendelser
    [(_name, content)] = forsendelse.documents
    assert hashlib.sha256(content).hexdigest() == Letter.objects.get().sha256
    assert forsendelse.metadata["eksternReferanse"] == str(dispatch.reference)


# --- Killed mid-batch ------------------------------------------------------------------------


def queued_dispatch(number: int) -> Dispatch:
    """A sent decision whose letter (already rendered) waits in the queue for SvarUt."""
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
    return Dispatch.objects.create(letter=letter, channel=Dispatch.Channel.SVARUT)


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


def test_killed_mid_batch_then_restarted_and_scanned_every_letter_reaches_svarut_once(
    svarut_standin, worker, forget_unacked
):
    svarut_standin.send_delay = 0.3  # SvarUt takes its time to answer after accepting
    dispatches = {d.pk: d for d in (queued_dispatch(n) for n in range(BATCH))}
    for pk in dispatches:
        dispatch_send_task.delay(pk)

    # kill -9 once some letters are out and both worker processes are waiting for SvarUt's
    # answer to a letter it has already accepted: the worst moment, since those two rows
    # are still queued in our database when the worker dies.
    def mid_batch():
        return len(svarut_standin.forsendelser) >= 12 and svarut_standin.inflight == 2

    assert wait_for(mid_batch, timeout=60, interval=0.01), log_tail(worker)
    worker.kill()
    noted = set(Dispatch.objects.filter(status="sent").values_list("reference", flat=True))
    accepted = {f.metadata["eksternReferanse"] for f in svarut_standin.forsendelser}
    accepted_not_noted = accepted - {str(r) for r in noted}
    assert len(accepted_not_noted) == 2  # the two in flight
    assert 10 <= len(noted) < BATCH

    # The restarted worker works through the queue. The two tasks that were running are
    # not redelivered (acks_late without reject_on_worker_lost; the broker keeps them
    # unacknowledged until its visibility timeout): their letters stay queued...
    worker.start()
    assert wait_for(lambda: sent_count() >= BATCH - 2 and worker_idle(), timeout=180), log_tail(
        worker
    )
    still_queued = set(
        str(r) for r in Dispatch.objects.filter(status="queued").values_list("reference", flat=True)
    )
    assert accepted_not_noted <= still_queued

    # ...until the scans queue them again. Twice: the second run doubles tasks still in
    # flight, which must find the row locked or sent. The task looks each letter's
    # reference up at SvarUt first and records the forsendelse it already has.
    run_scans()
    run_scans()
    assert wait_for(lambda: sent_count() == BATCH, timeout=60), log_tail(worker)
    assert wait_for(lambda: worker_idle() and worker_idle(), timeout=60)

    per_reference = Counter(f.metadata["eksternReferanse"] for f in svarut_standin.forsendelser)
    assert per_reference == Counter(str(d.reference) for d in dispatches.values())  # once each
    recorded = dict(Dispatch.objects.values_list("reference", "forsendelse_id"))
    assert {str(k): v for k, v in recorded.items()} == {
        f.metadata["eksternReferanse"]: f.id for f in svarut_standin.forsendelser
    }
