"""Running the engine on a case: facts from the ORM, rules from rules.py, a stored snapshot."""

import datetime

from django.db import transaction
from django.utils import timezone

from cases.models import Case, Residence, TimelineEntry
from cases.services import timeline_add
from cases.vocabulary import ServiceKind
from core.errors import RuleViolation
from eligibility.facts import JUDGEMENT_KEYS, FactsError, parse_facts
from eligibility.models import Assessment
from eligibility.rules import ENGINE_VERSION, assess, assessment_to_dict

# Inputs the caseworker gives on the assessment form; carried to the next snapshot.
CASEWORKER_INPUTS = ("function_level", "rare_diagnosis")


def case_facts(
    case: Case,
    *,
    assessed_on: datetime.date,
    function_level: int | None = None,
    rare_diagnosis: bool = False,
    judgements: dict | None = None,
) -> dict:
    """The case as the engine's facts JSON (the field names are fixed; see eligibility/README)."""
    person = case.person
    consents = [c for c in case.consents.all() if c.in_force]
    return {
        "assessed_on": assessed_on.isoformat(),
        "requested": [kind.value for kind in case.requested_kinds()],
        "person": {
            "born_on": person.born_on.isoformat() if person.born_on else None,
            "expected_on": person.expected_on.isoformat() if person.expected_on else None,
            "stays_in_municipality": Residence(person.residence).is_in_municipality,
        },
        "consent": {
            "plan": True if any(c.covers_plan for c in consents) else None,
            "participant_access": True if any(c.covers_sharing for c in consents) else None,
        },
        "services": [
            {"name": s.service.name, "category": s.service.category, "status": s.status}
            for s in person.services.select_related("service").order_by("service__name")
        ],
        "function_level": function_level,
        "rare_diagnosis": rare_diagnosis,
        "judgements": dict(judgements or {}),
    }


def _comparable(facts: dict) -> dict:
    """What can change under an assessment: everything but the date and the answers."""
    return {k: v for k, v in facts.items() if k not in ("assessed_on", "judgements")}


def assessment_is_outdated(assessment: Assessment, case: Case) -> bool:
    current = case_facts(
        case,
        assessed_on=assessment.assessed_on,
        function_level=assessment.facts.get("function_level"),
        rare_diagnosis=assessment.facts.get("rare_diagnosis", False),
    )
    return _comparable(current) != _comparable(assessment.facts)


@transaction.atomic
def assessment_run(
    *,
    case: Case,
    by,
    function_level: int | None = None,
    rare_diagnosis: bool = False,
    answers: dict | None = None,
    assessed_on: datetime.date | None = None,
) -> Assessment:
    """Assess the case as it is now and store the snapshot.

    `answers` maps a judgement key to {"answer": bool, "reason": str, "by": str, "at": str}.
    """
    if case.status != Case.Status.UNDER_ASSESSMENT:
        raise RuleViolation(
            f"Saken kan bare vurderes med status «{Case.Status.UNDER_ASSESSMENT.label}»; "
            f"den har status «{case.get_status_display()}»."
        )
    answers = dict(answers or {})
    facts_json = case_facts(
        case,
        assessed_on=assessed_on or timezone.localdate(),
        function_level=function_level,
        rare_diagnosis=rare_diagnosis,
        judgements={key: value["answer"] for key, value in answers.items()},
    )
    try:
        facts = parse_facts(facts_json)
    except FactsError as error:
        raise RuleViolation(error.errors) from error
    result = assessment_to_dict(assess(facts))
    assessment = Assessment.objects.create(
        case=case,
        assessed_on=facts.assessed_on,
        facts=facts_json,
        answers=answers,
        result=result,
        engine_version=ENGINE_VERSION,
        created_by=by,
    )
    # The journal is read by people: the service's name, not its stored value.
    outcomes = ", ".join(
        f"{kind.label}: {OUTCOME_LABELS[result[kind.value]['outcome']].lower()}"
        for kind in ServiceKind
        if result[kind.value]["outcome"] != "not_requested"
    )
    timeline_add(
        case=case,
        kind=TimelineEntry.Kind.SYSTEM,
        text=f"Vurdering lagret ({outcomes}).",
        by=by,
    )
    return assessment


def assessment_answer(*, case: Case, by, key: str, answer: bool, reason: str) -> Assessment:
    """Answer one open question: a new snapshot with the answer, who and when."""
    return assessment_answer_all(case=case, by=by, answers={key: (answer, reason)})


def assessment_answer_all(*, case: Case, by, answers: dict[str, tuple[bool, str]]) -> Assessment:
    """Answer open questions together (key -> (answer, reason)): one new snapshot with
    every answer, who and when, so one save is one step in the history."""
    if not answers:
        raise RuleViolation("Svar på minst ett av spørsmålene.")
    for key, (_answer, reason) in answers.items():
        if key not in JUDGEMENT_KEYS:
            raise RuleViolation("Ukjent spørsmål.")
        if not reason.strip():
            raise RuleViolation("Skriv en kort begrunnelse for svaret.")
    latest = case.assessments.order_by("-created_at", "-id").first()
    if latest is None:
        raise RuleViolation("Kjør en vurdering før du svarer på spørsmålene.")
    given = {
        "by": by.get_full_name() or by.get_username(),
        "at": timezone.now().isoformat(timespec="seconds"),
    }
    return assessment_run(
        case=case,
        by=by,
        function_level=latest.facts.get("function_level"),
        rare_diagnosis=latest.facts.get("rare_diagnosis", False),
        answers={
            **latest.answers,
            **{
                key: {"answer": answer, "reason": reason.strip(), **given}
                for key, (answer, reason) in answers.items()
            },
        },
    )


OUTCOME_LABELS = {
    "eligible": "Har rett",
    "not_eligible": "Har ikke rett",
    "needs_judgement": "Trenger skjønnsvurdering",
    "not_requested": "Ikke søkt om",
}
