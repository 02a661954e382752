"""The decision letter (enkeltvedtak) as plain data, and its standard texts. Pure.

One letter goes to each recipient and covers every service decided together in the case
(one `ServiceDecision` each: outcome, legal basis, facts and reasons per service). The
checklist it is held to (fvl. §§ 23–25 and 27 and pbrl. kap. 7; see the domain reference,
section 5) is in `letter_checks`. Every legal reference comes by key from the one table,
`cases.legal`; the letter's own wording is here. The texts a draft is pre-filled with from
an assessment are in `prefill`.
"""

from dataclasses import dataclass, field
from datetime import date

from cases import legal
from cases.vocabulary import ServiceKind
from core.text import in_text, join_with_og

COORDINATOR_SERVICES = (ServiceKind.COORDINATOR, ServiceKind.CHILD_COORDINATOR)

OUTCOME_GRANTED = "granted"
OUTCOME_REFUSED = "refused"
OUTCOME_PARTLY_GRANTED = "partly_granted"
GRANTING_OUTCOMES = (OUTCOME_GRANTED, OUTCOME_PARTLY_GRANTED)

COMPLAINT_WEEKS = 4

WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
MONTHS = (
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
)


def long_date(day: date) -> str:
    """'tirsdag 22. april 2025': a deadline no one can misread."""
    return f"{WEEKDAYS[day.weekday()]} {day.day}. {MONTHS[day.month - 1]} {day.year}"


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
        "når det ikke er ønskelig med individuell plan."
    ),
    ServiceKind.CHILD_COORDINATOR: (
        "Foreldre som venter eller har barn under 18 år med alvorlig sykdom, skade eller "
        "nedsatt funksjonsevne, og som vil ha behov for langvarige og sammensatte eller "
        "koordinerte helse- og omsorgstjenester og andre velferdstjenester, har rett til "
        "barnekoordinator. Retten er foreldrenes."
    ),
    ServiceKind.PLAN: (
        "Pasienter og brukere med behov for langvarige og koordinerte helse- og "
        "omsorgstjenester har rett til å få utarbeidet individuell plan. Planen lages "
        "sammen med den planen gjelder, og bare med samtykke."
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
class Voice:
    """Who the letter speaks to, and how it names the one the decision is about.

    `you` is "du" or "dere" (two or more parents of a child under 16 share the letter's
    subject, though each gets their own letter). `child` is empty when the reader is the
    one the decision is about; otherwise "barnet deres, Noah" or "barnet dere venter".
    """

    you: str = "du"
    child: str = ""
    is_family_reader: bool = False  # a 16–17-year-old reading about the family's right

    @property
    def you_object(self) -> str:
        return "deg" if self.you == "du" else "dere"

    @property
    def your(self) -> str:
        return "din" if self.you == "du" else "deres"


@dataclass(frozen=True)
class Judgement:
    """A discretionary finding the decision rests on, and the caseworker's recorded reason:
    the main considerations the letter must carry (fvl. § 25 third sentence)."""

    code: str
    met: bool
    conclusion: str  # "Behovet er vurdert som ikke langvarig."
    reason: str = ""  # what the caseworker weighed, as recorded in the assessment


@dataclass(frozen=True)
class ServiceDecision:
    """What the letter says about one service. Empty text means the part is missing."""

    service: str
    outcome: str
    outcome_label: str
    decision_text: str
    children: tuple[str, ...] = ()
    starts_on: date | None = None
    coordinator_text: str = ""
    legal_basis: str = ""
    facts: str = ""
    reasons: str = ""
    granted_part: str = ""
    refused_part: str = ""
    judgements: tuple[Judgement, ...] = ()
    # The decision's assessment found every condition for the service met.
    every_condition_met: bool = False
    plan_rights_text: str = ""
    text_needs_review: bool = False

    @property
    def is_grant(self) -> bool:
        return self.outcome in GRANTING_OUTCOMES

    @property
    def is_partly_granted(self) -> bool:
        return self.outcome == OUTCOME_PARTLY_GRANTED

    @property
    def service_name(self) -> str:
        return service_name(self.service) if self.service in ServiceKind.values else ""


@dataclass(frozen=True)
class Letter:
    """Everything an enkeltvedtak letter to one recipient says."""

    # 1. Sender, date, case number, parties
    municipality: str
    unit: str
    sender_address: str
    letter_date: date | None
    case_number: str
    addressee: Address | None
    parties: tuple[str, ...]
    concerns: str  # the person the decision is about
    # 2–5. Per service: the outcome, the rules, the facts and the reasons
    decisions: tuple[ServiceDecision, ...] = ()
    # 6. Complaint
    complaint_weeks: int = COMPLAINT_WEEKS
    complaint_runs_from: str = ""
    assumed_received_on: date | None = None
    complaint_deadline: date | None = None
    complaint_to: str = ""
    appeal_body: str = ""
    complaint_form: str = ""
    complaint_help: str = ""
    complaint_reference: str = ""
    # 7–8. Access to documents, postponed implementation
    access_text: str = ""
    postponement_text: str = ""
    # 9. Contact person and signature, the laws cited
    contact_name: str = ""
    contact_details: str = ""
    signature: str = ""
    laws: tuple[str, ...] = ()
    logo: str = field(default="", compare=False)

    @property
    def service_name(self) -> str:
        return join_with_og([d.service_name for d in self.decisions])

    @property
    def deadline_text(self) -> str:
        """The concrete last day, from the day the letter is expected to arrive."""
        if self.complaint_deadline is None:
            return ""
        expected = ""
        if self.assumed_received_on is not None:
            expected = f"Vi regner med at du får brevet {long_date(self.assumed_received_on)}. "
        return (
            f"{expected}Da er siste dag du kan klage {long_date(self.complaint_deadline)}. "
            "Får du brevet senere, regnes fristen fra den dagen du fikk det."
        )


# --- Standard texts -----------------------------------------------------------------------


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def decision_text(*, service: str, outcome: str, voice: Voice) -> str:
    """The decision in one sentence, to the reader, in their own words.

    The barnekoordinator right is the parents' (pbrl. § 2-5 c): "Dere får barnekoordinator
    for barnet deres, Noah", never "Noah får". Other services are the child's or the
    reader's own.
    """
    name = service_name(service)
    gets = {OUTCOME_REFUSED: "får ikke", OUTCOME_PARTLY_GRANTED: "får delvis innvilget"}.get(
        outcome, "får"
    )
    if service == ServiceKind.CHILD_COORDINATOR:
        if voice.is_family_reader:
            sentence = f"Du og familien din {gets} {name}."
        else:
            for_child = f" for {voice.child}" if voice.child else ""
            sentence = f"{_capital(voice.you)} {gets} {name}{for_child}."
    elif voice.child:
        # "Barnet deres, Noah, får": a name put after "barnet deres" is closed by a comma.
        child = f"{voice.child}," if ", " in voice.child else voice.child
        sentence = f"{_capital(child)} {gets} {name}."
    else:
        sentence = f"{_capital(voice.you)} {gets} {name}."
    if outcome == OUTCOME_PARTLY_GRANTED:
        sentence += " Nedenfor står hva som er innvilget, og hva som er avslått."
    return sentence


def coordinator_text(*, service: str, outcome: str, coordinator: str, voice: Voice) -> str:
    if service not in COORDINATOR_SERVICES or outcome not in GRANTING_OUTCOMES:
        return ""
    name = service_name(service)
    if coordinator:
        return f"{_capital(name)} blir {coordinator}."
    return (
        f"Koordinerende enhet vil oppnevne en {name} så snart som mulig, "
        f"og gir {voice.you_object} beskjed om hvem det blir."
    )


COMPLAINT_RUNS_FROM = "Du må sende klagen innen fire uker etter at du mottok dette brevet."


def complaint_texts(*, unit: str, municipality: str, address: str, appeal_body: str) -> dict:
    """The standard texts of the complaint section (pbrl. kap. 7, fvl. §§ 18, 19, 32 and 42)."""
    return {
        "complaint_runs_from": COMPLAINT_RUNS_FROM,
        "complaint_to": f"{unit}, {municipality}, {address}",
        "appeal_body": appeal_body,
        "complaint_form": (
            "Klagen må være skriftlig og undertegnet av deg eller den som har fullmakt til å "
            "klage for deg. Skriv hvilket vedtak du klager på, hva du ønsker endret, og gjerne "
            "hvorfor."
        ),
        "complaint_help": (
            f"Du kan få hjelp til å skrive klagen av {in_text(unit)} eller av {OMBUD}."
        ),
        "complaint_reference": reference("complaint"),
        "access_text": (
            "Du har rett til å se dokumentene i saken, med de unntakene som følger av "
            f"{reference('access')}. Ta kontakt med oss hvis du vil se dem."
        ),
        "postponement_text": (
            "Du kan be om at vedtaket ikke settes i verk før klagefristen har gått ut eller "
            f"klagen er avgjort ({reference('postponement')}). Send i så fall en "
            "begrunnet anmodning til oss."
        ),
    }


PLAN_RIGHTS_TEXT = (
    "En individuell plan gir ikke rett til flere eller andre tjenester enn dem det er "
    "rett til etter annet regelverk. Tjenestene i planen må det søkes om, eller fattes "
    "vedtak om, hver for seg."
)

# The parts of a letter whose laws the letter lists at its end.
LETTER_PARTS = ("complaint", "access", "postponement")


def laws_listed(services, texts=()) -> tuple[str, ...]:
    """'pasient- og brukerrettighetsloven (lov 2. juli 1999 nr. 63 om ...)': each law the
    letter cites once, so that a reader can look it up. `texts` (the legal bases as the
    caseworker left them) may name laws beyond those the services and parts cite."""
    found = legal.laws_cited([*services, *LETTER_PARTS])
    found += [law for law in legal.LAWS if law not in found and any(law.title in t for t in texts)]
    return tuple(f"{law.title} ({law.official})" if law.official else law.title for law in found)
