import copy
from datetime import date

import pytest

from cases.vocabulary import ServiceKind
from eligibility.facts import (
    Category,
    FactsError,
    ServiceStatus,
    facts_to_dict,
    parse_facts,
)

VALID = {
    "assessed_on": "2026-11-23",
    "requested": ["koordinator", "individuell_plan"],
    "person": {"born_on": "1971-04-02", "expected_on": None, "stays_in_municipality": True},
    "consent": {"plan": True, "participant_access": None},
    "services": [
        {"name": "Hjemmesykepleie", "category": "municipal_health_care", "status": "received"},
        {"name": "HAVO", "category": "specialist_health_care", "status": "applied"},
    ],
    "function_level": 3,
    "rare_diagnosis": False,
    "judgements": {"long_term": True, "coordinated": False},
}


DELETE = object()


def changed(path: str, value) -> dict:
    """VALID with the field at dotted `path` set to value (or removed, for DELETE)."""
    data = copy.deepcopy(VALID)
    *parents, last = path.split(".")
    target = data
    for part in parents:
        target = target[int(part)] if isinstance(target, list) else target[part]
    if isinstance(target, list):
        last = int(last)
    if value is DELETE:
        del target[last]
    else:
        target[last] = value
    return data


def errors_for(data) -> list[str]:
    with pytest.raises(FactsError) as excinfo:
        parse_facts(data)
    return excinfo.value.errors


def test_it_reads_every_field():
    facts = parse_facts(VALID)

    assert facts.assessed_on == date(2026, 11, 23)
    assert facts.requested == {ServiceKind.COORDINATOR, ServiceKind.PLAN}
    assert facts.services[1].category == Category.SPECIALIST_HEALTH_CARE
    assert facts.services[1].status == ServiceStatus.APPLIED
    assert (facts.judgements.coordinated, facts.judgements.current_need) == (False, None)


def test_it_turns_facts_back_into_the_same_json():
    assert facts_to_dict(parse_facts(VALID)) == VALID


def test_it_fills_in_optional_fields_when_missing():
    facts = parse_facts({"assessed_on": "2026-11-23", "person": {"stays_in_municipality": True}})

    assert (facts.requested, facts.services, facts.consent.plan) == (frozenset(), (), None)


@pytest.mark.parametrize(
    "data, expected",
    [
        pytest.param(changed("assessed_on", DELETE), "assessed_on: mangler", id="no-assessed-on"),
        pytest.param(changed("assessed_on", None), "assessed_on: mangler", id="null-assessed-on"),
        pytest.param(
            changed("assessed_on", "23.11.2026"),
            "assessed_on: ugyldig dato '23.11.2026', forventet ÅÅÅÅ-MM-DD",
            id="norwegian-date",
        ),
        pytest.param(
            changed("person.born_on", "2025-02-29"),
            "person.born_on: ugyldig dato '2025-02-29', forventet ÅÅÅÅ-MM-DD",
            id="no-such-day",
        ),
        pytest.param(
            changed("person.expected_on", 20270301),
            "person.expected_on: ugyldig dato 20270301, forventet ÅÅÅÅ-MM-DD",
            id="date-as-number",
        ),
        pytest.param(changed("person", DELETE), "person: mangler", id="no-person"),
        pytest.param(changed("person", "x"), "person: må være et objekt", id="person-not-object"),
        pytest.param(
            changed("person.stays_in_municipality", DELETE),
            "person.stays_in_municipality: mangler",
            id="no-residence",
        ),
        pytest.param(
            changed("person.stays_in_municipality", None),
            "person.stays_in_municipality: må være true eller false",
            id="null-residence",
        ),
        pytest.param(changed("person.name", "Kari"), "person.name: ukjent felt", id="person-name"),
        pytest.param(changed("ssn", "1"), "ssn: ukjent felt", id="unknown-top-level-field"),
        pytest.param(
            changed("requested.1", "avlastning"),
            "requested[1]: ukjent tjeneste 'avlastning'",
            id="unknown-requested",
        ),
        pytest.param(
            changed("requested", "koordinator"),
            "requested: må være en liste",
            id="requested-not-list",
        ),
        pytest.param(
            changed("consent.plan", "ja"),
            "consent.plan: må være true, false eller null",
            id="consent-not-bool",
        ),
        pytest.param(changed("services", {}), "services: må være en liste", id="services-dict"),
        pytest.param(
            changed("services.1", "HAVO"), "services[1]: må være et objekt", id="service-str"
        ),
        pytest.param(
            changed("services.1.category", "foo"),
            "services[1].category: ukjent kategori 'foo'",
            id="unknown-category",
        ),
        pytest.param(
            changed("services.0.category", DELETE),
            "services[0].category: mangler",
            id="no-category",
        ),
        pytest.param(
            changed("services.0.status", "granted"),
            "services[0].status: ukjent status 'granted'",
            id="unknown-status",
        ),
        pytest.param(
            changed("services.0.name", "  "),
            "services[0].name: må være en ikke-tom tekst",
            id="blank-name",
        ),
        pytest.param(changed("services.0.name", DELETE), "services[0].name: mangler", id="no-name"),
        pytest.param(
            changed("function_level", 9),
            "function_level: ugyldig funksjonsnivå 9, forventet 1–5 eller null",
            id="kpr-9-not-relevant",
        ),
        pytest.param(
            changed("function_level", True),
            "function_level: ugyldig funksjonsnivå True, forventet 1–5 eller null",
            id="level-bool",
        ),
        pytest.param(
            changed("rare_diagnosis", None),
            "rare_diagnosis: må være true eller false",
            id="null-rare-diagnosis",
        ),
        pytest.param(
            changed("judgements.severe", True),
            "judgements.severe: ukjent vurdering",
            id="unknown-judgement",
        ),
        pytest.param(
            changed("judgements.long_term", "yes"),
            "judgements.long_term: må være true, false eller null",
            id="judgement-not-bool",
        ),
        pytest.param([], "(rot): må være et objekt", id="not-an-object"),
    ],
)
def test_it_names_the_wrong_field(data, expected):
    assert errors_for(data) == [expected]


def test_it_reports_every_wrong_field_at_once():
    data = changed("services.1.category", "foo")
    data["assessed_on"] = "i går"

    assert len(errors_for(data)) == 2


def test_it_treats_a_null_judgement_as_unanswered():
    facts = parse_facts(changed("judgements.long_term", None))

    assert facts.judgements.long_term is None
