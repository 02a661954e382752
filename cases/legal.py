"""The one table of legal references: the laws and sections the assessment and the
decision letter cite.

This is the one place a lawyer corrects. The eligibility engine's findings
(`eligibility.rules`), the texts a draft decision is pre-filled with (`decisions.prefill`)
and the decision letter's standard texts (`decisions.letters`) cite by key from
`CITATIONS` and write no law's name or section number of their own
(tests/architecture/test_legal_references.py holds them to it).

- `Law`: a law or regulation, by its abbreviation (as a finding cites it) and its full
  title (as a letter writes it).
- `Provision`: one section or chapter of one law. Each is written once, below.
- `CITATIONS`: the provisions each service, each eligibility rule (by its number in the
  domain reference, section 2) and each standard part of a letter rests on.

`unconfirmed=True` marks a section number that could not be verified (the domain
reference's "(unconfirmed)"); confirm those first. A section not known at all is left
empty, and the law is then cited by its title alone.

forvaltningsloven is to be renumbered (Prop. 79 L (2024–2025); the date it comes into
force is unconfirmed): its sections change here, and only here, when it does. An
assessment stores the references it was made with, so drafts made from an older
assessment cite what its findings cite.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from cases.vocabulary import ServiceKind
from core.text import join_with_og


@dataclass(frozen=True)
class Law:
    abbreviation: str  # "pbrl.", as a finding cites it
    title: str  # "pasient- og brukerrettighetsloven", as a letter writes it
    # Where to look it up: "lov 2. juli 1999 nr. 63 om pasient- og brukerrettigheter".
    # Empty while not confirmed (then `reference_unconfirmed`).
    official: str = field(default="", compare=False)
    reference_unconfirmed: bool = field(default=False, compare=False)


@dataclass(frozen=True)
class Provision:
    law: Law
    section: str  # "2-5 b", "7-1 annet ledd" or "kap. 4"; "" while not known
    unconfirmed: bool = field(default=False, compare=False)


PBRL = Law(
    "pbrl.",
    "pasient- og brukerrettighetsloven",
    "lov 2. juli 1999 nr. 63 om pasient- og brukerrettigheter",
)
HOL = Law(
    "hol.",
    "helse- og omsorgstjenesteloven",
    "lov 24. juni 2011 nr. 30 om kommunale helse- og omsorgstjenester m.m.",
)
PHVL = Law(
    "phvl.",
    "psykisk helsevernloven",
    "lov 2. juli 1999 nr. 62 om etablering og gjennomføring av psykisk helsevern",
)
FVL = Law(
    "fvl.",
    "forvaltningsloven",
    "lov 10. februar 1967 om behandlingsmåten i forvaltningssaker",
)
HPL = Law("hpl.", "helsepersonelloven", "lov 2. juli 1999 nr. 64 om helsepersonell m.v.")
# In force from 1 August 2022; the IP rules of forskrift 2011 nr. 1256 (F1256) moved here.
# Its date and number are unconfirmed.
IP_REGULATION = Law(
    "IP-forskriften",
    "forskrift om individuell plan ved ytelse av velferdstjenester",
    reference_unconfirmed=True,
)

LAWS = (PBRL, HOL, PHVL, FVL, HPL, IP_REGULATION)

# pasient- og brukerrettighetsloven
PLAN_RIGHT = Provision(PBRL, "2-5")  # rett til individuell plan
COORDINATOR_RIGHT = Provision(PBRL, "2-5 b")  # rett til koordinator
CHILD_COORDINATOR_RIGHT = Provision(PBRL, "2-5 c")  # rett til barnekoordinator
PARTICIPATION = Provision(PBRL, "3-1")  # rett til medvirkning
CONSENT = Provision(PBRL, "kap. 4")  # samtykke
COMPLAINT_RIGHT = Provision(PBRL, "7-2")  # klage over rettighetene i kapittel 2
COMPLAINT_FORM = Provision(PBRL, "7-3")  # klagen er skriftlig og undertegnet
COMPLAINT_DEADLINE = Provision(PBRL, "7-5")  # klagefristen, fire uker

# helse- og omsorgstjenesteloven
RESIDENCE = Provision(HOL, "3-1")  # kommunens ansvar for dem som bor eller oppholder seg der
PLAN_DUTY = Provision(HOL, "7-1")  # kommunens plikt til individuell plan
PLAN_BOTH_LEVELS = Provision(HOL, "7-1 annet ledd")  # kommunen sørger for planen og koordinerer
COORDINATOR_DUTY = Provision(HOL, "7-2")  # kommunens plikt til koordinator
CHILD_COORDINATOR_DUTY = Provision(HOL, "7-2 a")  # kommunens plikt til barnekoordinator

# psykisk helsevernloven
PLAN_MENTAL_HEALTH = Provision(PHVL, "4-1")  # individuell plan i psykisk helsevern

# forskrift om individuell plan: consent to the plan and to each participant's access.
# It was F1256 § 19; the section it has in the new regulation is unconfirmed.
PLAN_CONSENT = Provision(IP_REGULATION, "", unconfirmed=True)

# forvaltningsloven
ACCESS = Provision(FVL, "18")  # partens rett til å se sakens dokumenter
ACCESS_EXCEPTIONS = Provision(FVL, "19")  # unntak fra partsinnsyn
COMPLAINT_ADDRESSEE = Provision(FVL, "32")  # klagen sendes til den som fattet vedtaket
REJECTION_IS_A_DECISION = Provision(FVL, "2 tredje ledd")  # avvisning er et enkeltvedtak
COMPLAINT_STANDING = Provision(FVL, "28")  # part eller rettslig klageinteresse; enkeltvedtak
COMPLAINT_REJECTION = Provision(FVL, "33 annet ledd")  # underinstansen avviser klagen
POSTPONEMENT = Provision(FVL, "42")  # utsatt iverksetting
REASONS_GIVEN = Provision(FVL, "24")  # enkeltvedtak skal grunngis
REASONS_CONTENT = Provision(FVL, "25")  # hva begrunnelsen skal inneholde
TIMELY = Provision(FVL, "30")  # klagen er i tide når den er postlagt før fristen
LATE_COMPLAINT = Provision(FVL, "31")  # oversittet klagefrist
ONE_YEAR = Provision(FVL, "31 tredje ledd")  # aldri etter ett år
COMPLAINT_HANDLING = Provision(FVL, "33")  # saksforberedelse i klagesak
COMPLAINT_FORWARDING = Provision(PBRL, "7-6")  # klagen sendes videre til Statsforvalteren

# helsepersonelloven
NOTIFICATION = Provision(HPL, "38 a")  # helsepersonell melder behov for IP og koordinator

_CHILD_COORDINATOR = (CHILD_COORDINATOR_RIGHT, CHILD_COORDINATOR_DUTY)
_EVERY_RIGHT = (PLAN_RIGHT, COORDINATOR_RIGHT, CHILD_COORDINATOR_RIGHT)

CITATIONS: dict[str, tuple[Provision, ...]] = {
    # What a decision on each service rests on: the person's right and the municipality's duty.
    ServiceKind.COORDINATOR: (COORDINATOR_RIGHT, COORDINATOR_DUTY),
    ServiceKind.CHILD_COORDINATOR: _CHILD_COORDINATOR,
    ServiceKind.PLAN: (PLAN_RIGHT, PLAN_DUTY),
    # The eligibility rules, by their number (domain reference section 2, eligibility/README).
    "C1": (RESIDENCE,),
    "C4": _EVERY_RIGHT,
    "C5": _EVERY_RIGHT,
    "K1": (COORDINATOR_DUTY, COORDINATOR_RIGHT),
    "K2": (COORDINATOR_DUTY, COORDINATOR_RIGHT),
    "B1": _CHILD_COORDINATOR,
    "B2": _CHILD_COORDINATOR,
    "B3": _CHILD_COORDINATOR,
    "B4": _CHILD_COORDINATOR,
    "B6": _CHILD_COORDINATOR,
    "B7": _CHILD_COORDINATOR,
    "B9": (COORDINATOR_DUTY, CHILD_COORDINATOR_DUTY),
    "I1": (PLAN_RIGHT, PLAN_DUTY),
    "I2": (PLAN_CONSENT, CONSENT),
    "I3": (PARTICIPATION, PLAN_DUTY),
    "I4": (PLAN_BOTH_LEVELS, PLAN_MENTAL_HEALTH),
    # No real and current need for long-term coordinated services: no right to an IP now.
    "I5": (PLAN_RIGHT, PLAN_DUTY),
    # The standard parts of a decision letter.
    "complaint": (COMPLAINT_RIGHT, COMPLAINT_FORM, COMPLAINT_DEADLINE, COMPLAINT_ADDRESSEE),
    "access": (ACCESS, ACCESS_EXCEPTIONS),
    "postponement": (POSTPONEMENT,),
    # What the caseworker is told, on the decision and complaint pages and forms.
    "reasons": (REASONS_GIVEN, REASONS_CONTENT),
    "reasons_content": (REASONS_CONTENT,),
    "timely": (TIMELY,),
    "late_complaint": (LATE_COMPLAINT,),
    "one_year": (ONE_YEAR,),
    "forwarding": (COMPLAINT_FORWARDING, COMPLAINT_HANDLING),
    "notification": (NOTIFICATION,),
    # A complaint the KE rejects, by ground, and the complaint right on the rejection. The
    # rejection is a decision under forvaltningsloven; whether the four weeks of pbrl. § 7-5
    # or the three of fvl. § 29 apply to a complaint on it is unconfirmed: the letter gives
    # the four weeks, in the party's favour.
    "rejection": (COMPLAINT_REJECTION, REJECTION_IS_A_DECISION),
    "rejection_late": (LATE_COMPLAINT,),
    "rejection_no_standing": (COMPLAINT_STANDING,),
    "rejection_not_a_decision": (COMPLAINT_STANDING,),
    "rejection_complaint": (COMPLAINT_STANDING, COMPLAINT_ADDRESSEE, COMPLAINT_DEADLINE),
}


def laws_cited(keys: Iterable[str]) -> list[Law]:
    """The laws the given citations name, each once, in the order first named: the list of
    laws and regulations at the end of a letter, so a reader can look each one up."""
    found: list[Law] = []
    for key in keys:
        for provision in CITATIONS[key]:
            if provision.law not in found:
                found.append(provision.law)
    return found


def cite(provisions: Iterable[Provision], *, full: bool = False, prose: bool = False) -> str:
    """The provisions grouped by law, each once, in the order first named.

    "pbrl. §§ 2-5 og 2-5 b; hol. § 7-2" as a finding cites them; with `full` the laws'
    titles instead of their abbreviations; with `prose` the laws joined as a sentence
    joins them ("... § 2-5 b og helse- og omsorgstjenesteloven § 7-2").
    """
    by_law: dict[Law, list[str]] = {}
    for provision in provisions:
        sections = by_law.setdefault(provision.law, [])
        if provision.section and provision.section not in sections:
            sections.append(provision.section)
    parts = []
    for law, sections in by_law.items():
        name = law.title if full else law.abbreviation
        chapters = [s for s in sections if s.startswith("kap.")]
        paragraphs = [s for s in sections if not s.startswith("kap.")]
        if paragraphs:
            mark = "§§" if len(paragraphs) > 1 else "§"
            chapters.append(f"{mark} {join_with_og(paragraphs)}")
        parts.append(f"{name} {join_with_og(chapters)}" if chapters else name)
    return join_with_og(parts) if prose else "; ".join(parts)


def citation(key: str, *, full: bool = False, prose: bool = False) -> str:
    """What `key` (a service, a rule number or a part of a letter) cites; see `cite`."""
    return cite(CITATIONS[key], full=full, prose=prose)


_SECTIONS = re.compile(r"(?:(?P<chapter>kap\. \S+)(?: og )?)?(?:§§? (?P<sections>.+))?")


def parse(text: str) -> list[Provision]:
    """The provisions in a short citation as `cite` writes it, e.g. a stored finding's.

    A part that names no law in `LAWS` is kept whole, as a law of that name.
    """
    provisions: list[Provision] = []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        law = next(
            (
                law
                for law in LAWS
                if part == law.abbreviation or part.startswith(f"{law.abbreviation} ")
            ),
            None,
        )
        rest = part[len(law.abbreviation) :].strip() if law else ""
        match = _SECTIONS.fullmatch(rest) if law else None
        if law is None or match is None:
            provisions.append(Provision(Law(part, part), ""))
        elif not rest:
            provisions.append(Provision(law, ""))
        else:
            if match["chapter"]:
                provisions.append(Provision(law, match["chapter"]))
            for section in re.split(r",\s*|\s+og\s+", match["sections"] or ""):
                if section.strip():
                    provisions.append(Provision(law, section.strip()))
    return provisions
