import datetime
import hashlib
import stat
from pathlib import Path
from unittest import mock

import pytest
from django.test import TestCase
from django.utils import timezone

from cases.models import Case, Relation
from cases.vocabulary import ServiceKind
from core.errors import RuleViolation
from decisions import deadlines, delivery, drafting, letter_content, print_batch, selectors
from decisions.models import Decision, Dispatch, Letter
from tests.decisions.factories import DecisionFactory, child_case
from tests.decisions.letter_builders import without
from tests.decisions.pdf_text import pdf_text, squash
from tests.decisions.test_letters import REMOVALS
from tests.factories import CaseFactory, RelationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def decision(db):
    case = CaseFactory(person__email="kari@epost.example")
    return DecisionFactory(case=case)


def send(decision):
    # Run the dispatch task as the commit would: it renders the letters.
    with TestCase.captureOnCommitCallbacks(execute=True):
        return delivery.decision_send(decision=decision, by=decision.decided_by)


def test_sending_marks_the_decision_sent_today(decision):
    sent = send(decision).decision
    assert sent.status == Decision.Status.SENT
    assert sent.sent_on == timezone.localdate()


def test_until_svarut_reports_the_letter_is_assumed_to_arrive_after_the_post_days(
    decision, settings
):
    settings.KE_POST_DAYS = 3
    sent = send(decision).decision
    expected = deadlines.assumed_received_on(timezone.localdate(), channel="post", post_days=3)
    assert (sent.received_on, sent.complaint_deadline) == (
        expected,
        deadlines.complaint_deadline(expected),
    )


def test_sending_stores_the_pdf_with_its_checksum(decision):
    send(decision)
    letter = Letter.objects.get(decision=decision)
    content = letter.file.open("rb").read()
    assert content.startswith(b"%PDF-")
    assert letter.sha256 == hashlib.sha256(content).hexdigest()


def test_the_stored_letter_and_its_new_folders_are_the_app_users_alone(decision):
    send(decision)
    path = Path(Letter.objects.get(decision=decision).file.path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    # letters/<year>/<month>/ are all created by the first save into the fresh MEDIA_ROOT.
    for folder in (path.parent, path.parent.parent, path.parent.parent.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_the_stored_letter_holds_the_decision_and_the_deadline_rules(decision):
    send(decision)
    text = squash(pdf_text(Letter.objects.get(decision=decision).file.open("rb").read()))
    assert squash(decision.case.number) in text
    assert squash("Klagefristen er fire uker.") in text


def test_sending_moves_a_case_under_assessment_to_decided(decision):
    send(decision)
    decision.case.refresh_from_db()
    assert decision.case.status == Case.Status.DECIDED


def test_sending_writes_the_deadline_to_the_timeline(decision):
    sent = send(decision).decision
    entry = decision.case.timeline.get(kind="letter")
    assert f"Klagefrist {sent.complaint_deadline:%d.%m.%Y}" in entry.text


def test_without_svarut_an_adult_gets_one_dispatch_to_the_local_outbox(decision):
    send(decision)
    assert list(Dispatch.objects.values_list("channel", "status")) == [("outbox", "sent")]


def test_a_child_s_letter_goes_to_each_parent_and_guardian(db):
    case = child_case()
    RelationFactory(person=case.person, role=Relation.Role.GUARDIAN, email="verge@epost.example")
    RelationFactory(person=case.person, role=Relation.Role.NEXT_OF_KIN, email="tante@epost.example")
    send(DecisionFactory(case=case, service=ServiceKind.CHILD_COORDINATOR))
    assert Letter.objects.count() == 2


def test_with_the_print_batch_as_channel_the_letter_waits_there_rendered(db, settings):
    settings.KE_LETTER_CHANNEL = "post"
    result = send(DecisionFactory(case=CaseFactory()))
    dispatch = Dispatch.objects.get()
    assert (dispatch.channel, dispatch.status, bool(dispatch.letter.file)) == (
        "post",
        "queued",
        True,
    )
    assert "utskriftsbunken" in result.notices[0]


def test_a_recipient_with_neither_national_id_nor_address_blocks_sending(db):
    case = CaseFactory(
        person__email="", person__address="", person__postal_code="", person__postal_town=""
    )
    decision = DecisionFactory(case=case)
    with pytest.raises(RuleViolation, match="verken fødselsnummer eller postadresse"):
        send(decision)
    decision.refresh_from_db()
    assert decision.status == Decision.Status.DRAFT


def test_a_child_without_registered_parents_blocks_sending(db):
    case = CaseFactory(person__child=True, requests_child_coordinator=True)
    with pytest.raises(RuleViolation, match="ingen mottaker"):
        send(DecisionFactory(case=case, service=ServiceKind.CHILD_COORDINATOR))


def test_a_second_send_is_refused_and_sends_nothing_more(decision):
    send(decision)
    with pytest.raises(RuleViolation, match="allerede sendt"):
        send(decision)
    assert Dispatch.objects.count() == 1


def test_a_decision_without_reasons_cannot_be_sent(db):
    decision = DecisionFactory(case=CaseFactory(person__email="kari@epost.example"), reasons="")
    with pytest.raises(RuleViolation, match="begrunnelse"):
        send(decision)
    assert not Letter.objects.exists()


@pytest.mark.parametrize("field,value,part", REMOVALS, ids=[r[0] for r in REMOVALS])
def test_a_letter_missing_any_part_cannot_be_sent_and_nothing_changes(decision, field, value, part):
    real = letter_content.decision_letter

    def lacking(*args, **kwargs):
        return without(real(*args, **kwargs), **{field: value})

    with (
        mock.patch.object(letter_content, "decision_letter", lacking),
        pytest.raises(RuleViolation, match="Brevet mangler"),
    ):
        send(decision)
    decision.refresh_from_db()
    assert decision.status == Decision.Status.DRAFT
    assert not Letter.objects.exists()


def test_a_grant_without_a_start_date_cannot_be_sent(db):
    decision = DecisionFactory(case=CaseFactory(person__email="kari@epost.example"), starts_on=None)
    with pytest.raises(RuleViolation, match="startdato"):
        send(decision)


def test_with_approval_required_an_unapproved_decision_cannot_be_sent(decision, settings):
    settings.KE_DECISION_APPROVAL_REQUIRED = True
    with pytest.raises(RuleViolation, match="godkjennes av en leder"):
        send(decision)


def test_with_approval_required_an_approved_decision_is_sent(decision, settings, leader):
    settings.KE_DECISION_APPROVAL_REQUIRED = True
    drafting.decision_submit_for_approval(decision=decision, by=decision.decided_by)
    drafting.decision_approve(decision=decision, by=leader)
    assert send(decision).decision.status == Decision.Status.SENT


def test_the_approving_leader_signs_the_letter(decision, leader):
    decision.approved_by = leader
    content = letter_content.decision_letter(decision)
    assert leader.get_full_name() in content.signature


def test_a_grant_names_the_appointed_coordinator(decision):
    from tests.factories import AppointmentFactory

    appointment = AppointmentFactory(case=decision.case)
    assert (
        str(appointment.coordinator)
        in letter_content.decision_letter(decision).decisions[0].coordinator_text
    )


def test_the_letter_asks_the_registered_lookup_for_the_coordinator(decision, monkeypatch):
    monkeypatch.setattr(selectors, "_coordinator_lookup", None)
    selectors.register_coordinator_lookup(lambda *, case_id, service: f"Nr. {case_id} {service}")
    text = letter_content.decision_letter(decision).decisions[0].coordinator_text
    assert text == f"Koordinator blir Nr. {decision.case_id} koordinator."


def test_with_no_lookup_registered_a_grant_says_a_coordinator_will_be_appointed(
    decision, monkeypatch
):
    monkeypatch.setattr(selectors, "_coordinator_lookup", None)
    assert "vil oppnevne" in letter_content.decision_letter(decision).decisions[0].coordinator_text


def test_the_caseworker_can_set_the_actual_received_date(decision):
    send(decision)
    later = timezone.localdate()
    updated = delivery.decision_set_received(
        decision=decision, by=decision.decided_by, received_on=later
    )
    assert updated.received_on_confirmed is True
    assert updated.complaint_deadline == deadlines.complaint_deadline(later)


def test_a_received_date_before_the_sending_date_is_refused_and_changes_nothing(decision):
    sent = send(decision).decision
    with pytest.raises(RuleViolation, match="før vedtaket ble sendt"):
        delivery.decision_set_received(
            decision=decision,
            by=decision.decided_by,
            received_on=sent.sent_on - datetime.timedelta(days=1),
        )
    decision.refresh_from_db()
    assert decision.received_on == sent.received_on


def test_a_received_date_in_the_future_is_refused(decision):
    send(decision)
    with pytest.raises(RuleViolation, match="fram i tid"):
        delivery.decision_set_received(
            decision=decision,
            by=decision.decided_by,
            received_on=timezone.localdate() + datetime.timedelta(days=1),
        )


def test_a_received_date_on_a_draft_is_refused(decision):
    with pytest.raises(RuleViolation, match="sendt vedtak"):
        delivery.decision_set_received(
            decision=decision, by=decision.decided_by, received_on=timezone.localdate()
        )


def test_a_letter_posted_later_than_it_was_sent_gets_its_deadline_from_the_posting_day(
    settings,
):
    settings.KE_POST_DAYS = 3
    settings.KE_LETTER_CHANNEL = "post"
    decision = DecisionFactory(case=CaseFactory(person__email=""))
    send(decision)
    earlier = {
        "sent_on": timezone.localdate() - datetime.timedelta(days=10),
        "received_on": timezone.localdate() - datetime.timedelta(days=7),
        "assumed_received_on": timezone.localdate() - datetime.timedelta(days=7),
    }
    Decision.objects.filter(pk=decision.pk).update(**earlier)
    Letter.objects.update(**earlier)
    print_batch.print_batch_mark_posted(
        dispatch_ids=[Dispatch.objects.get().pk], by=decision.decided_by
    )
    decision.refresh_from_db()
    posted = deadlines.assumed_received_on(timezone.localdate(), channel="post", post_days=3)
    assert decision.complaint_deadline == deadlines.complaint_deadline(posted)
