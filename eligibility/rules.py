"""The eligibility rules for koordinator, barnekoordinator and individuell plan.

Pure functions over `Facts`: no database, no models; from Django only the ServiceKind
choices. Hard rules (H in the domain reference) are decided here; discretionary ones (D)
become questions for the caseworker until their answers are recorded in
`Facts.judgements`. Each finding and question cites its rule's legal basis from the one
table, `cases.legal`.

Outcome per service:
1. a failed hard rule gives NOT_ELIGIBLE, whatever is still unanswered;
2. otherwise an unanswered judgement gives NEEDS_JUDGEMENT;
3. otherwise the answers decide: any "no" gives NOT_ELIGIBLE, else ELIGIBLE.
A service nobody asked for is NOT_REQUESTED, but its findings are still shown.
"""

from dataclasses import dataclass
from datetime import MAXYEAR, date
from enum import StrEnum

from cases import legal
from cases.vocabulary import ServiceKind
from core.dates import add_years
from eligibility.facts import HEALTH_AND_CARE, Category, Facts, ServiceStatus

ENGINE_VERSION = "1.0"

HANDOVER_WARNING_DAYS = 90


class Outcome(StrEnum):
    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    NEEDS_JUDGEMENT = "needs_judgement"
    NOT_REQUESTED = "not_requested"


@dataclass(frozen=True)
class Finding:
    code: str
    met: bool | None  # None: informational, or a judgement not yet answered
    text: str
    legal_basis: str


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    guidance: str
    legal_basis: str


@dataclass(frozen=True)
class ServiceResult:
    outcome: Outcome
    findings: tuple[Finding, ...]
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Assessment:
    koordinator: ServiceResult
    barnekoordinator: ServiceResult
    individuell_plan: ServiceResult
    engine_version: str = ENGINE_VERSION

    def __getitem__(self, kind: ServiceKind | str) -> ServiceResult:
        return getattr(self, ServiceKind(kind).value)


@dataclass(frozen=True)
class _Judgement:
    code: str
    question: str
    yes: str
    no: str
    guidance: str


JUDGEMENTS = {
    "long_term": _Judgement(
        "C4",
        "Er behovet for tjenester langvarig?",
        "Behovet er vurdert som langvarig.",
        "Behovet er vurdert som ikke langvarig.",
        "Langvarig betyr at behovet varer en tid; det trenger ikke være varig. "
        "Vurder opp mot prognosen.",
    ),
    "coordinated": _Judgement(
        "C5",
        "Må tjenestene ses i sammenheng, slik at tjenesteyterne må samarbeide?",
        "Behovet er vurdert som koordinert.",
        "Behovet er vurdert som ikke koordinert.",
        "Koordinert betyr at tjenestene må ses i sammenheng og at tjenesteyterne må samarbeide. "
        "Diagnose er verken nødvendig eller tilstrekkelig.",
    ),
    "current_need": _Judgement(
        "K2",
        "Er behovet for langvarige og koordinerte tjenester reelt og aktuelt nå?",
        "Behovet for langvarige og koordinerte tjenester er reelt og aktuelt nå.",
        "Behovet for langvarige og koordinerte tjenester er ikke reelt og aktuelt nå.",
        "Et behov som kan komme senere, eller som er dekket uten samordning, er ikke et "
        "aktuelt behov. Det er ingen alders- eller alvorlighetsgrense. "
        "Koordinator tilbys også når individuell plan ikke er ønsket.",
    ),
    "serious_condition": _Judgement(
        "B2",
        "Har barnet alvorlig sykdom, skade eller nedsatt funksjonsevne?",
        "Barnet er vurdert å ha alvorlig sykdom, skade eller nedsatt funksjonsevne.",
        "Barnet er vurdert ikke å ha alvorlig sykdom, skade eller nedsatt funksjonsevne.",
        "Diagnose er ikke nødvendig. Vektlegg virkningen på helse og hjelpebehov, risiko for "
        "funksjonstap eller redusert mestring, funksjonsnedsettelse, progresjon, smerter og "
        "redusert levetid, og risiko for tap av kroppsfunksjoner eller sanser.",
    ),
    "participation": _Judgement(
        "I3",
        "Deltar personen og/eller pårørende i arbeidet med planen?",
        "Personen og/eller pårørende deltar i arbeidet med planen.",
        "Personen og/eller pårørende deltar ikke i arbeidet med planen.",
        "Planen skal utarbeides sammen med personen og/eller pårørende.",
    ),
}

# The same judgement is one rule for each service it belongs to: the individual plan
# cites its own provisions for the real-and-current-need judgement (I5).
_CODE_FOR_SERVICE = {(ServiceKind.PLAN, "current_need"): "I5"}

_FUNCTION_LEVEL_GUIDANCE = {
    1: "taler normalt ikke for alvorlig tilstand",
    2: "taler normalt ikke for alvorlig tilstand",
    3: "(middels til stort) kan tale for alvorlig tilstand",
    4: "(omfattende) taler vanligvis for alvorlig tilstand",
    5: "(omfattende) taler vanligvis for alvorlig tilstand",
}


def _finding(code: str, met: bool | None, text: str) -> Finding:
    return Finding(code=code, met=met, text=text, legal_basis=legal.citation(code))


def _fmt(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def _count(facts: Facts, categories, statuses) -> int:
    return sum(1 for s in facts.services if s.category in categories and s.status in statuses)


def eighteenth_birthday(born_on: date) -> date | None:
    """The day a person turns 18; 1 March for 29 February births in non-leap years.

    None if that day is past the calendar's end, i.e. never within reach.
    """
    if born_on.year + 18 > MAXYEAR:
        return None
    return add_years(born_on, 18)


def _residence(facts: Facts) -> Finding:
    if facts.person.stays_in_municipality:
        return _finding("C1", True, "Personen bor eller oppholder seg i kommunen.")
    return _finding(
        "C1",
        False,
        "Personen bor eller oppholder seg ikke i kommunen. Henvis til koordinerende enhet "
        "i bostedskommunen.",
    )


def _current_health_services(facts: Facts, code: str) -> Finding:
    count = _count(facts, HEALTH_AND_CARE, {ServiceStatus.RECEIVED, ServiceStatus.APPLIED})
    return _finding(
        code,
        count >= 2,
        f"{count} helse- og omsorgstjeneste(r) mottatt eller søkt; minst 2 kreves. "
        "Andre velferdstjenester og forventede tjenester teller ikke.",
    )


def _child(facts: Facts) -> Finding:
    born_on, expected_on = facts.person.born_on, facts.person.expected_on
    if born_on is None and expected_on is not None:
        return _finding("B6", True, f"Familien venter barn (termin {_fmt(expected_on)}).")
    if born_on is None:
        return _finding("B1", False, "Verken fødselsdato eller termin er registrert.")
    adult_on = eighteenth_birthday(born_on)
    if adult_on is not None and adult_on <= facts.assessed_on:
        return _finding("B1", False, f"Personen fylte 18 år {_fmt(adult_on)}.")
    return _finding("B1", True, "Barnet er under 18 år.")


def _turning_18_soon(facts: Facts) -> list[Finding]:
    if facts.person.born_on is None:
        return []
    adult_on = eighteenth_birthday(facts.person.born_on)
    if adult_on is None or not 0 < (adult_on - facts.assessed_on).days <= HANDOVER_WARNING_DAYS:
        return []
    text = (
        f"Barnet fyller 18 år {_fmt(adult_on)}. Barnekoordinator opphører da; "
        "forbered overgang til ordinær koordinator."
    )
    return [_finding("B9", None, text)]


def _health_and_welfare(facts: Facts) -> Finding:
    health = _count(facts, HEALTH_AND_CARE, set(ServiceStatus))
    welfare = _count(facts, {Category.WELFARE}, set(ServiceStatus))
    return _finding(
        "B4",
        health >= 1 and welfare >= 1,
        f"{health} helse- og omsorgstjeneste(r) og {welfare} annen/andre velferdstjeneste(r); "
        "minst én av hver kreves. Forventede tjenester teller med.",
    )


def _function_level(facts: Facts) -> str:
    if facts.function_level is None:
        return "Funksjonsnivå (KPR) er ikke registrert."
    level = facts.function_level
    return f"Funksjonsnivå (KPR) {level} {_FUNCTION_LEVEL_GUIDANCE[level]}."


def _serious_condition_context(facts: Facts) -> list[Finding]:
    findings = [_finding("B3", None, _function_level(facts))]
    if facts.rare_diagnosis:
        findings.append(
            _finding("B7", None, "Sjelden diagnose er registrert; det er ett moment i vurderingen.")
        )
    return findings


def _serious_condition_guidance(facts: Facts) -> str:
    parts = [
        JUDGEMENTS["serious_condition"].guidance,
        "Funksjonsnivå (KPR) 4–5 taler vanligvis for alvorlig tilstand, 3 noen ganger, "
        "1–2 normalt ikke. For ufødte og svært små barn vurderes forventet funksjonsnivå.",
        _function_level(facts),
        "At en diagnose med stor funksjonsnedsettelse er sjelden, er ett moment.",
    ]
    if facts.rare_diagnosis:
        parts.append("Sjelden diagnose er registrert.")
    return " ".join(parts)


def _consent(facts: Facts) -> Finding:
    plan = {
        True: "Samtykke til individuell plan er registrert.",
        False: "Personen har ikke samtykket til individuell plan.",
        None: "Samtykke til individuell plan er ikke registrert.",
    }[facts.consent.plan]
    access = {
        True: "Samtykke til deltakernes innsyn i taushetsbelagte opplysninger er registrert.",
        False: "Personen har ikke samtykket til at deltakerne får innsyn i taushetsbelagte "
        "opplysninger.",
        None: "Samtykke til innsyn må innhentes for hver deltaker.",
    }[facts.consent.participant_access]
    return _finding("I2", facts.consent.plan is True, f"{plan} {access}")


def _municipality_makes_the_plan(facts: Facts) -> list[Finding]:
    current = {ServiceStatus.RECEIVED, ServiceStatus.APPLIED}
    municipal = _count(facts, {Category.MUNICIPAL_HEALTH_CARE}, current)
    specialist = _count(
        facts, {Category.SPECIALIST_HEALTH_CARE, Category.MENTAL_HEALTH_CARE}, current
    )
    if not (municipal and specialist):
        return []
    text = (
        "Personen har både kommunale helse- og omsorgstjenester og spesialisthelsetjenester. "
        "Kommunen skal sørge for at planen blir utarbeidet og koordinert; "
        "spesialisthelsetjenesten skal delta."
    )
    return [_finding("I4", None, text)]


def _result(
    facts: Facts,
    kind: ServiceKind,
    hard: list[Finding],
    judgement_keys: list[str],
    context: list[Finding],
) -> ServiceResult:
    answered: list[Finding] = []
    questions: list[Question] = []
    for key in judgement_keys:
        judgement = JUDGEMENTS[key]
        code = _CODE_FOR_SERVICE.get((kind, key), judgement.code)
        answer = getattr(facts.judgements, key)
        if answer is None:
            text, guidance = f"Ikke vurdert: {judgement.question}", judgement.guidance
            if key == "serious_condition":
                guidance = _serious_condition_guidance(facts)
            questions.append(Question(key, judgement.question, guidance, legal.citation(code)))
        else:
            text = judgement.yes if answer else judgement.no
        answered.append(_finding(code, answer, text))

    if any(f.met is False for f in hard):
        outcome = Outcome.NOT_ELIGIBLE
    elif questions:
        outcome = Outcome.NEEDS_JUDGEMENT
    elif any(f.met is False for f in answered):
        outcome = Outcome.NOT_ELIGIBLE
    else:
        outcome = Outcome.ELIGIBLE
    if kind not in facts.requested:
        outcome = Outcome.NOT_REQUESTED
    return ServiceResult(outcome, tuple(hard + answered + context), tuple(questions))


def assess(facts: Facts) -> Assessment:
    residence = _residence(facts)
    return Assessment(
        koordinator=_result(
            facts,
            ServiceKind.COORDINATOR,
            hard=[residence, _current_health_services(facts, "K1")],
            judgement_keys=["long_term", "coordinated", "current_need"],
            context=[],
        ),
        barnekoordinator=_result(
            facts,
            ServiceKind.CHILD_COORDINATOR,
            hard=[residence, _child(facts), _health_and_welfare(facts)],
            judgement_keys=["long_term", "coordinated", "serious_condition"],
            context=_turning_18_soon(facts) + _serious_condition_context(facts),
        ),
        individuell_plan=_result(
            facts,
            ServiceKind.PLAN,
            hard=[residence, _current_health_services(facts, "I1"), _consent(facts)],
            judgement_keys=["long_term", "coordinated", "current_need", "participation"],
            context=_municipality_makes_the_plan(facts),
        ),
    )


def _result_to_dict(result: ServiceResult) -> dict:
    return {
        "outcome": result.outcome.value,
        "findings": [
            {"code": f.code, "met": f.met, "text": f.text, "legal_basis": f.legal_basis}
            for f in result.findings
        ],
        "questions": [
            {"key": q.key, "text": q.text, "guidance": q.guidance, "legal_basis": q.legal_basis}
            for q in result.questions
        ],
    }


def assessment_to_dict(assessment: Assessment) -> dict:
    return {
        "engine_version": assessment.engine_version,
        **{kind.value: _result_to_dict(assessment[kind]) for kind in ServiceKind},
    }
