import datetime

import pytest

from cases.models import Case
from core.errors import RuleViolation
from decisions import complaints
from decisions.models import Complaint, Decision, Letter
from tests.decisions.factories import ComplaintFactory, DecisionFactory
from tests.decisions.pdf_text import pdf_text, squash
from tests.factories import ConsentFactory

TODAY = datetime.date(2026, 11, 23)

pytestmark = [pytest.mark.django_db, pytest.mark.today(TODAY)]


def days(n):
    return datetime.timedelta(days=n)


@pytest.fixture
def sent(db):
    return DecisionFactory(sent=True)


def register(decision, **kwargs):
    kwargs.setdefault("received_on", TODAY)
    return complaints.complaint_register(
        decision=decision, by=decision.decided_by, complainant="Kari Klager", **kwargs
    )


def test_a_complaint_in_time_is_not_flagged(sent):
    assert register(sent).is_late is False


def test_a_complaint_marks_the_decision_appealed(sent):
    register(sent)
    sent.refresh_from_db()
    assert sent.status == Decision.Status.APPEALED


def test_a_complaint_after_the_deadline_is_flagged_late():
    decision = DecisionFactory(sent=True, sent_on=TODAY - days(60))
    assert register(decision).is_late is True


def test_a_complaint_posted_before_the_deadline_is_in_time():
    decision = DecisionFactory(sent=True, sent_on=TODAY - days(60))
    complaint = register(decision, posted_on=decision.complaint_deadline)
    assert complaint.is_late is False


def test_a_complaint_on_a_decision_not_yet_sent_is_refused_and_changes_nothing(db):
    decision = DecisionFactory()
    with pytest.raises(RuleViolation, match="ikke sendt ennå"):
        register(decision)
    assert not Complaint.objects.exists()


def test_the_same_party_s_second_complaint_while_one_is_handled_is_refused(sent):
    register(sent)
    with pytest.raises(RuleViolation, match="allerede en klage"):
        register(sent)


def test_a_complaint_received_before_the_decision_was_sent_is_refused(sent):
    with pytest.raises(RuleViolation, match="før vedtaket ble sendt"):
        register(sent, received_on=sent.sent_on - days(1))


def test_a_complaint_received_in_the_future_is_refused(sent):
    with pytest.raises(RuleViolation, match="fram i tid"):
        register(sent, received_on=TODAY + days(1))


def test_a_posting_date_after_the_receiving_date_is_refused(sent):
    with pytest.raises(RuleViolation, match="Postleggingsdatoen"):
        register(sent, received_on=TODAY - days(2), posted_on=TODAY - days(1))


def test_a_final_decision_can_still_get_a_late_complaint():
    decision = DecisionFactory(sent=True, sent_on=TODAY - days(60), status=Decision.Status.FINAL)
    assert register(decision).is_late is True


@pytest.fixture
def complaint(db):
    return ComplaintFactory()


def forward(complaint, **kwargs):
    return complaints.complaint_uphold_and_forward(
        complaint=complaint,
        by=complaint.registered_by,
        ke_assessment="Vilkårene er fortsatt oppfylt; vi står ved vedtaket.",
        **kwargs,
    )


def test_forwarding_stores_a_cover_letter_to_statsforvalteren(complaint):
    forward(complaint)
    letter = Letter.objects.get(kind=Letter.Kind.FORWARDING)
    text = squash(pdf_text(letter.file.open("rb").read()))
    assert squash("Statsforvalteren i Eksempel") in text
    assert squash("vi står ved vedtaket") in text


def test_forwarding_marks_the_complaint_forwarded_today(complaint):
    forwarded = forward(complaint)
    assert (forwarded.status, forwarded.forwarded_on) == ("forwarded", TODAY)


def test_forwarding_needs_the_ke_s_assessment(complaint):
    with pytest.raises(RuleViolation, match="vurdering av klagen"):
        complaints.complaint_uphold_and_forward(
            complaint=complaint, by=complaint.registered_by, ke_assessment=" "
        )


def test_a_late_complaint_is_not_taken_further_without_a_reason():
    complaint = ComplaintFactory(is_late=True)
    with pytest.raises(RuleViolation, match="fvl. § 31"):
        forward(complaint)
    assert not Letter.objects.exists()


def test_a_late_complaint_with_a_reason_is_forwarded():
    complaint = ComplaintFactory(is_late=True)
    forwarded = forward(complaint, late_reason="Klageren lå på sykehus.")
    assert forwarded.late_reason == "Klageren lå på sykehus."


def test_a_complaint_is_forwarded_only_once(complaint):
    forward(complaint)
    with pytest.raises(RuleViolation, match="allerede behandlet"):
        forward(complaint)


def test_reversing_makes_a_new_draft_that_replaces_the_decision(complaint):
    new = complaints.complaint_reverse(
        complaint=complaint, by=complaint.registered_by, outcome="refused", reasons="Ny vurdering."
    )
    assert (new.status, new.replaces) == (Decision.Status.DRAFT, complaint.decision)


def test_reversing_reopens_the_assessment_of_a_decided_case():
    complaint = ComplaintFactory(decision__case__status=Case.Status.DECIDED)
    ConsentFactory(case=complaint.decision.case)
    complaints.complaint_reverse(
        complaint=complaint, by=complaint.registered_by, outcome="granted", reasons="Ny."
    )
    complaint.decision.case.refresh_from_db()
    assert complaint.decision.case.status == Case.Status.UNDER_ASSESSMENT


def test_reversing_without_reasons_is_refused(complaint):
    with pytest.raises(RuleViolation, match="begrunnelse"):
        complaints.complaint_reverse(
            complaint=complaint, by=complaint.registered_by, outcome="granted", reasons=""
        )


def record(complaint, result="upheld", result_on=TODAY):
    return complaints.statsforvalteren_result_record(
        complaint=complaint, by=complaint.registered_by, result=result, result_on=result_on
    )


def test_an_upheld_decision_becomes_final(complaint):
    record(forward(complaint))
    complaint.decision.refresh_from_db()
    assert complaint.decision.status == Decision.Status.FINAL


def test_a_quashed_decision_stays_appealed_for_the_ke_to_follow_up(complaint):
    record(forward(complaint), result="quashed")
    complaint.decision.refresh_from_db()
    assert complaint.decision.status == Decision.Status.APPEALED


def test_a_result_before_forwarding_is_refused(complaint):
    with pytest.raises(RuleViolation, match="ikke oversendt"):
        record(complaint)


def test_a_result_dated_before_the_forwarding_is_refused(complaint):
    forwarded = forward(complaint)
    with pytest.raises(RuleViolation, match="før den ble oversendt"):
        record(forwarded, result_on=TODAY - days(1))


class TestOneYearLimit:
    def test_a_complaint_one_year_and_a_day_after_the_decision_is_beyond_the_limit(self):
        from decisions.models import complaint_beyond_one_year

        sent = datetime.date(2025, 3, 3)
        assert complaint_beyond_one_year(sent_on=sent, complained_on=datetime.date(2026, 3, 4))
        assert not complaint_beyond_one_year(sent_on=sent, complained_on=datetime.date(2026, 3, 3))

    def test_a_decision_sent_on_29_february_is_a_year_old_on_28_february(self):
        from decisions.models import complaint_beyond_one_year

        sent = datetime.date(2024, 2, 29)
        assert complaint_beyond_one_year(sent_on=sent, complained_on=datetime.date(2025, 3, 1))


def test_a_complaint_more_than_a_year_after_the_decision_is_never_taken_further(db):
    decision = DecisionFactory(sent=True, sent_on=TODAY - days(400))
    complaint = ComplaintFactory(decision=decision, received_on=TODAY, is_late=True)
    with pytest.raises(RuleViolation, match="mer enn ett år"):
        forward(complaint, late_reason="Klageren var bortreist.")
    assert not Letter.objects.exists()
