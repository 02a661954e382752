"""Demo decisions: assessed cases, one of them with a sent grant. Called by seed_demo."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from cases.models import Case
from cases.vocabulary import ServiceKind
from decisions import delivery, drafting
from decisions.models import Decision
from eligibility.facts import parse_facts
from eligibility.models import Assessment
from eligibility.rules import ENGINE_VERSION, assess, assessment_to_dict

ALL_YES = {
    "long_term": True,
    "coordinated": True,
    "current_need": True,
    "serious_condition": True,
    "participation": True,
}


# What a caseworker weighed, as a letter must say it (fvl. § 25): the reasons, not the
# conclusion alone. Worded to fit both demo cases (Ingrid, an adult with mental-health
# services; Noah, 14, with BUP, PPT and special education).
DEMO_REASONS = {
    "long_term": (
        "Behandlerne venter at oppfølgingen vil vare i flere år, og det er ikke ventet at "
        "behovet blir borte av seg selv."
    ),
    "coordinated": (
        "Flere tjenester fra ulike steder må samarbeide om tiltakene, og familien har til nå "
        "måttet samordne dem selv."
    ),
    "current_need": "Tjenestene er i gang nå, og det er bedt om hjelp til å samordne dem.",
    "serious_condition": (
        "Tilstanden gir et stort hjelpebehov i hverdagen hjemme og på skolen, og funksjonsnivået "
        "er kartlagt til 4 (omfattende hjelpebehov)."
    ),
    "participation": "De vil selv være med på å lage planen og delta i møtene.",
}


def _assess(case: Case, by, *, function_level=None) -> Assessment:
    existing = case.assessments.order_by("-created_at").first()
    if existing is not None:
        return existing
    person = case.person
    today = timezone.localdate()
    facts = {
        "assessed_on": today.isoformat(),
        "requested": [kind.value for kind in case.requested_kinds()],
        "person": {
            "born_on": person.born_on.isoformat() if person.born_on else None,
            "expected_on": person.expected_on.isoformat() if person.expected_on else None,
            "stays_in_municipality": True,
        },
        "consent": {"plan": True, "participant_access": True},
        "services": [
            {"name": s.service.name, "category": s.service.category, "status": s.status}
            for s in person.services.select_related("service")
        ],
        "function_level": function_level,
        "judgements": ALL_YES,
    }
    result = assess(parse_facts(facts))
    answers = {
        key: {"answer": True, "reason": DEMO_REASONS[key], "by": by.username} for key in ALL_YES
    }
    return Assessment.objects.create(
        case=case,
        assessed_on=today,
        facts=facts,
        answers=answers,
        result=assessment_to_dict(result),
        engine_version=ENGINE_VERSION,
        created_by=by,
    )


def seed() -> None:
    sara = get_user_model().objects.get(username="saksbehandler")
    cases = {
        c.person.family_name: c
        for c in Case.objects.filter(
            person__family_name__in=["Demo-Olsen", "Demo-Nilsen"]
        ).select_related("person")
    }

    # Assessed and ready for a decision: the decisions browser test drafts from it. Ola
    # Demo-Berg is left unassessed for the assessment browser test.
    if "Demo-Nilsen" in cases:
        _assess(cases["Demo-Nilsen"], sara)

    # Assessed, granted and sent: a barnekoordinator for Noah's family.
    noah = cases.get("Demo-Olsen")
    if noah is None or Decision.objects.filter(case=noah).exists():
        return
    _assess(noah, sara, function_level=4)
    decision = drafting.decision_draft(case=noah, service=ServiceKind.CHILD_COORDINATOR, by=sara)
    # The dispatch task renders the letters and sends them (through SvarUt, or to the
    # local outbox in development) once this commits.
    delivery.decision_send(decision=decision, by=sara)
