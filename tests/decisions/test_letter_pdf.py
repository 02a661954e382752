"""Each kind of letter, rendered to PDF: every required part is in its text."""

import pytest

from cases.vocabulary import ServiceKind
from core.pdf import render_to_pdf
from decisions import letters
from decisions.delivery import LETTER_TEMPLATE
from tests.decisions.letter_builders import KINDS, complete_letter
from tests.decisions.pdf_text import pdf_text, squash


def expected_parts(letter) -> dict[str, str]:
    (section,) = letter.decisions
    parts = {
        "avsender": "Eksempel kommune Koordinerende enhet",
        "avsenderens adresse": "Rådhusgata 1, 0001 Eksempelby",
        "dato": "02.03.2026",
        "saksnummer": "2026/0042",
        "mottaker med adresse": "Kari Nordmann Storgata 1 0155 Eksempelby",
        "partene i saken": "Parter i saken: Kari Nordmann (søker)",
        "vedtaket": f"{section.outcome_label}: {section.decision_text}",
        "hjemmel": section.legal_basis,
        "faktiske forhold": section.facts,
        "begrunnelse": section.reasons,
        "klagerett": "Du kan klage på vedtaket.",
        "klagefrist på fire uker": "Klagefristen er fire uker.",
        "når fristen løper": "innen fire uker etter at du mottok dette brevet",
        "siste dag": "Da er siste dag du kan klage mandag 30. mars 2026.",
        "hvor klagen sendes": "Send klagen til Koordinerende enhet, Eksempel kommune",
        "klageinstans": "sender vi klagen videre til Statsforvalteren i Eksempel",
        "skriftlig og undertegnet": "Klagen må være skriftlig og undertegnet",
        "innsyn": "rett til å se dokumentene i saken",
        "innsyn hjemmel": "forvaltningsloven §§ 18 og 19",
        "utsatt iverksetting": "forvaltningsloven § 42",
        "kontaktperson": "kontakte Sara Saksbehandler. Telefon 12 34 56 78",
        "underskrift": "Med vennlig hilsen Sara Saksbehandler",
        "lovene": "lov 2. juli 1999 nr. 63 om pasient- og brukerrettigheter",
    }
    if section.is_grant:
        parts["startdato"] = "Vedtaket gjelder fra 02.03.2026."
    if section.is_grant and section.service in letters.COORDINATOR_SERVICES:
        parts["koordinator"] = "blir Per Koordinator."
    if section.service == ServiceKind.CHILD_COORDINATOR:
        parts["barna"] = "Kari Nordmann, født 01.02.2016"
    if section.service == ServiceKind.PLAN:
        parts["ingen ekstra rettigheter"] = "gir ikke rett til flere eller andre tjenester"
    return parts


@pytest.mark.parametrize("service,outcome", KINDS)
def test_every_required_part_is_in_the_text_of_each_kind_of_letter(service, outcome):
    letter = complete_letter(service, outcome)
    _html, pdf = render_to_pdf(LETTER_TEMPLATE, {"letter": letter})
    text = squash(pdf_text(pdf))
    parts = expected_parts(letter).items()
    missing = {name: phrase for name, phrase in parts if squash(phrase) not in text}
    assert missing == {}


def test_the_letter_is_a_pdf():
    _html, pdf = render_to_pdf(LETTER_TEMPLATE, {"letter": complete_letter()})
    assert pdf.startswith(b"%PDF-")


def test_the_letter_uses_its_own_print_stylesheet_not_bootstrap():
    html, _pdf = render_to_pdf(LETTER_TEMPLATE, {"letter": complete_letter()})
    assert "decisions/letter.css" in html
    assert "bootstrap" not in html


def test_the_address_sits_in_the_window_of_the_envelope():
    html, _pdf = render_to_pdf(LETTER_TEMPLATE, {"letter": complete_letter()})
    assert '<div class="window">' in html


def test_the_letterhead_shows_a_logo_from_the_static_files(db, settings):
    from decisions import letter_content
    from tests.decisions.factories import DecisionFactory

    settings.KE_LETTER_LOGO = "img/favicon.svg"
    letter = letter_content.decision_letter(DecisionFactory())
    html, pdf = render_to_pdf(LETTER_TEMPLATE, {"letter": letter})
    assert '<img src="/static/img/favicon.svg"' in html
    assert pdf.startswith(b"%PDF-")
