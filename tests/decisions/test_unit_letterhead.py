"""A case's letters carry its unit's letterhead, and send complaints to its address
(issue 18, item 4). Read from the rendered letter's text."""

import pytest

from cases.units import default_unit, letterhead_for
from core.pdf import render_to_pdf
from decisions import letter_content
from decisions.delivery import LETTER_TEMPLATE
from tests.decisions.factories import DecisionFactory
from tests.decisions.pdf_text import pdf_text
from tests.factories import CaseFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def frogner(db):
    return UnitFactory(
        name="Koordinerende enhet, bydel Frogner",
        address="Postboks 9, 0201 Oslo",
        phone="23 45 67 89",
        email="ke.frogner@kommune.example",
    )


def _letter_text(case) -> str:
    letter = letter_content.decision_letter(DecisionFactory(case=case))
    _html, pdf = render_to_pdf(LETTER_TEMPLATE, {"letter": letter})
    return pdf_text(pdf)


def test_the_letterhead_names_the_cases_unit(frogner):
    assert "Koordinerende enhet, bydel Frogner" in _letter_text(CaseFactory(unit=frogner))


def test_complaints_go_to_the_units_address(frogner):
    letter = letter_content.decision_letter(DecisionFactory(case=CaseFactory(unit=frogner)))
    assert letter.complaint_to.endswith("Postboks 9, 0201 Oslo")
    assert letter.sender_address == "Postboks 9, 0201 Oslo"


def test_the_contact_details_are_the_units(frogner):
    letter = letter_content.decision_letter(DecisionFactory(case=CaseFactory(unit=frogner)))
    assert letter.contact_details == "Telefon 23 45 67 89, e-post ke.frogner@kommune.example"


def test_a_district_keeps_its_capital_inside_a_sentence(frogner):
    letter = letter_content.decision_letter(DecisionFactory(case=CaseFactory(unit=frogner)))
    assert "koordinerende enhet, bydel Frogner" in letter.complaint_help


def test_a_unit_without_its_own_address_uses_the_settings(settings):
    unit = UnitFactory(name="Koordinerende enhet, barn og unge")
    head = letterhead_for(CaseFactory(unit=unit))
    assert (head.unit, head.address, head.phone) == (
        "Koordinerende enhet, barn og unge",
        settings.KE_ADDRESS,
        settings.KE_PHONE,
    )


def test_the_default_units_letter_is_as_before(settings):
    text = _letter_text(CaseFactory(unit=default_unit()))
    assert settings.KE_UNIT_NAME in text
    assert settings.KE_ADDRESS in text


def test_svarut_titles_the_letter_with_the_units_name(frogner):
    from decisions.dispatching import forsendelse_metadata
    from decisions.models import Dispatch, Letter

    decision = DecisionFactory(case=CaseFactory(unit=frogner), sent=True)
    person = decision.case.person
    letter = Letter.objects.create(
        kind=Letter.Kind.DECISION,
        decision=decision,
        recipient_key=f"person:{person.pk}",
        recipient_name=person.full_name,
    )
    dispatch = Dispatch.objects.create(letter=letter, channel=Dispatch.Channel.SVARUT)
    title = forsendelse_metadata(dispatch)["tittel"]
    assert title.startswith("Brev fra koordinerende enhet, bydel Frogner")
