from hypothesis import given
from hypothesis import strategies as st

from cases.vocabulary import ServiceKind
from eligibility.facts import (
    Category,
    Consent,
    Facts,
    Judgements,
    Person,
    Service,
    ServiceStatus,
    facts_to_dict,
    parse_facts,
)
from eligibility.rules import Outcome, assess, assessment_to_dict

maybe_bool = st.none() | st.booleans()
maybe_date = st.none() | st.dates()

facts_strategy = st.builds(
    Facts,
    assessed_on=st.dates(),
    person=st.builds(
        Person, born_on=maybe_date, expected_on=maybe_date, stays_in_municipality=st.booleans()
    ),
    requested=st.frozensets(st.sampled_from(ServiceKind)),
    consent=st.builds(Consent, plan=maybe_bool, participant_access=maybe_bool),
    services=st.lists(
        st.builds(
            Service,
            name=st.text(min_size=1, max_size=10).filter(str.strip),
            category=st.sampled_from(Category),
            status=st.sampled_from(ServiceStatus),
        ),
        max_size=6,
    ).map(tuple),
    function_level=st.none() | st.integers(min_value=1, max_value=5),
    rare_diagnosis=st.booleans(),
    judgements=st.builds(
        Judgements,
        long_term=maybe_bool,
        coordinated=maybe_bool,
        current_need=maybe_bool,
        serious_condition=maybe_bool,
        participation=maybe_bool,
    ),
)


@given(facts_strategy)
def test_it_assesses_all_three_services_for_any_facts(facts):
    result = assessment_to_dict(assess(facts))

    assert set(result) == {"engine_version", *ServiceKind}
    assert all(result[offer]["outcome"] in set(Outcome) for offer in ServiceKind)


@given(facts_strategy)
def test_it_gives_every_finding_and_question_a_legal_basis(facts):
    assessment = assess(facts)

    for offer in ServiceKind:
        result = assessment[offer]
        assert all(f.legal_basis.strip() for f in result.findings + result.questions)


@given(facts_strategy)
def test_it_marks_exactly_the_services_not_asked_for_as_not_requested(facts):
    assessment = assess(facts)

    not_requested = {o for o in ServiceKind if assessment[o].outcome == Outcome.NOT_REQUESTED}
    assert not_requested == set(ServiceKind) - facts.requested


@given(facts_strategy)
def test_it_reads_back_the_facts_it_stores(facts):
    assert parse_facts(facts_to_dict(facts)) == facts
