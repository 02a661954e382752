from datetime import date

import pytest

from cases import legal
from cases.vocabulary import ServiceKind
from eligibility import rules
from eligibility.facts import ServiceStatus
from eligibility.rules import Outcome, assess
from tests.eligibility.builders import (
    CHILD,
    child,
    make_facts,
    mental,
    municipal,
    specialist,
    welfare,
)

KOORDINATOR, BARNEKOORDINATOR, IP = ServiceKind
ELIGIBLE, NOT_ELIGIBLE, NEEDS_JUDGEMENT, NOT_REQUESTED = Outcome
APPLIED, EXPECTED = ServiceStatus.APPLIED, ServiceStatus.EXPECTED

# A child with two municipal health services and one welfare service: qualifies for all three.
QUALIFIES_FOR_ALL = {"born_on": CHILD, "services": (municipal(), municipal(), welfare())}


def outcome(facts, offer):
    return assess(facts)[offer].outcome


def codes(facts, offer):
    return [f.code for f in assess(facts)[offer].findings]


def finding(facts, offer, code):
    return next(f for f in assess(facts)[offer].findings if f.code == code)


@pytest.mark.parametrize(
    "facts, expected",
    [
        pytest.param(child(born_on=date(2008, 11, 24)), ELIGIBLE, id="17-years-364-days"),
        pytest.param(child(born_on=date(2008, 11, 23)), NOT_ELIGIBLE, id="18-today"),
        pytest.param(
            child(born_on=date(2008, 2, 29), assessed_on=date(2026, 2, 28)),
            ELIGIBLE,
            id="born-29-feb-still-17-on-28-feb",
        ),
        pytest.param(
            child(born_on=date(2008, 2, 29), assessed_on=date(2026, 3, 1)),
            NOT_ELIGIBLE,
            id="born-29-feb-18-on-1-mar",
        ),
        pytest.param(
            child(born_on=date(2008, 2, 29), assessed_on=date(2024, 2, 29)),
            ELIGIBLE,
            id="born-29-feb-16-on-leap-day",
        ),
        pytest.param(
            child(born_on=None, expected_on=date(2027, 3, 1)), ELIGIBLE, id="unborn-with-due-date"
        ),
        pytest.param(child(born_on=None), NOT_ELIGIBLE, id="no-birth-or-due-date"),
    ],
)
def test_it_grants_barnekoordinator_only_for_a_child_under_18_or_unborn(facts, expected):
    assert outcome(facts, BARNEKOORDINATOR) == expected


@pytest.mark.parametrize("offer", [KOORDINATOR, IP])
@pytest.mark.parametrize(
    "services, expected",
    [
        pytest.param([municipal()], NOT_ELIGIBLE, id="one-health-service"),
        pytest.param([municipal(), municipal()], ELIGIBLE, id="two-municipal"),
        pytest.param([municipal(), specialist()], ELIGIBLE, id="municipal-and-specialist"),
        pytest.param([specialist(), mental()], ELIGIBLE, id="specialist-and-mental"),
        pytest.param([municipal(), mental(APPLIED)], ELIGIBLE, id="one-received-one-applied"),
        pytest.param([municipal(), specialist(EXPECTED)], NOT_ELIGIBLE, id="one-expected"),
        pytest.param([welfare(), welfare(), welfare()], NOT_ELIGIBLE, id="welfare-only"),
        pytest.param([municipal(), welfare(), welfare()], NOT_ELIGIBLE, id="one-health-+-welfare"),
    ],
)
def test_it_needs_two_current_health_and_care_services_for_koordinator_and_plan(
    services, expected, offer
):
    assert outcome(make_facts(services=services), offer) == expected


def test_it_refuses_koordinator_with_one_health_service():
    facts = make_facts(services=[municipal(), welfare()])

    assert finding(facts, KOORDINATOR, "K1").met is False


@pytest.mark.parametrize(
    "services, expected",
    [
        pytest.param([municipal(), welfare()], ELIGIBLE, id="one-health-one-welfare"),
        pytest.param([specialist(EXPECTED), welfare(EXPECTED)], ELIGIBLE, id="both-expected"),
        pytest.param([mental(APPLIED), welfare(APPLIED)], ELIGIBLE, id="both-applied"),
        pytest.param([municipal(), specialist()], NOT_ELIGIBLE, id="health-only"),
        pytest.param([welfare(), welfare()], NOT_ELIGIBLE, id="welfare-only"),
        pytest.param([], NOT_ELIGIBLE, id="no-services"),
    ],
)
def test_it_needs_a_health_and_a_welfare_service_for_barnekoordinator(services, expected):
    assert outcome(child(services=services), BARNEKOORDINATOR) == expected


@pytest.mark.parametrize(
    "offer, expected",
    [
        pytest.param(KOORDINATOR, NOT_ELIGIBLE, id="koordinator-counts-only-current"),
        pytest.param(BARNEKOORDINATOR, ELIGIBLE, id="barnekoordinator-counts-future-need"),
    ],
)
def test_it_counts_expected_services_only_for_barnekoordinator(offer, expected):
    services = [municipal(EXPECTED), specialist(EXPECTED), welfare(EXPECTED)]
    facts = child(requested=list(ServiceKind), services=services)

    assert outcome(facts, offer) == expected


@pytest.mark.parametrize("offer", list(ServiceKind))
def test_it_refuses_every_service_to_someone_not_staying_in_the_municipality(offer):
    facts = make_facts(**QUALIFIES_FOR_ALL, stays_in_municipality=False)

    assert outcome(facts, offer) == NOT_ELIGIBLE
    assert finding(facts, offer, "C1").met is False


@pytest.mark.parametrize(
    "plan_consent, participant_access, expected",
    [
        pytest.param(True, True, ELIGIBLE, id="consent-given"),
        pytest.param(True, None, ELIGIBLE, id="participant-access-still-to-collect"),
        pytest.param(False, True, NOT_ELIGIBLE, id="consent-refused"),
        pytest.param(None, None, NOT_ELIGIBLE, id="consent-not-recorded"),
    ],
)
def test_it_needs_consent_to_the_plan(plan_consent, participant_access, expected):
    facts = make_facts(plan_consent=plan_consent, participant_access=participant_access)

    assert outcome(facts, IP) == expected


def test_it_says_when_consent_to_the_plan_is_not_recorded():
    facts = make_facts(plan_consent=None)

    assert "ikke registrert" in finding(facts, IP, "I2").text


def test_it_offers_koordinator_when_the_plan_is_declined():
    facts = make_facts(plan_consent=False)

    assert outcome(facts, KOORDINATOR) == ELIGIBLE


OFFER_JUDGEMENTS = [
    (KOORDINATOR, "long_term"),
    (KOORDINATOR, "coordinated"),
    (KOORDINATOR, "current_need"),
    (BARNEKOORDINATOR, "long_term"),
    (BARNEKOORDINATOR, "coordinated"),
    (BARNEKOORDINATOR, "serious_condition"),
    (IP, "long_term"),
    (IP, "coordinated"),
    (IP, "current_need"),
    (IP, "participation"),
]
OFFER_JUDGEMENT_IDS = [f"{offer}-{key}" for offer, key in OFFER_JUDGEMENTS]


@pytest.mark.parametrize("offer, key", OFFER_JUDGEMENTS, ids=OFFER_JUDGEMENT_IDS)
def test_it_waits_for_an_unanswered_judgement(offer, key):
    facts = make_facts(**QUALIFIES_FOR_ALL, **{key: None})

    assert outcome(facts, offer) == NEEDS_JUDGEMENT
    assert [q.key for q in assess(facts)[offer].questions] == [key]


@pytest.mark.parametrize("offer, key", OFFER_JUDGEMENTS, ids=OFFER_JUDGEMENT_IDS)
def test_it_refuses_when_a_judgement_is_answered_no(offer, key):
    facts = make_facts(**QUALIFIES_FOR_ALL, **{key: False})

    assert outcome(facts, offer) == NOT_ELIGIBLE
    assert assess(facts)[offer].questions == ()


@pytest.mark.parametrize(
    "offer, key",
    [
        pytest.param(KOORDINATOR, "participation", id="koordinator-ignores-participation"),
        pytest.param(KOORDINATOR, "serious_condition", id="koordinator-ignores-seriousness"),
        pytest.param(BARNEKOORDINATOR, "current_need", id="barnekoordinator-ignores-current"),
        pytest.param(IP, "serious_condition", id="plan-ignores-seriousness"),
    ],
)
def test_it_ignores_judgements_a_service_does_not_use(offer, key):
    facts = make_facts(**QUALIFIES_FOR_ALL, **{key: None})

    assert outcome(facts, offer) == ELIGIBLE


def test_an_individual_plan_without_a_current_need_is_refused_under_the_plan_rules():
    facts = make_facts(**QUALIFIES_FOR_ALL, current_need=False)

    (finding,) = [f for f in assess(facts)[IP].findings if f.code == "I5"]
    assert finding.met is False
    assert finding.legal_basis == legal.citation("I5")


def test_it_refuses_on_a_failed_hard_rule_even_with_open_questions():
    facts = make_facts(services=[municipal()], long_term=None, current_need=None)

    assert outcome(facts, KOORDINATOR) == NOT_ELIGIBLE
    assert len(assess(facts).koordinator.questions) == 2


def test_it_waits_for_open_questions_before_refusing_on_an_answered_no():
    facts = make_facts(long_term=False, coordinated=None)

    assert outcome(facts, KOORDINATOR) == NEEDS_JUDGEMENT


def test_it_marks_a_service_not_asked_for_as_not_requested():
    facts = make_facts(requested=[KOORDINATOR])

    assert outcome(facts, KOORDINATOR) == ELIGIBLE
    assert outcome(facts, IP) == NOT_REQUESTED


def test_it_still_shows_findings_for_a_service_not_requested():
    facts = make_facts(requested=[KOORDINATOR], plan_consent=None)

    assert codes(facts, IP)[:3] == ["C1", "I1", "I2"]


@pytest.mark.parametrize(
    "services, expected",
    [
        pytest.param([municipal(), specialist()], True, id="municipal-and-specialist"),
        pytest.param([municipal(), mental(APPLIED)], True, id="municipal-and-mental-health"),
        pytest.param([municipal(), municipal()], False, id="municipal-only"),
        pytest.param([specialist(), mental()], False, id="specialist-only"),
        pytest.param([municipal(), specialist(EXPECTED)], False, id="specialist-only-expected"),
    ],
)
def test_it_makes_the_municipality_responsible_for_a_plan_spanning_levels(services, expected):
    assert ("I4" in codes(make_facts(services=services), IP)) is expected


def test_it_cites_hol_7_1_second_paragraph_for_the_municipalitys_plan_duty():
    facts = make_facts(services=[municipal(), specialist()])

    assert "hol. § 7-1 annet ledd" in finding(facts, IP, "I4").legal_basis


@pytest.mark.parametrize(
    "born_on, expected",
    [
        pytest.param(date(2008, 11, 24), True, id="turns-18-tomorrow"),
        pytest.param(date(2009, 2, 21), True, id="turns-18-in-90-days"),
        pytest.param(date(2009, 2, 22), False, id="turns-18-in-91-days"),
        pytest.param(date(2008, 11, 23), False, id="turned-18-today"),
        pytest.param(None, False, id="unborn"),
    ],
)
def test_it_warns_of_the_handover_to_koordinator_before_the_18th_birthday(born_on, expected):
    facts = child(born_on=born_on, expected_on=date(2027, 3, 1))

    assert ("B9" in codes(facts, BARNEKOORDINATOR)) is expected


@pytest.mark.parametrize(
    "level, phrase",
    [
        pytest.param(5, "5 (omfattende) taler vanligvis for", id="level-5"),
        pytest.param(4, "4 (omfattende) taler vanligvis for", id="level-4"),
        pytest.param(3, "3 (middels til stort) kan tale for", id="level-3"),
        pytest.param(2, "2 taler normalt ikke for", id="level-2"),
        pytest.param(1, "1 taler normalt ikke for", id="level-1"),
        pytest.param(None, "ikke registrert", id="no-level"),
    ],
)
def test_it_guides_the_seriousness_question_by_function_level(level, phrase):
    facts = child(function_level=level, serious_condition=None)

    (question,) = assess(facts).barnekoordinator.questions
    assert phrase in question.guidance


def test_it_names_a_rare_diagnosis_as_one_factor_in_seriousness():
    facts = child(rare_diagnosis=True, serious_condition=None)

    (question,) = assess(facts).barnekoordinator.questions
    assert "Sjelden diagnose er registrert" in question.guidance
    assert "B7" in codes(facts, BARNEKOORDINATOR)


def test_it_takes_legal_references_from_the_one_table(monkeypatch):
    monkeypatch.setitem(legal.CITATIONS, "C1", (legal.Provision(legal.HOL, "3-1 a"),))

    assert finding(make_facts(), KOORDINATOR, "C1").legal_basis == "hol. § 3-1 a"


def test_it_gives_every_question_the_legal_basis_of_its_rule():
    facts = make_facts(long_term=None)

    (question,) = assess(facts).koordinator.questions
    assert question.legal_basis == "pbrl. §§ 2-5, 2-5 b og 2-5 c"


def test_it_reports_the_engine_version_with_every_assessment():
    assert rules.assessment_to_dict(assess(make_facts()))["engine_version"] == "1.0"


def test_it_finds_no_18th_birthday_beyond_the_calendar():
    assert rules.eighteenth_birthday(date(9990, 1, 1)) is None
