"""The saved assessments of a case, each told apart from the one before it.

Two runs a minute apart look identical as "date – caseworker"; each line says what the
run concluded and what differed from the previous run, in words the caseworker used.
"""

from dataclasses import dataclass

from cases.vocabulary import ServiceKind
from eligibility.rules import JUDGEMENTS

OUTCOMES = {
    "eligible": "har rett",
    "not_eligible": "har ikke rett",
    "needs_judgement": "trenger skjønnsvurdering",
    "not_requested": "ikke søkt om",
}


@dataclass(frozen=True)
class HistoryLine:
    assessment: object
    outcomes: str
    changes: list[str]


def _outcome(assessment, kind) -> str:
    return (assessment.result.get(kind) or {}).get("outcome", "not_requested")


def _level(facts: dict) -> str:
    level = facts.get("function_level")
    return str(level) if level else "ikke kartlagt"


def _answer(value: dict | None) -> str:
    if not value:
        return "ikke besvart"
    return "ja" if value.get("answer") else "nei"


def differences(older, newer) -> list[str]:
    """What changed from `older` to `newer`, one short phrase each."""
    changes = []
    for kind in ServiceKind:
        before, after = _outcome(older, kind), _outcome(newer, kind)
        if before != after:
            changes.append(f"{kind.label}: {OUTCOMES[before]} → {OUTCOMES[after]}")
    old_facts, new_facts = older.facts or {}, newer.facts or {}
    if _level(old_facts) != _level(new_facts):
        changes.append(f"funksjonsnivå {_level(old_facts)} → {_level(new_facts)}")
    if bool(old_facts.get("rare_diagnosis")) != bool(new_facts.get("rare_diagnosis")):
        changes.append(
            "sjelden diagnose " + ("lagt til" if new_facts.get("rare_diagnosis") else "fjernet")
        )
    old_services = {s.get("name") for s in old_facts.get("services") or []}
    new_services = {s.get("name") for s in new_facts.get("services") or []}
    for name in sorted(new_services - old_services):
        changes.append(f"tjeneste lagt til: {name}")
    for name in sorted(old_services - new_services):
        changes.append(f"tjeneste fjernet: {name}")
    old_answers, new_answers = older.answers or {}, newer.answers or {}
    for key in sorted(set(old_answers) | set(new_answers)):
        if _answer(old_answers.get(key)) != _answer(new_answers.get(key)) and key in JUDGEMENTS:
            changes.append(
                f"«{JUDGEMENTS[key].question}» {_answer(old_answers.get(key))} → "
                f"{_answer(new_answers.get(key))}"
            )
    return changes


def history_lines(assessments) -> list[HistoryLine]:
    """Newest first, as given; the oldest has nothing to compare with."""
    assessments = list(assessments)
    lines = []
    for i, assessment in enumerate(assessments):
        outcomes = ", ".join(
            f"{kind.label.lower()}: {OUTCOMES[_outcome(assessment, kind)]}"
            for kind in ServiceKind
            if _outcome(assessment, kind) != "not_requested"
        )
        older = assessments[i + 1] if i + 1 < len(assessments) else None
        changes = differences(older, assessment) if older is not None else []
        if older is not None and not changes:
            changes = ["ingen endring i grunnlag eller resultat"]
        lines.append(HistoryLine(assessment, outcomes, changes))
    return lines
