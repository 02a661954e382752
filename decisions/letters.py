"""The decision letter (enkeltvedtak) as plain data, its standard texts, and the check of
what it lacks. Pure.

The checklist follows fvl. §§ 23–25 and 27 and pbrl. kap. 7 (see the domain reference,
section 5). A letter with anything missing cannot be sent. Every legal reference the
letter cites comes by key from the one table, `cases.legal`; the letter's own wording
(what a service's provisions say, the complaint texts) is here. The texts a draft is
pre-filled with from an assessment are in `prefill`.
"""

from dataclasses import dataclass, field
from datetime import date

from cases import legal
from cases.vocabulary import ServiceKind

COORDINATOR_SERVICES = (ServiceKind.COORDINATOR, ServiceKind.CHILD_COORDINATOR)

OUTCOME_GRANTED = "granted"
OUTCOME_REFUSED = "refused"
OUTCOME_PARTLY_GRANTED = "partly_granted"
GRANTING_OUTCOMES = (OUTCOME_GRANTED, OUTCOME_PARTLY_GRANTED)

COMPLAINT_WEEKS = 4


def reference(key: str) -> str:
    """What the letter cites for `key` (a service, "complaint", ...), from `cases.legal`.

    "pasient- og brukerrettighetsloven § 2-5 b og helse- og omsorgstjenesteloven § 7-2"
    """
    return legal.citation(key, full=True, prose=True)


# What each service's provisions say, as the letter describes them (fvl. § 25).
SERVICE_CONTENT = {
    ServiceKind.COORDINATOR: (
        "Pasienter og brukere med behov for langvarige og koordinerte helse- og "
        "omsorgstjenester har rett til koordinator. Kommunen skal tilby koordinator også "
        "når personen ikke ønsker individuell plan."
    ),
    ServiceKind.CHILD_COORDINATOR: (
        "Foreldre som venter eller har barn under 18 år med alvorlig sykdom, skade eller "
        "nedsatt funksjonsevne, og som vil ha behov for langvarige og sammensatte eller "
        "koordinerte helse- og omsorgstjenester og andre velferdstjenester, har rett til "
        "barnekoordinator."
    ),
    ServiceKind.PLAN: (
        "Pasienter og brukere med behov for langvarige og koordinerte helse- og "
        "omsorgstjenester har rett til å få utarbeidet individuell plan. Planen lages "
        "sammen med deg, og bare når du samtykker."
    ),
}

# Who else helps with a complaint.
OMBUD = "pasient- og brukerombudet"


def service_name(service: str) -> str:
    """The service as a sentence names it: "individuell plan"."""
    return ServiceKind(service).label.lower()


@dataclass(frozen=True)
class Address:
    name: str
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Letter:
    """Everything an enkeltvedtak letter says. Empty text means the part is missing."""

    # 1. Sender, date, case number, parties
    municipality: str
    unit: str
    sender_address: str
    letter_date: date | None
    case_number: str
    addressee: Address | None
    parties: tuple[str, ...]
    concerns: str  # the person the decision is about
    # 2. The decision
    service: str
    outcome: str
    outcome_label: str
    decision_text: str
    children: tuple[str, ...] = ()
    starts_on: date | None = None
    coordinator_text: str = ""
    # 3–5. Rules, facts, reasons
    legal_basis: str = ""
    facts: str = ""
    reasons: str = ""
    # 6. Complaint
    complaint_weeks: int = COMPLAINT_WEEKS
    complaint_runs_from: str = ""
    complaint_to: str = ""
    appeal_body: str = ""
    complaint_form: str = ""
    complaint_help: str = ""
    complaint_reference: str = ""
    # 7–8. Access to documents, postponed implementation
    access_text: str = ""
    postponement_text: str = ""
    # 9. IP gives no extra rights; contact person and signature
    plan_rights_text: str = ""
    contact_name: str = ""
    contact_details: str = ""
    signature: str = ""
    logo: str = field(default="", compare=False)

    @property
    def is_grant(self) -> bool:
        return self.outcome in GRANTING_OUTCOMES

    @property
    def service_name(self) -> str:
        return service_name(self.service) if self.service in ServiceKind.values else ""


def _blank(value) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, tuple):
        return not any(not _blank(v) for v in value)
    return False


def missing_parts(letter: Letter) -> list[str]:
    """Norwegian names of the required parts this letter lacks; empty when complete."""
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
    need(not _blank(letter.outcome_label) and not _blank(letter.decision_text), "vedtaket")
    if letter.is_grant:
        need(letter.starts_on is not None, "startdato")
        if letter.service in COORDINATOR_SERVICES:
            need(not _blank(letter.coordinator_text), "koordinator (navn eller at det oppnevnes)")
        if letter.service == ServiceKind.CHILD_COORDINATOR:
            need(not _blank(letter.children), "barna vedtaket gjelder")
    need(not _blank(letter.legal_basis), "hjemmel (reglene vedtaket bygger på)")
    need(not _blank(letter.facts), "faktiske forhold")
    need(not _blank(letter.reasons), "begrunnelse")
    need(letter.complaint_weeks == COMPLAINT_WEEKS, "klagefrist på fire uker")
    need(not _blank(letter.complaint_runs_from), "når klagefristen begynner å løpe")
    need(not _blank(letter.complaint_to), "hvor klagen skal sendes (koordinerende enhet)")
    need(
        not _blank(letter.appeal_body) and "statsforvalter" in letter.appeal_body.lower(),
        "klageinstans (Statsforvalteren)",
    )
    need(not _blank(letter.complaint_form), "at klagen skal være skriftlig og undertegnet")
    need(not _blank(letter.complaint_reference), "hjemmel for klageretten")
    need(not _blank(letter.access_text), "rett til innsyn i saksdokumentene")
    need(not _blank(letter.postponement_text), "rett til å be om utsatt iverksetting")
    if letter.service == ServiceKind.PLAN:
        need(
            not _blank(letter.plan_rights_text),
            "at individuell plan ikke gir rett til flere tjenester",
        )
    need(not _blank(letter.contact_name) and not _blank(letter.contact_details), "kontaktperson")
    need(not _blank(letter.signature), "underskrift")
    return missing


# --- Standard texts -----------------------------------------------------------------------


def decision_text(*, service: str, outcome: str, concerns: str) -> str:
    name = service_name(service)
    if outcome == OUTCOME_GRANTED:
        return f"{concerns} får {name}."
    if outcome == OUTCOME_PARTLY_GRANTED:
        return f"{concerns} får delvis innvilget {name}, slik det går fram av begrunnelsen."
    return f"{concerns} får ikke {name}."


def coordinator_text(*, service: str, outcome: str, coordinator: str) -> str:
    if service not in COORDINATOR_SERVICES or outcome not in GRANTING_OUTCOMES:
        return ""
    name = service_name(service)
    if coordinator:
        return f"Din {name} er {coordinator}."
    return (
        f"Koordinerende enhet vil oppnevne en {name} så snart som mulig, "
        "og gir deg beskjed om hvem det blir."
    )


def complaint_texts(*, unit: str, municipality: str, address: str, appeal_body: str) -> dict:
    """The standard texts of the complaint section (pbrl. kap. 7, fvl. §§ 18, 19, 32 and 42)."""
    return {
        "complaint_runs_from": "Fristen regnes fra dagen etter at du mottok dette brevet.",
        "complaint_to": f"{unit}, {municipality}, {address}",
        "appeal_body": appeal_body,
        "complaint_form": (
            "Klagen må være skriftlig og undertegnet av deg eller den som har fullmakt til å "
            "klage for deg. Skriv hvilket vedtak du klager på, hva du ønsker endret, og gjerne "
            "hvorfor."
        ),
        "complaint_help": (
            f"Du kan få hjelp til å skrive klagen av {unit.lower()} eller av {OMBUD}."
        ),
        "complaint_reference": reference("complaint"),
        "access_text": (
            "Du har rett til å se dokumentene i saken din, med de unntakene som følger av "
            f"{reference('access')}. Ta kontakt med oss hvis du vil se dem."
        ),
        "postponement_text": (
            "Du kan be om at vedtaket ikke settes i verk før klagefristen har gått ut eller "
            f"klagen er avgjort ({reference('postponement')}). Send i så fall en "
            "begrunnet anmodning til oss."
        ),
    }


PLAN_RIGHTS_TEXT = (
    "En individuell plan gir deg ikke rett til flere eller andre tjenester enn dem du har "
    "rett til etter annet regelverk. Tjenestene i planen må du søke om eller få vedtak om "
    "hver for seg."
)
