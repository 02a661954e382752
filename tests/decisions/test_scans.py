"""The decisions' daily scans: complaint deadlines, and letters whose task was lost."""

import datetime
import hashlib
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.db import DatabaseError
from django.utils import timezone

from cases.models import TimelineEntry
from decisions import dispatching, scans
from decisions.models import Decision, Dispatch, Letter
from decisions.scans import complaint_deadlines, dispatches_resend
from decisions.tasks import dispatch_send_task
from tests.decisions.factories import ComplaintFactory, DecisionFactory
from tests.queries import assert_constant_queries

TODAY = datetime.date(2026, 11, 23)

pytestmark = [pytest.mark.django_db, pytest.mark.today(TODAY)]
GRACE = 7
FINAL_TEXT = "Vedtaket er endelig"


@pytest.fixture(autouse=True)
def grace(settings):
    settings.KE_COMPLAINT_GRACE_DAYS = GRACE


def sent(deadline: datetime.date, **kwargs) -> Decision:
    sent_on = deadline - datetime.timedelta(days=24)
    return DecisionFactory(
        sent=True,
        sent_on=sent_on,
        received_on=sent_on,
        assumed_received_on=sent_on,
        complaint_deadline=deadline,
        **kwargs,
    )


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


# --- complaint_deadlines ---------------------------------------------------------------------


def test_on_the_last_day_of_grace_the_decision_stays_sent():
    decision = sent(TODAY - days(GRACE))
    assert complaint_deadlines(TODAY) == 0
    decision.refresh_from_db()
    assert decision.status == Decision.Status.SENT


def test_the_day_after_the_grace_the_decision_becomes_final_with_a_journal_entry():
    decision = sent(TODAY - days(GRACE + 1))
    assert complaint_deadlines(TODAY) == 1
    decision.refresh_from_db()
    assert (decision.status, decision.finalized_on) == (Decision.Status.FINAL, TODAY)
    assert decision.case.timeline.filter(text__contains=FINAL_TEXT).count() == 1


def test_a_decision_already_final_is_left_as_it_is():
    earlier = TODAY - days(30)
    decision = sent(TODAY - days(90), status=Decision.Status.FINAL, finalized_on=earlier)
    assert complaint_deadlines(TODAY) == 0
    decision.refresh_from_db()
    assert decision.finalized_on == earlier
    assert not decision.case.timeline.filter(text__contains=FINAL_TEXT).exists()


def test_a_decision_with_a_complaint_never_becomes_final():
    appealed = ComplaintFactory(decision__complaint_deadline=TODAY - days(90)).decision
    # Even if the decision's status was somehow left at "sent": the complaint counts.
    still_sent = sent(TODAY - days(90))
    ComplaintFactory(decision=still_sent)
    assert complaint_deadlines(TODAY) == 0
    appealed.refresh_from_db()
    still_sent.refresh_from_db()
    assert (appealed.status, still_sent.status) == ("appealed", "sent")


def test_a_dry_run_counts_and_changes_nothing():
    decision = sent(TODAY - days(GRACE + 1))
    assert complaint_deadlines(TODAY, dry_run=True) == 1
    decision.refresh_from_db()
    assert decision.status == Decision.Status.SENT
    assert not TimelineEntry.objects.filter(text__contains=FINAL_TEXT).exists()


def test_running_the_scan_twice_makes_each_decision_final_once():
    decision = sent(TODAY - days(GRACE + 1))
    assert complaint_deadlines(TODAY) == 1
    assert complaint_deadlines(TODAY) == 0
    assert complaint_deadlines(TODAY + days(1)) == 0
    assert decision.case.timeline.filter(text__contains=FINAL_TEXT).count() == 1


def test_a_missed_day_is_caught_up():
    sent(TODAY - days(GRACE + 1))
    sent(TODAY - days(GRACE + 2))
    assert complaint_deadlines(TODAY) == 2


def _not_due(n: int) -> None:
    for _ in range(n):
        sent(TODAY)  # within the deadline
        sent(TODAY - days(GRACE))  # within the grace
        sent(TODAY - days(90), status=Decision.Status.FINAL, finalized_on=TODAY - days(60))
        ComplaintFactory(decision__complaint_deadline=TODAY - days(90))


@pytest.mark.parametrize("dry_run", [False, True], ids=["run", "dry-run"])
def test_the_number_of_queries_does_not_grow_with_rows_not_due(dry_run):
    sent(TODAY - days(GRACE + 1))  # the one due
    one, many = assert_constant_queries(
        lambda: complaint_deadlines(TODAY, dry_run), _not_due, n=10, undo=True
    )
    assert one == many == 1


# --- dispatches_resend -------------------------------------------------------------------------

NOW = timezone.now()
STALE = NOW - scans.RESEND_AFTER - datetime.timedelta(seconds=1)


def dispatch(
    *, queued_at=STALE, channel=Dispatch.Channel.SVARUT, status=Dispatch.Status.QUEUED
) -> Dispatch:
    decision = DecisionFactory(sent=True)
    pdf = b"%PDF-1.7 test letter " + str(decision.pk).encode()
    letter = Letter(
        kind=Letter.Kind.DECISION,
        decision=decision,
        recipient_key=f"person:{decision.case.person_id}",
        recipient_name="Kari Nordmann",
        sha256=hashlib.sha256(pdf).hexdigest(),
    )
    letter.file.save(f"vedtak-{decision.pk}.pdf", ContentFile(pdf), save=False)
    letter.save()
    row = Dispatch.objects.create(letter=letter, channel=channel, status=status)
    Dispatch.objects.filter(pk=row.pk).update(queued_at=queued_at)  # auto_now_add otherwise
    row.refresh_from_db()
    return row


@pytest.fixture
def delay():
    with mock.patch.object(dispatch_send_task, "delay") as delay:
        yield delay


def enqueued(delay) -> list[int]:
    return sorted(call.args[0] for call in delay.call_args_list)


def test_only_stale_queued_dispatches_are_queued_again(delay, django_capture_on_commit_callbacks):
    stale = dispatch()
    dispatch(queued_at=NOW - scans.RESEND_AFTER)  # exactly at the cutoff: may be in flight
    dispatch(queued_at=NOW - datetime.timedelta(minutes=1))
    dispatch(status=Dispatch.Status.SENT)
    dispatch(status=Dispatch.Status.FAILED)  # waits for the caseworker
    dispatch(channel=Dispatch.Channel.POST)  # the print batch, not a task
    with django_capture_on_commit_callbacks(execute=True):
        assert dispatches_resend(TODAY, now=NOW) == 1
    assert enqueued(delay) == [stale.pk]


def test_the_task_is_queued_only_once_the_transaction_commits(
    delay, django_capture_on_commit_callbacks
):
    stale = [dispatch(), dispatch()]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        dispatches_resend(TODAY, now=NOW)
    assert (len(callbacks), delay.called) == (2, False)
    for callback in callbacks:
        callback()
    assert enqueued(delay) == sorted(d.pk for d in stale)


def test_a_dry_run_counts_and_queues_nothing(delay, django_capture_on_commit_callbacks):
    dispatch()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert dispatches_resend(TODAY, dry_run=True, now=NOW) == 1
    assert (callbacks, delay.called) == ([], False)


def test_the_cutoff_is_a_module_constant(delay, django_capture_on_commit_callbacks):
    fresh = dispatch(queued_at=timezone.now())
    with (
        mock.patch.object(scans, "RESEND_AFTER", datetime.timedelta(0)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert dispatches_resend(TODAY, now=timezone.now() + datetime.timedelta(seconds=1)) == 1
    assert enqueued(delay) == [fresh.pk]


@pytest.mark.parametrize("dry_run", [False, True], ids=["run", "dry-run"])
def test_one_query_however_many_dispatches(delay, dry_run):
    def add_rows(k):
        for _ in range(k):
            dispatch(queued_at=NOW)  # fresh
            dispatch(status=Dispatch.Status.SENT)
            dispatch()  # stale

    one, many = assert_constant_queries(
        lambda: dispatches_resend(TODAY, dry_run, now=NOW), add_rows, n=5, at_most=1
    )
    assert (one, many) == (1, 5)  # the stale ones, each queued again


def test_a_lost_letter_is_sent_once_and_a_second_scan_sends_nothing(
    svarut, django_capture_on_commit_callbacks
):
    lost = dispatch()  # its task never ran
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            dispatches_resend(TODAY, now=NOW)
    lost.refresh_from_db()
    assert (lost.status, lost.attempts) == ("sent", 1)
    assert [f.id for f in svarut.by_reference(str(lost.reference))] == [lost.forsendelse_id]


def test_a_stale_task_for_a_sent_or_failed_dispatch_sends_nothing(svarut):
    for status in (Dispatch.Status.SENT, Dispatch.Status.FAILED):
        dispatch_send_task.delay(dispatch(status=status).pk)
    assert svarut.forsendelser == []


def test_killed_after_svarut_accepted_the_rescan_records_that_forsendelse_and_sends_none(
    svarut, django_capture_on_commit_callbacks
):
    """SvarUt accepted the letter, then the transaction marking it sent was lost (a worker
    killed, the database gone). The scan queues it again; the task finds the forsendelse by
    its external reference and records it instead of sending a second one."""
    row = dispatch()
    with (
        mock.patch.object(Dispatch, "save", side_effect=DatabaseError("connection lost")),
        pytest.raises(DatabaseError),
    ):
        dispatching.dispatch_deliver(dispatch_id=row.pk)
    row.refresh_from_db()
    assert (row.status, len(svarut.forsendelser)) == ("queued", 1)
    with django_capture_on_commit_callbacks(execute=True):
        dispatches_resend(TODAY, now=NOW)
    row.refresh_from_db()
    [accepted] = svarut.by_reference(str(row.reference))
    assert (row.status, row.forsendelse_id, len(svarut.forsendelser)) == ("sent", accepted.id, 1)
