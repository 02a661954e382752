"""Each way a complaint can go (issue 13.6): rejected by a decision of its own, a second
parent's complaint beside the first, and forwarded to Statsforvalteren with a copy to
every party, all sent the way decision letters are."""

import datetime
import io

import pytest
from pypdf import PdfReader

from cases.vocabulary import ServiceKind
from core.errors import RuleViolation
from decisions import complaints, print_batch
from decisions.models import Complaint, Decision, Dispatch, Letter
from tests.decisions.factories import DecisionFactory, child_case
from tests.decisions.pdf_text import pdf_text, squash
from tests.factories import RelationFactory

TODAY = datetime.date(2026, 11, 23)  # a Monday

pytestmark = [pytest.mark.django_db, pytest.mark.today(TODAY)]


@pytest.fixture
def two_parents_decision(db):
    """A sent decision on a child with two parents: Mona and Per (an address, no email)."""
    case = child_case()
    RelationFactory(
        person=case.person, name="Per Forelder", email="", address="Storgata 2, 0101 By"
    )
    return DecisionFactory(
        case=case,
        sent=True,
        sent_on=TODAY - datetime.timedelta(days=60),
        service=ServiceKind.CHILD_COORDINATOR,
    )


def parent(decision, name):
    return decision.case.person.relations.get(name=name)


def register(decision, name, **kwargs):
    relation = parent(decision, name)
    kwargs.setdefault("received_on", TODAY)
    return complaints.complaint_register(
        decision=decision,
        by=decision.decided_by,
        complainant=relation.name,
        complainant_key=f"relation:{relation.pk}",
        **kwargs,
    )


def text_of(letter):
    with letter.file.open("rb") as f:
        return pdf_text(f.read())


# --- Rejection -----------------------------------------------------------------------------


def reject(complaint, ground=Complaint.RejectionGround.LATE):
    return complaints.complaint_reject(
        complaint=complaint,
        by=complaint.registered_by,
        ground=ground,
        reasons="Klagen kom to måneder etter fristen, og det er ikke oppgitt noen grunn.",
    )


def test_a_rejection_sends_its_own_letter_to_every_party(two_parents_decision):
    reject(register(two_parents_decision, "Mona Forelder"))
    letters = Letter.objects.filter(kind=Letter.Kind.REJECTION)
    assert sorted(letter.recipient_name for letter in letters) == ["Mona Forelder", "Per Forelder"]
    assert {d.channel for d in Dispatch.objects.filter(letter__in=letters)} == {
        Dispatch.Channel.OUTBOX
    }


def test_the_rejection_letter_gives_the_ground_the_reasons_and_its_own_complaint_deadline(
    two_parents_decision,
):
    rejected = reject(register(two_parents_decision, "Mona Forelder"))
    text = text_of(Letter.objects.filter(kind=Letter.Kind.REJECTION).first())
    assert "Vedtak om avvisning av klage" in text
    assert "Klagen avvises." in text
    assert "Klagen kom to måneder etter fristen" in text
    assert squash("forvaltningsloven §§ 33 annet ledd og 2 tredje ledd") in squash(text)
    assert "Du har rett til å klage på avvisningen" in text
    # Through SvarUt (here the outbox), which may print it: received three working days on,
    # deadline four weeks later.
    assert rejected.rejection_received_on == datetime.date(2026, 11, 26)
    assert rejected.rejection_complaint_deadline == datetime.date(2026, 12, 24)
    assert "24. desember 2026" in text


def test_after_a_rejection_the_decision_complained_of_stands(two_parents_decision):
    reject(register(two_parents_decision, "Mona Forelder"))
    two_parents_decision.refresh_from_db()
    assert two_parents_decision.status == Decision.Status.SENT


def test_a_complaint_in_time_cannot_be_rejected_as_late():
    decision = DecisionFactory(sent=True)
    complaint = complaints.complaint_register(
        decision=decision, by=decision.decided_by, complainant="Kari", received_on=TODAY
    )
    with pytest.raises(RuleViolation, match="kom i tide"):
        reject(complaint)
    assert not Letter.objects.filter(kind=Letter.Kind.REJECTION).exists()


def test_a_complaint_on_the_rejection_runs_against_the_rejection_s_deadline(two_parents_decision):
    rejected = reject(register(two_parents_decision, "Mona Forelder"))
    on_rejection = register(
        two_parents_decision, "Mona Forelder", on_rejection=rejected, received_on=TODAY
    )
    assert on_rejection.is_late is False  # the decision's own deadline passed long ago


def test_upholding_a_complaint_on_a_rejection_takes_the_rejected_complaint_up(
    two_parents_decision,
):
    rejected = reject(register(two_parents_decision, "Mona Forelder"))
    on_rejection = register(two_parents_decision, "Mona Forelder", on_rejection=rejected)
    complaints.rejection_reverse(complaint=on_rejection, by=on_rejection.registered_by)
    rejected.refresh_from_db()
    assert rejected.status == Complaint.Status.RECEIVED


def test_a_decision_with_a_rejected_complaint_becomes_final_once_the_rejection_s_deadline_passed(
    two_parents_decision,
):
    from decisions import due

    rejected = reject(register(two_parents_decision, "Mona Forelder"))
    before = rejected.rejection_complaint_deadline
    assert not due.complaint_deadlines_due(until=before - datetime.timedelta(days=1)).exists()
    assert due.complaint_deadlines_due(until=before).get() == two_parents_decision


# --- A second parent's complaint ----------------------------------------------------------


def test_a_second_parent_s_complaint_is_registered_while_the_first_is_open(two_parents_decision):
    register(two_parents_decision, "Mona Forelder", late_reason="Var på sykehus.")
    register(two_parents_decision, "Per Forelder", late_reason="Fikk ikke brevet.")
    assert sorted(two_parents_decision.complaints.values_list("complainant", flat=True)) == [
        "Mona Forelder",
        "Per Forelder",
    ]


# --- Forwarding -------------------------------------------------------------------------------


def forward(complaint):
    return complaints.complaint_uphold_and_forward(
        complaint=complaint,
        by=complaint.registered_by,
        ke_assessment="Vilkårene er fortsatt oppfylt; vi står ved vedtaket.",
    )


@pytest.fixture
def forwarded(two_parents_decision, settings):
    settings.KE_COUNTY_GOVERNOR_ORGNR = "974761319"
    complaint = register(two_parents_decision, "Per Forelder", late_reason="Fikk ikke brevet.")
    return forward(complaint)


def test_forwarding_dispatches_the_letter_to_statsforvalteren_like_a_decision_letter(forwarded):
    letter = Letter.objects.get(kind=Letter.Kind.FORWARDING)
    dispatch = letter.dispatches.get()
    assert (dispatch.channel, dispatch.address) == (Dispatch.Channel.OUTBOX, "")


def test_statsforvalteren_is_addressed_by_its_organisation_number_in_svarut(forwarded):
    from decisions.dispatching import forsendelse_metadata

    dispatch = Letter.objects.get(kind=Letter.Kind.FORWARDING).dispatches.get()
    receiver = forsendelse_metadata(dispatch)["mottaker"]
    assert (receiver["navn"], receiver["digitalId"]) == ("Statsforvalteren i Eksempel", "974761319")


def test_forwarding_sends_a_copy_to_the_complainant_and_every_other_party(forwarded):
    copies = Letter.objects.filter(kind=Letter.Kind.FORWARDING_COPY)
    assert sorted(c.recipient_name for c in copies) == ["Mona Forelder", "Per Forelder"]
    assert all(c.dispatches.count() == 1 for c in copies)


def test_the_copy_line_names_exactly_those_the_copies_went_to(forwarded):
    text = text_of(Letter.objects.get(kind=Letter.Kind.FORWARDING))
    assert "Kopi: Mona Forelder, Per Forelder." in text


def test_a_copy_says_it_is_a_copy_and_is_addressed_to_the_party(forwarded):
    copy = Letter.objects.get(kind=Letter.Kind.FORWARDING_COPY, recipient_name="Per Forelder")
    text = text_of(copy)
    assert "Kopi til deg av brevet vi har sendt til Statsforvalteren i Eksempel" in text
    assert "Storgata 2" in text


def test_with_letters_by_post_the_forwarding_letter_goes_to_the_print_batch(
    two_parents_decision, settings
):
    settings.KE_LETTER_CHANNEL = "post"
    forward(register(two_parents_decision, "Per Forelder", late_reason="Fikk ikke brevet."))
    dispatch = Letter.objects.get(kind=Letter.Kind.FORWARDING).dispatches.get()
    assert dispatch.channel == Dispatch.Channel.POST
    assert "Postboks 1" in dispatch.address


def test_a_party_who_cannot_be_reached_stops_the_forwarding_and_nothing_is_stored(
    two_parents_decision, settings
):
    settings.KE_LETTER_CHANNEL = "post"
    complaint = register(two_parents_decision, "Per Forelder", late_reason="Fikk ikke brevet.")
    parent(two_parents_decision, "Per Forelder").__class__.objects.filter(
        name="Per Forelder"
    ).update(address="")
    with pytest.raises(RuleViolation, match="har ingen postadresse"):
        forward(complaint)
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.RECEIVED
    assert not Letter.objects.filter(complaint=complaint).exists()


def test_posting_a_rejection_late_moves_the_rejection_s_deadline_not_the_decision_s(
    two_parents_decision, settings
):
    settings.KE_LETTER_CHANNEL = "post"
    rejected = reject(register(two_parents_decision, "Mona Forelder"))
    deadline = two_parents_decision.complaint_deadline
    posted = Dispatch.objects.filter(
        letter__kind=Letter.Kind.REJECTION, channel=Dispatch.Channel.POST
    ).filter(letter__recipient_name="Per Forelder")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            "django.utils.timezone.localdate", lambda *a, **k: TODAY + datetime.timedelta(days=7)
        )
        print_batch.print_batch_mark_posted(
            dispatch_ids=[posted.get().pk], by=rejected.registered_by
        )
    rejected.refresh_from_db()
    two_parents_decision.refresh_from_db()
    assert rejected.rejection_complaint_deadline > datetime.date(2026, 12, 24)
    assert two_parents_decision.complaint_deadline == deadline


# Lengths that put the signature at the top of page 2 without the .closing rule.
@pytest.mark.parametrize("sentences", range(23, 36, 3))
def test_the_forwarding_letter_never_ends_with_a_page_holding_only_the_signature(
    two_parents_decision, sentences
):
    complaint = register(two_parents_decision, "Per Forelder", late_reason="Fikk ikke brevet.")
    complaints.complaint_uphold_and_forward(
        complaint=complaint,
        by=complaint.registered_by,
        ke_assessment="Vi har vurdert klagen på nytt og står ved vedtaket. " * sentences,
    )
    with Letter.objects.get(kind=Letter.Kind.FORWARDING).file.open("rb") as f:
        pages = PdfReader(io.BytesIO(f.read())).pages
    assert len(pages) > 1
    assert "Vedlegg" in pages[-1].extract_text()
