"""Every change a decisions service makes to a decision or a complaint keeps the user who
made it on the history row, in a request or not (the scans, tasks and demo have none)."""

import datetime

import pytest
from django.utils import timezone

from decisions import complaints, delivery, drafting, print_batch
from decisions.models import Complaint, Decision, Dispatch, Letter
from tests.decisions.factories import ComplaintFactory, DecisionFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def by(db):
    """Someone other than the decision's caseworker, so the row cannot name them by chance."""
    return UserFactory(username="endrer")


def changed_by(obj):
    return obj.history.latest().history_user


def test_drafting_records_the_user(assessed_case, by):
    decision = drafting.decision_draft(case=assessed_case, service="koordinator", by=by)
    assert changed_by(decision) == by


def test_editing_records_the_user(by):
    decision = DecisionFactory()
    drafting.decision_update(decision=decision, by=by, reasons="Ny begrunnelse.")
    assert changed_by(decision) == by


def test_submitting_for_approval_records_the_user(by):
    decision = DecisionFactory()
    drafting.decision_submit_for_approval(decision=decision, by=by)
    assert changed_by(decision) == by


def test_approving_records_the_leader(leader):
    decision = DecisionFactory(status=Decision.Status.AWAITING_APPROVAL)
    drafting.decision_approve(decision=decision, by=leader)
    assert changed_by(decision) == leader


def test_sending_records_the_user(by):
    decision = DecisionFactory(case__person__email="kari@epost.example")
    delivery.decision_send(decision=decision, by=by)
    assert changed_by(decision) == by


def test_setting_the_received_date_records_the_user(by):
    decision = DecisionFactory(sent=True)
    delivery.decision_set_received(decision=decision, by=by, received_on=timezone.localdate())
    assert changed_by(decision) == by


def test_posting_a_printed_letter_later_records_the_user(
    by, settings, django_capture_on_commit_callbacks
):
    settings.KE_LETTER_CHANNEL = "post"
    decision = DecisionFactory(case__person__email="")
    with django_capture_on_commit_callbacks(execute=True):  # the task renders the letter
        delivery.decision_send(decision=decision, by=decision.decided_by)
    long_ago = timezone.localdate() - datetime.timedelta(days=7)
    earlier = {"sent_on": long_ago, "received_on": long_ago, "assumed_received_on": long_ago}
    Decision.objects.filter(pk=decision.pk).update(**earlier)
    Letter.objects.update(**earlier)
    print_batch.print_batch_mark_posted(dispatch_ids=[Dispatch.objects.get().pk], by=by)
    assert changed_by(decision) == by


def test_registering_a_complaint_records_the_user_on_complaint_and_decision(by):
    decision = DecisionFactory(sent=True)
    complaint = complaints.complaint_register(
        decision=decision, by=by, complainant="Kari Klager", received_on=timezone.localdate()
    )
    assert (changed_by(complaint), changed_by(decision)) == (by, by)


def test_forwarding_a_complaint_records_the_user(by):
    complaint = ComplaintFactory()
    complaints.complaint_uphold_and_forward(
        complaint=complaint, by=by, ke_assessment="Vi står ved vedtaket."
    )
    assert changed_by(complaint) == by


def test_reversing_records_the_user_on_complaint_and_new_decision(by):
    complaint = ComplaintFactory()
    new = complaints.complaint_reverse(
        complaint=complaint, by=by, outcome=Decision.Outcome.GRANTED, reasons="Ny vurdering."
    )
    assert (changed_by(complaint), changed_by(new)) == (by, by)


def test_recording_statsforvalterens_result_records_the_user_on_complaint_and_decision(by):
    complaint = ComplaintFactory(
        status=Complaint.Status.FORWARDED, forwarded_on=timezone.localdate()
    )
    complaints.statsforvalteren_result_record(
        complaint=complaint,
        by=by,
        result=Complaint.Result.UPHELD,
        result_on=timezone.localdate(),
    )
    assert (changed_by(complaint), changed_by(complaint.decision)) == (by, by)
