"""The texts of a draft decision, pre-filled from an assessment's findings. Pure.

The caseworker edits them before the letter is sent. They change when the eligibility
engine's findings change; the letter's checklist and standard texts are in `letters`.
"""

import re

from cases import legal
from core.text import join_with_og
from decisions.letters import (
    GRANTING_OUTCOMES,
    OUTCOME_GRANTED,
    OUTCOME_REFUSED,
    SERVICE_CONTENT,
    reference,
    service_name,
)

# The general conditions (C4 langvarig, C5 koordinert) cite every service's provision; a
# letter cites only the provisions of its own service (cases.legal.CITATIONS[service]).
GENERAL_CONDITIONS = ("C4", "C5")
# Findings that count the person's services; the letter names the services instead.
SERVICE_COUNTS = ("K1", "I1", "B4")
# Discretionary findings (by code, with the key their answer is recorded under in
# Assessment.answers): with met None they are open questions, not facts.
JUDGEMENT_KEYS = {
    "C4": "long_term",
    "C5": "coordinated",
    "K2": "current_need",
    "I5": "current_need",
    "B2": "serious_condition",
    "I3": "participation",
}
JUDGEMENT_CODES = tuple(JUDGEMENT_KEYS)

HEALTH_AND_CARE = ("municipal_health_care", "specialist_health_care", "mental_health_care")
WELFARE = "welfare"


def _finding_references(finding: dict, service: str) -> list[legal.Provision]:
    if finding.get("code") in GENERAL_CONDITIONS:
        return list(legal.CITATIONS[service])
    return legal.parse(finding.get("legal_basis") or "")


def _service_name(name: str) -> str:
    """'Hjemmesykepleie' reads 'hjemmesykepleie' mid-sentence; 'HABU' stays as it is."""
    name = name.strip()
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        return name[0].lower() + name[1:]
    return name


def _names(services: list[dict], *, categories, statuses) -> list[str]:
    names = []
    for s in services:
        if s.get("category") in categories and s.get("status") in statuses:
            name = _service_name(s.get("name") or "")
            if name and name not in names:
                names.append(name)
    return names


def services_sentence(services: list[dict], *, subject: str = "Du") -> str:
    """The person's services in plain Norwegian, from the assessment's stored facts.

    "Du mottar hjemmesykepleie og fysioterapi, og har søkt om avlastning."
    """
    every = (*HEALTH_AND_CARE, WELFARE)
    received = _names(services, categories=every, statuses={"received"})
    applied = _names(services, categories=every, statuses={"applied"})
    expected = _names(services, categories=every, statuses={"expected"})
    parts = []
    if received:
        parts.append(f"mottar {join_with_og(received)}")
    if applied:
        parts.append(f"har søkt om {join_with_og(applied)}")
    if expected:
        parts.append(f"ventes å trenge {join_with_og(expected)}")
    if not parts:
        return f"{subject} mottar ingen tjenester og har ikke søkt om noen."
    if len(parts) == 1:
        return f"{subject} {parts[0]}."
    return f"{subject} {', '.join(parts[:-1])}, og {parts[-1]}."


_NUMBERS = {0: "ingen", 1: "én", 2: "to", 3: "tre", 4: "fire", 5: "fem", 6: "seks"}


def _count_reason(finding: dict, services: list[dict], subject: str) -> str | None:
    """The condition a service-count finding checks, said with the services' names.

    None when the named services do not bear out the finding (the engine counts rows, so
    two services of one name count twice): the engine's own text is used then.
    """
    met = finding.get("met")
    if finding.get("code") == "B4":
        every = {"received", "applied", "expected"}
        health = _names(services, categories=HEALTH_AND_CARE, statuses=every)
        welfare = _names(services, categories={WELFARE}, statuses=every)
        if bool(health and welfare) != met:
            return None
        if met:
            return (
                f"{subject} har både helse- og omsorgstjenester ({join_with_og(health)}) og andre "
                f"velferdstjenester ({join_with_og(welfare)})."
            )
        return (
            f"{subject} må ha både helse- og omsorgstjenester og andre velferdstjenester. "
            f"Helse- og omsorgstjenester: {join_with_og(health) or 'ingen'}. "
            f"Andre velferdstjenester: {join_with_og(welfare) or 'ingen'}."
        )
    health = _names(services, categories=HEALTH_AND_CARE, statuses={"received", "applied"})
    if (len(health) >= 2) != met:
        return None
    count = _NUMBERS.get(len(health), str(len(health)))
    listed = f" ({join_with_og(health)})" if health else ""
    if met:
        return (
            f"{subject} mottar eller har søkt om {count} helse- og omsorgstjenester{listed}. "
            "Det kreves minst to."
        )
    rule = (
        "Det kreves minst to. Andre velferdstjenester og tjenester som bare ventes, "
        "teller ikke med."
    )
    if not health:
        return f"{subject} mottar ingen helse- og omsorgstjenester og har ikke søkt om noen. {rule}"
    noun = "helse- og omsorgstjeneste" if len(health) == 1 else "helse- og omsorgstjenester"
    return f"{subject} mottar eller har søkt om {count} {noun}{listed}. {rule}"


_KPR_PLAIN = {
    1: "Så lite hjelpebehov taler normalt ikke for at tilstanden er alvorlig.",
    2: "Så lite hjelpebehov taler normalt ikke for at tilstanden er alvorlig.",
    3: "Et middels til stort hjelpebehov kan tale for at tilstanden er alvorlig.",
    4: "Et så omfattende hjelpebehov taler vanligvis for at tilstanden er alvorlig.",
    5: "Et så omfattende hjelpebehov taler vanligvis for at tilstanden er alvorlig.",
}


def function_level_sentence(level: int | None, subject: str) -> str:
    """The KPR/IPLOS level in words a family reads without knowing the register."""
    if level not in _KPR_PLAIN:
        return ""
    whose = "Ditt" if subject == "Du" else f"{subject}s"
    return (
        f"{whose} funksjonsnivå er kartlagt til {level} på en skala fra 1 (ingen problemer) "
        "til 5 (trenger full hjelp). Skalaen er den samme som kommunen bruker når den "
        "melder til Kommunalt pasient- og brukerregister (KPR). "
        f"{_KPR_PLAIN[level]}"
    )


def in_voice(text: str, subject: str) -> str:
    """An engine finding written about "personen", said to or about the reader instead."""
    reflexive = "deg" if subject == "Du" else "seg"
    # An unborn child lives where the family does.
    who = "Familien" if subject == "Barnet" else subject
    text = text.replace(
        "Personen bor eller oppholder seg", f"{who} bor eller oppholder {reflexive}"
    )
    text = text.replace("og/eller pårørende", "eller de nærmeste")
    text = re.sub(r"\bPersonen\b", subject, text)
    mid_sentence = subject.lower() if subject in ("Du", "Barnet") else subject
    return re.sub(r"\bpersonen\b", mid_sentence, text)


def _letter_fact(finding: dict, subject: str, function_level: int | None) -> str:
    code, text = finding.get("code"), finding.get("text") or ""
    if code == "B3":
        return function_level_sentence(function_level, subject)
    if code == "B9":
        first = text.split(". ")[0].rstrip(".")
        return f"{first}. Retten til barnekoordinator varer til barnet fyller 18 år."
    return in_voice(text, subject)


def _recorded_reason(finding: dict, answers: dict) -> str:
    """What the caseworker weighed for this judgement (fvl. § 25 third sentence)."""
    answer = answers.get(JUDGEMENT_KEYS.get(finding.get("code"), ""))
    return (answer.get("reason") or "").strip() if isinstance(answer, dict) else ""


def _with_reference(text: str, citation: str) -> str:
    """'Bor i kommunen.' + 'hol. § 3-1' -> 'Bor i kommunen (hol. § 3-1).'"""
    if not citation:
        return text
    text = text.rstrip()
    if text.endswith("."):
        return f"{text[:-1]} ({citation})."
    return f"{text} ({citation})"


def draft_texts(
    *,
    service: str,
    outcome: str,
    findings: list[dict],
    services: list[dict] | None = None,
    answers: dict | None = None,
    subject: str = "Du",
    function_level: int | None = None,
) -> dict[str, str]:
    """Legal basis, facts and reasons pre-filled from an assessment's findings for a service.

    `findings` is the stored list of {code, met, text, legal_basis}; `services` the
    assessment's stored facts["services"] ({name, category, status}); `answers` the
    caseworker's recorded judgements ({key: {answer, reason}}), whose reasons go into the
    reasons beside each conclusion. `subject` is who the facts are about, as the letter
    says it: "Du" to an adult, the child's name to the parents. The caseworker edits the
    result before sending. Each reference is cited once, and the general conditions cite
    only the provision of the service decided.
    """
    answers = answers or {}
    own = set(legal.CITATIONS[service])
    others = [ref for f in findings for ref in _finding_references(f, service) if ref not in own]
    legal_basis = f"Vedtaket er fattet etter {reference(service)}. {SERVICE_CONTENT[service]}"
    if others:
        legal_basis += f" Vurderingen bygger også på {legal.cite(others, full=True)}."

    def text(finding: dict) -> str:
        if services is not None and finding.get("code") in SERVICE_COUNTS:
            return _count_reason(finding, services, subject) or finding.get("text") or ""
        return in_voice(finding.get("text") or "", subject)

    facts: list[str] = []
    if services is not None and any(f.get("code") in SERVICE_COUNTS for f in findings):
        facts.append(services_sentence(services, subject=subject))
    for finding in findings:
        if services is not None and finding.get("code") in SERVICE_COUNTS:
            continue
        if finding.get("code") in JUDGEMENT_CODES:
            continue  # a judgement, given with its reasons below; unanswered, no fact
        line = _letter_fact(finding, subject, function_level)
        if line and line not in facts:
            facts.append(line)

    name = service_name(service)
    granted = outcome in GRANTING_OUTCOMES

    def lines_for(chosen: list[dict]) -> list[str]:
        lines: list[str] = []
        for finding in chosen:
            # The legal basis already cites the service's own provision; a line cites the rest.
            extra = [ref for ref in _finding_references(finding, service) if ref not in own]
            # By the laws' full titles: the reader is a family, not a lawyer.
            line = _with_reference(text(finding), legal.cite(extra, full=True, prose=True))
            reason = (
                _recorded_reason(finding, answers) if finding.get("code") in JUDGEMENT_CODES else ""
            )
            if reason:
                # The conclusion, then the considerations, word for word as recorded.
                line = f"{line} Dette har vi lagt vekt på: {reason}"
            if line and f"– {line}" not in lines:
                lines.append(f"– {line}")
        return lines

    lines = [f"Vilkårene for {name} er {'oppfylt' if granted else 'ikke oppfylt'}:"]
    lines += lines_for([f for f in findings if f.get("met") is granted])
    if not granted:
        weighed = [f for f in findings if f.get("met") is True and f.get("code") in JUDGEMENT_CODES]
        if weighed:
            lines += ["", "Vi har også vurdert:", *lines_for(weighed)]
    return {
        "legal_basis": legal_basis,
        "facts": "\n".join(f"– {line}" for line in facts),
        "reasons": "\n".join(lines),
    }


def outcome_from_assessment(assessment_outcome: str) -> str | None:
    """The decision outcome an assessment outcome suggests; None when it suggests nothing."""
    return {"eligible": OUTCOME_GRANTED, "not_eligible": OUTCOME_REFUSED}.get(assessment_outcome)
