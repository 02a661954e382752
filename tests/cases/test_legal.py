"""The one table of legal references (cases/legal.py), without a database."""

import pytest

from cases import legal
from cases.vocabulary import ServiceKind

PROVISIONS = sorted(
    {id(p): p for ps in legal.CITATIONS.values() for p in ps}.values(),
    key=lambda p: (p.law.abbreviation, p.section),
)
# The rules of the domain reference (section 2) that the engine cites.
RULE_CODES = ["C1", "C4", "C5", "K1", "K2", "B1", "B2", "B3", "B4", "B6", "B7", "B9"]
RULE_CODES += ["I1", "I2", "I3", "I4", "I5"]


@pytest.mark.parametrize("law", legal.LAWS, ids=lambda law: law.abbreviation)
def test_every_law_has_an_abbreviation_and_a_full_title(law):
    assert law.abbreviation.strip()
    assert law.title.strip()
    assert law.title != law.abbreviation


def test_the_ip_regulation_is_cited_by_its_full_title():
    assert legal.citation("I2", full=True) == (
        "forskrift om individuell plan ved ytelse av velferdstjenester; "
        "pasient- og brukerrettighetsloven kap. 4"
    )


@pytest.mark.parametrize("provision", PROVISIONS, ids=lambda p: f"{p.law.abbreviation} {p.section}")
def test_every_provision_has_a_known_law_and_a_section_or_is_marked_unconfirmed(provision):
    assert provision.law in legal.LAWS
    assert provision.section.strip() or provision.unconfirmed


def test_the_ip_regulations_new_section_for_consent_is_marked_unconfirmed():
    assert legal.PLAN_CONSENT.unconfirmed is True
    assert [p for p in PROVISIONS if p.unconfirmed] == [legal.PLAN_CONSENT]


def test_each_provision_is_written_once():
    # Citations share a provision by naming the same constant, never by a second copy.
    written = [(p.law, p.section) for p in PROVISIONS]
    assert len(written) == len(set(written))


@pytest.mark.parametrize("key", [*ServiceKind, *RULE_CODES, "complaint", "access", "postponement"])
def test_every_service_rule_and_letter_part_has_a_citation(key):
    assert legal.CITATIONS[key]


@pytest.mark.parametrize(
    "key, short",
    [
        ("C4", "pbrl. §§ 2-5, 2-5 b og 2-5 c"),
        ("K1", "hol. § 7-2; pbrl. § 2-5 b"),
        ("B9", "hol. §§ 7-2 og 7-2 a"),
        ("I2", "IP-forskriften; pbrl. kap. 4"),
        ("I4", "hol. § 7-1 annet ledd; phvl. § 4-1"),
    ],
)
def test_a_finding_cites_short_grouped_by_law(key, short):
    assert legal.citation(key) == short


def test_a_letter_cites_by_title_and_joins_the_laws_as_a_sentence():
    assert legal.citation("complaint", full=True, prose=True) == (
        "pasient- og brukerrettighetsloven §§ 7-2, 7-3 og 7-5 og forvaltningsloven § 32"
    )


@pytest.mark.parametrize("key", list(legal.CITATIONS))
def test_it_reads_back_what_it_cites(key):
    short = legal.citation(key)
    assert legal.cite(legal.parse(short)) == short


def test_it_reads_a_chapter_and_sections_of_one_law():
    assert legal.parse("pbrl. kap. 4 og §§ 3-1 og 3-2") == [
        legal.CONSENT,
        legal.PARTICIPATION,
        legal.Provision(legal.PBRL, "3-2"),
    ]


def test_it_keeps_text_naming_no_known_law_whole():
    (provision,) = legal.parse("dl. § 148")
    assert legal.cite([provision], full=True) == "dl. § 148"


@pytest.mark.parametrize("law", legal.LAWS, ids=lambda law: law.abbreviation)
def test_every_law_can_be_looked_up_or_is_marked_unconfirmed(law):
    assert law.official.strip() or law.reference_unconfirmed


def test_a_letter_lists_each_law_it_cites_once():
    assert legal.laws_cited(["complaint", "access", ServiceKind.PLAN]) == [
        legal.PBRL,
        legal.FVL,
        legal.HOL,
    ]
