"""A protected address (strengt fortrolig / fortrolig, as Folkeregisteret marks it) is never
shown, listed, printed or put in a PDF; such letters go through SvarUt only."""

import datetime

import pytest
from django.urls import reverse

from cases.models import AddressProtection, Relation
from cases.national_id import synthesize
from cases.vocabulary import ServiceKind
from core.errors import RuleViolation
from decisions import delivery
from decisions.models import Dispatch, Letter
from tests.decisions.factories import DecisionFactory
from tests.decisions.pdf_text import pdf_text, squash
from tests.factories import CaseFactory, RelationFactory

pytestmark = pytest.mark.django_db

STREET = "Hemmeligveien 7"


@pytest.fixture
def protected(db):
    case = CaseFactory(
        person__address=STREET,
        person__postal_code="9999",
        person__postal_town="Skjultby",
        person__national_id=synthesize(datetime.date(1985, 4, 12), 123),
        person__address_protection=AddressProtection.STRICTLY_CONFIDENTIAL,
    )
    return DecisionFactory(case=case)


def send(decision, capture):
    with capture(execute=True):
        return delivery.decision_send(decision=decision, by=decision.decided_by)


def test_the_letter_goes_through_svarut_without_the_address(
    svarut, protected, django_capture_on_commit_callbacks
):
    send(protected, django_capture_on_commit_callbacks)
    [forsendelse] = svarut.forsendelser
    person = protected.case.person
    assert forsendelse.metadata["mottaker"] == {
        "navn": person.full_name,
        "digitalId": person.national_id,
    }


def test_neither_the_pdf_nor_the_stored_letter_holds_the_address(
    svarut, protected, django_capture_on_commit_callbacks
):
    send(protected, django_capture_on_commit_callbacks)
    letter = Letter.objects.get()
    text = squash(pdf_text(letter.file.open("rb").read()))
    assert squash(STREET) not in text and "Skjultby" not in text
    assert letter.recipient_address == ""
    assert Dispatch.objects.get().address == ""


def test_it_is_never_put_in_our_own_print_batch(protected, settings):
    settings.KE_LETTER_CHANNEL = "post"
    with pytest.raises(RuleViolation, match="bare sendes gjennom KS SvarUt"):
        delivery.decision_send(decision=protected, by=protected.decided_by)
    assert not Letter.objects.exists()


def test_a_failed_svarut_letter_cannot_be_moved_to_the_print_batch(
    svarut, protected, django_capture_on_commit_callbacks
):
    send(protected, django_capture_on_commit_callbacks)
    dispatch = Dispatch.objects.get()
    Dispatch.objects.filter(pk=dispatch.pk).update(delivery=Dispatch.Delivery.FAILED)
    dispatch.refresh_from_db()
    with pytest.raises(RuleViolation, match="skjermet adresse"):
        delivery.dispatch_to_post(dispatch=dispatch, by=protected.decided_by)


def test_without_a_national_id_it_cannot_be_sent(db):
    decision = DecisionFactory(
        case=CaseFactory(
            person__national_id=None,
            person__address_protection=AddressProtection.CONFIDENTIAL,
        )
    )
    with pytest.raises(RuleViolation, match="fødselsnummer"):
        delivery.decision_send(decision=decision, by=decision.decided_by)


def test_a_child_s_parents_share_the_protection(svarut, django_capture_on_commit_callbacks):
    case = CaseFactory(
        person__child=True,
        requests_coordinator=False,
        requests_child_coordinator=True,
        requests_plan=False,
        person__address_protection=AddressProtection.STRICTLY_CONFIDENTIAL,
    )
    RelationFactory(
        person=case.person,
        role=Relation.Role.PARENT,
        name="Mona Forelder",
        address=f"{STREET}, 9999 Skjultby",
        national_id=synthesize(datetime.date(1980, 1, 2), 222),
    )
    send(
        DecisionFactory(case=case, service=ServiceKind.CHILD_COORDINATOR),
        django_capture_on_commit_callbacks,
    )
    [forsendelse] = svarut.forsendelser
    assert set(forsendelse.metadata["mottaker"]) == {"navn", "digitalId"}


def test_the_person_page_does_not_show_it(caseworker_client, protected):
    response = caseworker_client.get(reverse("cases:detail", args=[protected.case.pk]))
    html = response.content.decode()
    assert STREET not in html and "Skjultby" not in html
    assert "Skjermet" in html
