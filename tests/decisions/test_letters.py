"""The letter checklist (fvl. §§ 23–25, 27; pbrl. kap. 7), without a database."""

import pytest

from cases import legal
from cases.vocabulary import ServiceKind
from decisions import letter_checks, letters
from tests.decisions.letter_builders import KINDS, complete_letter, without

# field -> value that removes it -> the part reported missing
REMOVALS = [
    ("municipality", "", "avsender"),
    ("sender_address", "", "avsenderens adresse"),
    ("letter_date", None, "dato"),
    ("case_number", " ", "saksnummer"),
    ("addressee", None, "mottaker med adresse"),
    ("parties", (), "partene i saken"),
    ("concerns", "", "hvem vedtaket gjelder"),
    ("decision_text", "", "vedtaket"),
    ("legal_basis", "", "hjemmel (reglene vedtaket bygger på)"),
    ("facts", "", "faktiske forhold"),
    ("reasons", "\n", "begrunnelse"),
    ("complaint_weeks", 3, "klagefrist på fire uker"),
    ("complaint_runs_from", "", "når klagefristen begynner å løpe"),
    ("complaint_deadline", None, "siste dag for å klage"),
    ("complaint_to", "", "hvor klagen skal sendes (koordinerende enhet)"),
    ("appeal_body", "", "klageinstans (Statsforvalteren)"),
    ("complaint_form", "", "at klagen skal være skriftlig og undertegnet"),
    ("complaint_reference", "", "hjemmel for klageretten"),
    ("access_text", "", "rett til innsyn i saksdokumentene"),
    ("postponement_text", "", "rett til å be om utsatt iverksetting"),
    ("contact_name", "", "kontaktperson"),
    ("signature", "", "underskrift"),
]


@pytest.mark.parametrize("service,outcome", KINDS)
def test_a_complete_letter_of_each_kind_lacks_nothing(service, outcome):
    assert letter_checks.missing_parts(complete_letter(service, outcome)) == []


@pytest.mark.parametrize("field,value,part", REMOVALS, ids=[r[0] for r in REMOVALS])
def test_removing_a_required_part_is_reported_by_its_norwegian_name(field, value, part):
    assert part in letter_checks.missing_parts(without(complete_letter(), **{field: value}))


def test_a_grant_without_a_start_date_lacks_it():
    letter = without(complete_letter(), starts_on=None)
    assert letter_checks.missing_parts(letter) == ["startdato"]


def test_a_coordinator_grant_must_name_the_coordinator_or_say_one_will_be_appointed():
    letter = without(complete_letter(), coordinator_text="")
    assert letter_checks.missing_parts(letter) == ["koordinator (navn eller at det oppnevnes)"]


def test_a_child_coordinator_grant_lists_the_children():
    letter = without(complete_letter(ServiceKind.CHILD_COORDINATOR), children=())
    assert letter_checks.missing_parts(letter) == ["barna vedtaket gjelder"]


def test_an_individual_plan_letter_says_the_plan_gives_no_extra_rights():
    letter = without(complete_letter(ServiceKind.PLAN), plan_rights_text="")
    assert letter_checks.missing_parts(letter) == [
        "at individuell plan ikke gir rett til flere tjenester"
    ]


def test_a_refusal_needs_neither_start_date_nor_coordinator():
    letter = complete_letter(ServiceKind.COORDINATOR, letters.OUTCOME_REFUSED)
    assert letter_checks.missing_parts(without(letter, starts_on=None, coordinator_text="")) == []


def test_an_appeal_body_that_is_not_statsforvalteren_is_missing():
    letter = without(complete_letter(), appeal_body="Kommunens klagenemnd")
    assert letter_checks.missing_parts(letter) == ["klageinstans (Statsforvalteren)"]


def test_an_addressee_without_an_address_is_missing():
    letter = without(complete_letter(), addressee=letters.Address("Kari Nordmann", ()))
    assert letter_checks.missing_parts(letter) == ["mottaker med adresse"]


def test_a_grant_without_a_coordinator_says_one_will_be_appointed():
    text = letters.coordinator_text(
        service="koordinator", outcome="granted", coordinator="", voice=letters.Voice()
    )
    assert "vil oppnevne" in text


def test_a_grant_with_a_coordinator_names_them():
    text = letters.coordinator_text(
        service="barnekoordinator",
        outcome="granted",
        coordinator="Kari Koordinator",
        voice=letters.Voice("dere", child="barnet deres, Noah"),
    )
    assert text == "Barnekoordinator blir Kari Koordinator."


def test_the_complaint_section_cites_the_one_table_by_key(monkeypatch):
    monkeypatch.setitem(legal.CITATIONS, "access", (legal.Provision(legal.FVL, "18 a"),))

    texts = letters.complaint_texts(unit="KE", municipality="M", address="A", appeal_body="S")
    assert "unntakene som følger av forvaltningsloven § 18 a." in texts["access_text"]


def test_a_letter_names_each_law_by_its_full_title():
    assert letters.reference(ServiceKind.COORDINATOR) == (
        "pasient- og brukerrettighetsloven § 2-5 b og helse- og omsorgstjenesteloven § 7-2"
    )
