"""Factories for decisions, with Traits for states."""

import datetime

import factory
from django.utils import timezone

from cases.vocabulary import ServiceKind
from decisions import deadlines, decided
from decisions.models import Complaint, Decision
from eligibility.facts import parse_facts
from eligibility.models import Assessment
from eligibility.rules import ENGINE_VERSION, assess, assessment_to_dict
from tests.factories import CaseFactory, RelationFactory

YES = {
    "long_term": True,
    "coordinated": True,
    "current_need": True,
    "serious_condition": True,
    "participation": True,
}
ADULT_SERVICES = [
    {"name": "Hjemmesykepleie", "category": "municipal_health_care", "status": "received"},
    {"name": "Fysioterapi", "category": "municipal_health_care", "status": "received"},
]
CHILD_SERVICES = [
    {"name": "HABU", "category": "specialist_health_care", "status": "received"},
    {"name": "Fysioterapi", "category": "municipal_health_care", "status": "received"},
    {"name": "Spesialundervisning", "category": "welfare", "status": "received"},
]


def facts_for(case, *, judgements=None, services=None) -> dict:
    person = case.person
    child = case.requests_child_coordinator
    return {
        "assessed_on": timezone.localdate().isoformat(),
        "requested": [kind.value for kind in case.requested_kinds()],
        "person": {
            "born_on": person.born_on.isoformat() if person.born_on else None,
            "expected_on": person.expected_on.isoformat() if person.expected_on else None,
            "stays_in_municipality": True,
        },
        "consent": {"plan": True, "participant_access": True},
        "services": services
        if services is not None
        else (CHILD_SERVICES if child else ADULT_SERVICES),
        "function_level": 4 if child else None,
        "judgements": YES if judgements is None else judgements,
    }


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    case = factory.SubFactory(CaseFactory)
    assessed_on = factory.LazyFunction(timezone.localdate)
    facts = factory.LazyAttribute(lambda a: facts_for(a.case))
    answers = factory.LazyFunction(dict)
    result = factory.LazyAttribute(lambda a: assessment_to_dict(assess(parse_facts(a.facts))))
    engine_version = ENGINE_VERSION
    created_by = factory.LazyAttribute(lambda a: a.case.caseworker)


def child_case(**kwargs):
    """A barnekoordinator case for a child, with a parent who has an email address."""
    case = CaseFactory(
        person__child=True,
        requests_coordinator=False,
        requests_child_coordinator=True,
        requests_plan=False,
        **kwargs,
    )
    RelationFactory(person=case.person, name="Mona Forelder", email="mona@epost.example")
    return case


def mark_decided_if_sent(decision, create) -> None:
    """A decision made sent by a factory marks its case as decided on its service, as
    sending it through delivery.decision_send does."""
    if create and decision.is_sent:
        decided.case_mark_decided(case=decision.case, services=[decision.service])


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision
        skip_postgeneration_save = True

    case = factory.SubFactory(CaseFactory)
    service = ServiceKind.COORDINATOR
    outcome = Decision.Outcome.GRANTED
    legal_basis = (
        "Pasient- og brukerrettighetsloven § 2-5 b og helse- og omsorgstjenesteloven § 7-2."
    )
    facts = "Personen mottar hjemmesykepleie og fysioterapi."
    reasons = "Behovet er langvarig og tjenestene må koordineres."
    starts_on = factory.LazyFunction(timezone.localdate)
    decided_by = factory.LazyAttribute(lambda d: d.case.caseworker)

    class Params:
        refused = factory.Trait(outcome=Decision.Outcome.REFUSED, starts_on=None)
        sent = factory.Trait(
            status=Decision.Status.SENT,
            sent_on=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=7)),
            received_on=factory.SelfAttribute("sent_on"),
            assumed_received_on=factory.SelfAttribute("sent_on"),
            complaint_deadline=factory.LazyAttribute(
                lambda d: deadlines.complaint_deadline(d.received_on)
            ),
        )

    @factory.post_generation
    def mark_case_decided(decision, create, extracted, **kwargs):
        mark_decided_if_sent(decision, create)


class ComplaintFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Complaint

    decision = factory.SubFactory(DecisionFactory, sent=True, status=Decision.Status.APPEALED)
    complainant = "Ola Klager"
    received_on = factory.LazyFunction(timezone.localdate)
    registered_by = factory.LazyAttribute(lambda c: c.decision.case.caseworker)
