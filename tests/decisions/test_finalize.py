import datetime

import pytest

from decisions import complaints
from decisions.models import Decision
from decisions.scans import complaint_deadlines
from tests.decisions.factories import ComplaintFactory, DecisionFactory

TODAY = datetime.date(2026, 11, 23)

pytestmark = [pytest.mark.django_db, pytest.mark.today(TODAY)]


def sent_days_ago(n):
    return DecisionFactory(sent=True, sent_on=TODAY - datetime.timedelta(days=n))


@pytest.fixture(autouse=True)
def grace(settings):
    settings.KE_COMPLAINT_GRACE_DAYS = 7


def test_a_decision_past_its_deadline_and_grace_becomes_final():
    decision = sent_days_ago(60)
    complaints.decisions_finalize_due()
    decision.refresh_from_db()
    assert (decision.status, decision.finalized_on) == (Decision.Status.FINAL, TODAY)


def test_a_decision_within_the_grace_period_stays_sent():
    decision = sent_days_ago(30)  # deadline passed a day or two ago; grace not yet
    complaints.decisions_finalize_due()
    decision.refresh_from_db()
    assert decision.status == Decision.Status.SENT


def test_a_decision_on_its_last_day_with_no_grace_stays_sent(settings):
    settings.KE_COMPLAINT_GRACE_DAYS = 0
    decision = DecisionFactory(sent=True, complaint_deadline=TODAY)
    complaints.decisions_finalize_due()
    decision.refresh_from_db()
    assert decision.status == Decision.Status.SENT


def test_an_appealed_decision_is_never_made_final_by_the_scan():
    complaint = ComplaintFactory(decision__sent_on=TODAY - datetime.timedelta(days=60))
    complaints.decisions_finalize_due()
    complaint.decision.refresh_from_db()
    assert complaint.decision.status == Decision.Status.APPEALED


def test_running_the_scan_twice_changes_nothing_more():
    sent_days_ago(60)
    assert complaints.decisions_finalize_due() == 1
    assert complaints.decisions_finalize_due() == 0


def test_a_missed_day_is_caught_up_in_batches():
    for _ in range(3):
        sent_days_ago(90)
    assert complaints.decisions_finalize_due(batch_size=2) == 3


def test_the_scan_notes_finality_in_the_case_journal():
    decision = sent_days_ago(60)
    complaint_deadlines(TODAY)
    assert decision.case.timeline.filter(text__contains="Vedtaket er endelig").exists()


def test_a_finalized_decision_has_a_history_row_saying_final_and_why():
    decision = sent_days_ago(60)
    complaints.decisions_finalize_due()
    record = decision.history.latest()
    assert (record.status, record.finalized_on) == (Decision.Status.FINAL, TODAY)
    assert (record.history_user, record.history_change_reason) == (
        None,
        complaints.FINAL_REASON,
    )
