"""Each kind of decision letter, drafted from an assessment, sent, and read back from the
stored PDF as its reader gets it: the outcome first, the rules by full title, the facts,
the caseworker's own reasons for each judgement, the last day to complain, the complaint
route, access to the documents, the contact; and one letter to each party.

Sent on Friday 6 March 2026: a letter by email is received that day (four weeks on is Good
Friday, 3 April 2026, so the deadline is Tuesday 7 April, after Easter Monday), one by post
three working days later, on Wednesday 11 March (deadline Wednesday 8 April 2026).
"""

import datetime
from dataclasses import dataclass

import pytest
from django.test import TestCase

from cases.vocabulary import ServiceKind
from core.dates import add_years
from decisions import delivery, drafting, letters, selectors
from decisions.models import Decision, Letter
from tests.decisions.factories import YES, AssessmentFactory, facts_for
from tests.decisions.pdf_text import body_text, squash
from tests.factories import CaseFactory, PersonFactory, RelationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.today("2026-03-06")]

TODAY = datetime.date(2026, 3, 6)
G, R, P = Decision.Outcome.GRANTED, Decision.Outcome.REFUSED, Decision.Outcome.PARTLY_GRANTED
KOORDINATOR, BARNEKOORDINATOR, IP = (
    ServiceKind.COORDINATOR,
    ServiceKind.CHILD_COORDINATOR,
    ServiceKind.PLAN,
)

# What the caseworker recorded for each judgement: the main considerations a letter carries.
REASONS = {
    "long_term": "Legen og HABU venter at oppfølgingen vil vare i flere år.",
    "coordinated": "Fysioterapeuten, helsestasjonen og skolen må samarbeide om tiltakene.",
    "current_need": "Tjenestene er i gang nå, og familien ber om hjelp til å samordne dem.",
    "serious_condition": "Tilstanden gir stort hjelpebehov hele dagen og risiko for funksjonstap.",
    "participation": "Familien vil være med på å lage planen og delta i møtene.",
}
NO_REASONS = {
    "long_term": "Legen venter at behovet er over etter opptreningen i vår, innen tre måneder.",
    "current_need": "Tjenestene er ikke i gang, og behovet kommer tidligst neste år.",
    "serious_condition": "Legen vurderer at tilstanden går over av seg selv innen ett år.",
}
JUDGEMENTS = {
    KOORDINATOR: ("long_term", "coordinated", "current_need"),
    BARNEKOORDINATOR: ("long_term", "coordinated", "serious_condition"),
    IP: ("long_term", "coordinated", "current_need", "participation"),
}
CHILD_SERVICES = [
    {"name": "HABU", "category": "specialist_health_care", "status": "received"},
    {"name": "Fysioterapi", "category": "municipal_health_care", "status": "received"},
    {"name": "Spesialundervisning", "category": "welfare", "status": "received"},
]
GRANTED_PART = "Individuell plan innvilges for samarbeidet mellom helsetjenestene."
REFUSED_PART = (
    "Det avslås at skolens tiltak tas inn i planen nå: skolen har egen plan, og dere har "
    "ikke samtykket til at skolen deltar."
)


@dataclass
class Kind:
    services: tuple[str, ...]
    outcome: str
    party: str  # adult, child, youth, unborn
    says: str  # the decision sentence each parent (or the person) reads
    says_to_youth: str = ""
    judged_no: str = ""  # the judgement answered no (a refusal)


KINDS = {
    "koordinator-grant-adult": Kind((KOORDINATOR,), G, "adult", "Du får koordinator."),
    "koordinator-refusal-youth": Kind(
        (KOORDINATOR,),
        R,
        "youth",
        "Barnet deres, Emma, får ikke koordinator.",
        says_to_youth="Du får ikke koordinator.",
        judged_no="long_term",
    ),
    "koordinator-partly-adult": Kind(
        (KOORDINATOR,), P, "adult", "Du får delvis innvilget koordinator."
    ),
    "barnekoordinator-grant-child": Kind(
        (BARNEKOORDINATOR,), G, "child", "Dere får barnekoordinator for barnet deres, Noah."
    ),
    "barnekoordinator-refusal-unborn": Kind(
        (BARNEKOORDINATOR,),
        R,
        "unborn",
        "Dere får ikke barnekoordinator for barnet dere venter.",
        judged_no="serious_condition",
    ),
    "barnekoordinator-grant-unborn": Kind(
        (BARNEKOORDINATOR,), G, "unborn", "Dere får barnekoordinator for barnet dere venter."
    ),
    "barnekoordinator-partly-child": Kind(
        (BARNEKOORDINATOR,),
        P,
        "child",
        "Dere får delvis innvilget barnekoordinator for barnet deres, Noah.",
    ),
    "ip-grant-youth": Kind(
        (IP,),
        G,
        "youth",
        "Barnet deres, Emma, får individuell plan.",
        says_to_youth="Du får individuell plan.",
    ),
    "ip-refusal-adult": Kind(
        (IP,), R, "adult", "Du får ikke individuell plan.", judged_no="current_need"
    ),
    "ip-partly-child": Kind(
        (IP,), P, "child", "Barnet deres, Noah, får delvis innvilget individuell plan."
    ),
    "barnekoordinator-and-ip-child": Kind(
        (BARNEKOORDINATOR, IP), G, "child", "Dere får barnekoordinator for barnet deres, Noah."
    ),
}


def make_case(kind: Kind):
    person = {
        "adult": {"given_name": "Kari"},
        "child": {"given_name": "Noah", "born_on": add_years(TODAY, -7)},
        "youth": {"given_name": "Emma", "born_on": add_years(TODAY, -17)},
        "unborn": {
            "given_name": "Ufødt",
            "born_on": None,
            "expected_on": TODAY + datetime.timedelta(days=90),
        },
    }[kind.party]
    case = CaseFactory(
        person=PersonFactory(**person),
        requests_coordinator=KOORDINATOR in kind.services,
        requests_child_coordinator=BARNEKOORDINATOR in kind.services,
        requests_plan=IP in kind.services,
    )
    if kind.party != "adult":
        RelationFactory(person=case.person, name="Mona Forelder", email="mona@epost.example")
        # The second parent has no email: their letter goes by post.
        RelationFactory(
            person=case.person,
            name="Per Forelder",
            email="",
            address="Fjordveien 2, 0155 Eksempelby",
        )
    judgements = dict(YES)
    answers = {key: {"answer": True, "reason": REASONS[key], "by": "sara"} for key in REASONS}
    if kind.judged_no:
        judgements[kind.judged_no] = False
        answers[kind.judged_no] = {
            "answer": False,
            "reason": NO_REASONS[kind.judged_no],
            "by": "sara",
        }
    services = CHILD_SERVICES if kind.party != "adult" else None
    AssessmentFactory(
        case=case, facts=facts_for(case, judgements=judgements, services=services), answers=answers
    )
    return case


def decide_and_send(kind: Kind):
    case = make_case(kind)
    drafted = [
        drafting.decision_draft(case=case, service=s, by=case.caseworker) for s in kind.services
    ]
    for decision in drafted:
        if kind.outcome == P:
            drafting.decision_update(
                decision=decision,
                by=case.caseworker,
                outcome=P,
                granted_part=GRANTED_PART,
                refused_part=REFUSED_PART,
            )
        assert decision.outcome == kind.outcome or kind.outcome == P
    # The dispatch task renders each letter, with every decision it covers, after commit.
    with TestCase.captureOnCommitCallbacks(execute=True):
        delivery.decision_send(decision=drafted[0], by=case.caseworker)
    return case, [Decision.objects.get(pk=d.pk) for d in drafted]


def read(letter: Letter) -> str:
    with letter.file.open("rb") as pdf:
        return squash(body_text(pdf.read()))


def says_to(kind: Kind, letter: Letter) -> str:
    if kind.says_to_youth and letter.recipient_key.startswith("person:"):
        return kind.says_to_youth
    return kind.says


def parts_missing(kind: Kind, decisions, letter: Letter, text: str) -> list[str]:
    """The names of what this letter, read back from its PDF, lacks."""
    expected = {
        "utfallet": squash(says_to(kind, letter)),
        "siste klagedag": squash(
            f"siste dag du kan klage {letters.long_date(letter.complaint_deadline)}"
        ),
        "klagefristen i ord": squash("innen fire uker etter at du mottok dette brevet"),
        "klageveien": squash("Send klagen til Koordinerende enhet"),
        "klageinstansen": squash("sender vi klagen videre til Statsforvalteren"),
        "innsyn (fvl. § 18)": squash("forvaltningsloven §§ 18 og 19"),
        "kontakt": squash("Har du spørsmål, kan du kontakte"),
        "lovene med full tittel": squash(
            "lov 2. juli 1999 nr. 63 om pasient- og brukerrettigheter"
        ),
    }
    for decision in decisions:
        expected[f"hjemmel for {decision.service}"] = squash(letters.reference(decision.service))
        expected[f"fakta for {decision.service}"] = squash(decision.facts.splitlines()[0][2:])
        for key in JUDGEMENTS[decision.service]:
            reason = NO_REASONS[key] if key == kind.judged_no else REASONS[key]
            expected[f"begrunnelse for {key} ({decision.service})"] = squash(reason)
    if kind.outcome == P:
        expected["det som innvilges"] = squash(f"Dette innvilges {GRANTED_PART}")
        expected["det som avslås"] = squash(f"Dette avslås, og hvorfor {REFUSED_PART}")
    missing = [name for name, phrase in expected.items() if phrase not in text]
    if expected["utfallet"] in text and text.index(expected["utfallet"]) > text.index(
        squash("Reglene vedtaket bygger på")
    ):
        missing.append("utfallet først")
    if "Personen" in text or "IPLOS" in text:
        missing.append("tiltale uten «Personen» og IPLOS")
    if text.count("KPR") != text.count(squash("Kommunalt pasient- og brukerregister (KPR)")):
        missing.append("KPR forklart")
    return missing


@pytest.mark.parametrize("name", list(KINDS))
def test_each_kind_of_letter_as_sent_says_everything_to_each_party_once(name):
    kind = KINDS[name]
    case, decisions = decide_and_send(kind)
    sent = list(Letter.objects.filter(kind=Letter.Kind.DECISION).prefetch_related("decisions"))

    missing = {
        letter.recipient_name: parts_missing(kind, decisions, letter, read(letter))
        for letter in sent
    }
    assert {who: parts for who, parts in missing.items() if parts} == {}
    assert sorted(x.recipient_key for x in sent) == sorted(
        r.key for r in selectors.recipients(case)
    )
    assert len(sent) == {"adult": 1, "child": 2, "unborn": 2, "youth": 3}[kind.party]
    assert all(set(x.decisions.all()) == set(decisions) for x in sent)


def test_a_letter_sent_on_a_friday_runs_from_the_wednesday_after_by_any_channel(settings):
    # SvarUt may print the letter, so every channel assumes the post days at sending.
    for channel in ("outbox", "post"):
        settings.KE_LETTER_CHANNEL = channel
        decide_and_send(KINDS["barnekoordinator-grant-child"])
        sent = Letter.objects.filter(dispatches__channel=channel)
        assert {(x.assumed_received_on, x.complaint_deadline) for x in sent} == {
            (datetime.date(2026, 3, 11), datetime.date(2026, 4, 8))
        }


def test_each_service_keeps_its_own_decision_with_the_latest_deadline_of_its_letters():
    _case, decisions = decide_and_send(KINDS["barnekoordinator-and-ip-child"])
    assert [(d.service, d.status) for d in decisions] == [
        (BARNEKOORDINATOR, Decision.Status.SENT),
        (IP, Decision.Status.SENT),
    ]
    assert {d.complaint_deadline for d in decisions} == {datetime.date(2026, 4, 8)}
