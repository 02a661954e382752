"""What a decision letter lacks or gets wrong; a letter with anything on the list cannot be
sent. Pure.

The checklist follows fvl. §§ 23–25 and 27 and pbrl. kap. 7 (the domain reference,
section 5). Beyond the parts that must be there, the reasons must carry the judgement
that was made, not only its conclusion, and must not say the opposite of the outcome.
"""

import re

from cases.vocabulary import ServiceKind
from decisions.letters import (
    COMPLAINT_WEEKS,
    COORDINATOR_SERVICES,
    OUTCOME_GRANTED,
    OUTCOME_REFUSED,
    Letter,
    ServiceDecision,
)


def _blank(value) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, tuple):
        return not any(not _blank(v) for v in value)
    return False


def _folded(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip().lower()


# "Vilkårene for koordinator er oppfylt", "alle vilkårene er oppfylt": says every condition
# is met. "er ikke oppfylt" does not match: "er" must be followed by "oppfylt".
_ALL_MET = re.compile(r"\bvilkårene\b[^.\n]*?\ber\s+oppfylt\b", re.IGNORECASE)
_NOT_MET = re.compile(
    r"\bikke\s+(?:er\s+)?oppfylt\b|\boppfyller\s+ikke\b|\boppfylles\s+ikke\b", re.IGNORECASE
)


def says_every_condition_is_met(text: str) -> bool:
    return bool(_ALL_MET.search(text or "")) and not _NOT_MET.search(text or "")


def says_a_condition_is_not_met(section: ServiceDecision) -> bool:
    text = section.reasons or ""
    if _NOT_MET.search(text):
        return True
    folded = _folded(text)
    return any(
        not j.met and j.conclusion and _folded(j.conclusion) in folded for j in section.judgements
    )


def _judgement_problems(section: ServiceDecision) -> list[str]:
    """A refusal (or the refused part) built on a judgement must give its main
    considerations: the reason the caseworker recorded, not only the conclusion."""
    if section.outcome == OUTCOME_GRANTED:
        return []
    where = _folded(f"{section.reasons}\n{section.refused_part}")
    problems = []
    for judgement in section.judgements:
        if judgement.met:
            continue
        conclusion = judgement.conclusion.rstrip(".")
        if not judgement.reason.strip():
            problems.append(
                f"hovedhensynene i skjønnsvurderingen «{conclusion}» (skriv begrunnelsen "
                "for svaret i vurderingen)"
            )
        elif _folded(judgement.reason) not in where:
            problems.append(f"hovedhensynene i skjønnsvurderingen «{conclusion}» i begrunnelsen")
    return problems


def section_problems(section: ServiceDecision) -> list[str]:
    missing: list[str] = []

    def need(condition: bool, name: str) -> None:
        if not condition:
            missing.append(name)

    need(not _blank(section.outcome_label) and not _blank(section.decision_text), "vedtaket")
    if section.is_grant:
        need(section.starts_on is not None, "startdato")
        if section.service in COORDINATOR_SERVICES:
            need(not _blank(section.coordinator_text), "koordinator (navn eller at det oppnevnes)")
        if section.service == ServiceKind.CHILD_COORDINATOR:
            need(not _blank(section.children), "barna vedtaket gjelder")
    need(not _blank(section.legal_basis), "hjemmel (reglene vedtaket bygger på)")
    need(not _blank(section.facts), "faktiske forhold")
    need(not _blank(section.reasons), "begrunnelse")
    if section.is_partly_granted:
        need(not _blank(section.granted_part), "hva som innvilges")
        need(not _blank(section.refused_part), "hva som avslås, og hvorfor")
    if section.service == ServiceKind.PLAN:
        need(
            not _blank(section.plan_rights_text),
            "at individuell plan ikke gir rett til flere tjenester",
        )
    need(
        not section.text_needs_review,
        "en begrunnelse som er lest og rettet etter at utfallet ble endret",
    )
    if section.outcome == OUTCOME_REFUSED and section.every_condition_met:
        missing.append(
            "en grunn til avslaget: vurderingen fant at alle vilkårene er oppfylt (svar på "
            "nytt i vurderingen om et vilkår ikke er oppfylt, med begrunnelse)"
        )
    elif section.outcome == OUTCOME_REFUSED and says_every_condition_is_met(section.reasons):
        missing.append("en begrunnelse som stemmer med utfallet (den sier at vilkårene er oppfylt)")
    if section.outcome == OUTCOME_GRANTED and says_a_condition_is_not_met(section):
        missing.append(
            "en begrunnelse som stemmer med utfallet (den sier at et vilkår ikke er oppfylt)"
        )
    missing += _judgement_problems(section)
    return missing


def missing_parts(letter: Letter) -> list[str]:
    """Norwegian names of the required parts this letter lacks or gets wrong; empty when
    complete. A part of one service's decision is named with its service when the letter
    covers more than one."""
    missing: list[str] = []

    def need(condition: bool, name: str) -> None:
        if not condition:
            missing.append(name)

    need(not _blank(letter.municipality) and not _blank(letter.unit), "avsender")
    need(not _blank(letter.sender_address), "avsenderens adresse")
    need(letter.letter_date is not None, "dato")
    need(not _blank(letter.case_number), "saksnummer")
    need(
        letter.addressee is not None
        and not _blank(letter.addressee.name)
        and not _blank(letter.addressee.lines),
        "mottaker med adresse",
    )
    need(not _blank(letter.parties), "partene i saken")
    need(not _blank(letter.concerns), "hvem vedtaket gjelder")
    need(bool(letter.decisions), "vedtaket")
    several = len(letter.decisions) > 1
    for section in letter.decisions:
        for problem in section_problems(section):
            missing.append(f"{section.service_name}: {problem}" if several else problem)
    need(letter.complaint_weeks == COMPLAINT_WEEKS, "klagefrist på fire uker")
    need(not _blank(letter.complaint_runs_from), "når klagefristen begynner å løpe")
    need(letter.complaint_deadline is not None, "siste dag for å klage")
    need(not _blank(letter.complaint_to), "hvor klagen skal sendes (koordinerende enhet)")
    need(
        not _blank(letter.appeal_body) and "statsforvalter" in letter.appeal_body.lower(),
        "klageinstans (Statsforvalteren)",
    )
    need(not _blank(letter.complaint_form), "at klagen skal være skriftlig og undertegnet")
    need(not _blank(letter.complaint_reference), "hjemmel for klageretten")
    need(not _blank(letter.access_text), "rett til innsyn i saksdokumentene")
    need(not _blank(letter.postponement_text), "rett til å be om utsatt iverksetting")
    need(not _blank(letter.contact_name) and not _blank(letter.contact_details), "kontaktperson")
    need(not _blank(letter.signature), "underskrift")
    return missing
