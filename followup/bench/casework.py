"""The benchmark's cases and everything that hangs on them, ten years of it.

Cases are made in order of arrival, in chunks, each chunk's rows written table by table
with COPY. A case's path (registered, consent, assessment, decision, plan, coordinator,
closed) follows its age, so old cases are mostly closed and recent ones still open.
"""

import datetime
import hashlib
import random
from collections import defaultdict
from dataclasses import dataclass, field

from cases.due import processing_days
from cases.models import AccessLog, Case, CaseNumberCounter, Consent, TimelineEntry
from cases.vocabulary import ServiceKind
from coordinators.models import Appointment
from decisions.models import Decision, Letter
from eligibility.facts import parse_facts
from eligibility.models import Assessment
from eligibility.rules import ENGINE_VERSION, assess, assessment_to_dict
from followup.bench.columns import COLUMNS
from followup.bench.writer import TableWriter, next_id
from plans.models import ActionPoint, Evaluation, Goal, Measure, Meeting, Participant, Plan

S = Case.Status
DAY = datetime.timedelta(days=1)

# The span of the cases, received any day of it.
YEARS = 10


def _status(rng, age: int) -> str:
    if age < 14:
        return rng.choices([S.REGISTERED, S.AWAITING_CONSENT, S.UNDER_ASSESSMENT], [3, 3, 4])[0]
    if age < 45:
        return rng.choices([S.AWAITING_CONSENT, S.UNDER_ASSESSMENT, S.DECIDED], [1, 5, 4])[0]
    if age < 730:
        return rng.choices([S.DECIDED, S.FOLLOW_UP, S.CLOSED], [1, 4.5, 4.5])[0]
    return rng.choices([S.FOLLOW_UP, S.CLOSED], [1, 9])[0]


@dataclass
class Context:
    rng: random.Random
    today: datetime.date
    people: list[dict]
    families: dict[int, int]
    staff: dict
    coordinators: dict
    usernames: dict[int, str]
    log_per_case: int
    unit_of: dict[int, int] = field(default_factory=dict)  # caseworker id -> unit id
    writers: dict = field(default_factory=dict)
    ids: dict = field(default_factory=dict)
    results: dict = field(default_factory=dict)
    sequences: dict = field(default_factory=lambda: defaultdict(int))

    def __post_init__(self):
        for model, columns in COLUMNS.items():
            self.writers[model] = TableWriter(model, columns.split())
        for model in (Case, Assessment, Decision, Plan, Meeting):
            self.ids[model] = next_id(model)

    def take_id(self, model) -> int:
        pk = self.ids[model]
        self.ids[model] += 1
        return pk


def _assessment_result(ctx: Context, kinds: tuple, child: bool, on: datetime.date):
    """The engine's own answer for this kind of case, computed once per kind."""
    key = (kinds, child)
    if key not in ctx.results:
        born = ctx.today - datetime.timedelta(days=(8 if child else 50) * 365)
        facts = {
            "assessed_on": ctx.today.isoformat(),
            "requested": list(kinds),
            "person": {"born_on": born.isoformat(), "expected_on": None},
            "consent": {"plan": True, "participant_access": True},
            "services": [
                {
                    "name": "Hjemmesykepleie",
                    "category": "municipal_health_care",
                    "status": "received",
                },
                {"name": "Fastlege", "category": "municipal_health_care", "status": "received"},
            ],
            "function_level": 3,
            "rare_diagnosis": False,
            "judgements": {},
        }
        facts["person"]["stays_in_municipality"] = True
        ctx.results[key] = (facts, assessment_to_dict(assess(parse_facts(facts))))
    facts, result = ctx.results[key]
    return {**facts, "assessed_on": on.isoformat()}, result


def generate(ctx: Context, count: int, chunk: int = 5000, progress=None) -> None:
    rng, today = ctx.rng, ctx.today
    days = sorted(
        today - datetime.timedelta(days=rng.randint(0, YEARS * 365)) for _ in range(count)
    )
    # Most people have one case; some come back later, after the earlier case was closed.
    owners = list(ctx.people) + [rng.choice(ctx.people) for _ in range(count - len(ctx.people))]
    rng.shuffle(owners)
    owners = owners[:count]
    last = {person["id"]: i for i, person in enumerate(owners)}
    for start in range(0, count, chunk):
        rows = defaultdict(list)
        for i in range(start, min(start + chunk, count)):
            person = owners[i]
            _case(ctx, rows, person, days[i], closed=last[person["id"]] != i)
        for model, table_rows in rows.items():
            ctx.writers[model].write(table_rows)
        if progress:
            progress(min(start + chunk, count))
    CaseNumberCounter.objects.bulk_create(
        [CaseNumberCounter(year=y, last_sequence=n) for y, n in ctx.sequences.items()],
        update_conflicts=True,
        unique_fields=["year"],
        update_fields=["last_sequence"],
    )


def _at(day: datetime.date, rng) -> datetime.datetime:
    return datetime.datetime.combine(
        day, datetime.time(rng.randint(7, 16), rng.randint(0, 59)), tzinfo=datetime.UTC
    )


def _case(ctx: Context, rows, person, received: datetime.date, *, closed: bool) -> None:
    rng, today = ctx.rng, ctx.today
    pk = ctx.take_id(Case)
    age = (today - received).days
    status = S.CLOSED if closed else _status(rng, age)
    child = person["child"] and rng.random() < 0.7
    wants = {
        ServiceKind.COORDINATOR: not child and rng.random() < 0.8,
        ServiceKind.CHILD_COORDINATOR: child,
        ServiceKind.PLAN: rng.random() < 0.6,
    }
    if not any(wants.values()):
        wants[ServiceKind.COORDINATOR] = True
    kinds = tuple(k.value for k, on in wants.items() if on)
    caseworker = rng.choice(ctx.staff["caseworkers"])
    ctx.sequences[received.year] += 1
    number = f"{received.year}/{ctx.sequences[received.year]:04d}"
    decided_on = min(today, received + datetime.timedelta(days=rng.randint(10, 40)))
    closed_on = None
    if status == S.CLOSED:
        closed_on = min(today, received + datetime.timedelta(days=rng.randint(60, 900)))
        closed_on = max(closed_on, decided_on)
    created = _at(received, rng)
    # A decided case has a sent decision on everything it asked for (_decisions below).
    decided = status in (S.DECIDED, S.FOLLOW_UP, S.CLOSED)
    rows[Case].append(
        (
            pk,
            number,
            person["id"],
            ctx.families.get(person["id"]) if child else None,
            wants[ServiceKind.COORDINATOR],
            wants[ServiceKind.CHILD_COORDINATOR],
            wants[ServiceKind.PLAN],
            decided and wants[ServiceKind.COORDINATOR],
            decided and wants[ServiceKind.CHILD_COORDINATOR],
            decided and wants[ServiceKind.PLAN],
            Case.Origin.APPLICATION,
            received,
            ctx.unit_of[caseworker],
            caseworker,
            status,
            Case.ClosedReason.NEED_ENDED if closed_on else "",
            closed_on,
            created,
            created,
        )
    )
    steps = [("", S.REGISTERED, received)]
    if status != S.REGISTERED:
        consent_on = min(today, received + 3 * DAY)
        rows[Consent].append(
            (
                pk,
                Consent.GivenBy.PERSON,
                person["name"],
                consent_on,
                Consent.Form.WRITTEN,
                True,
                True,
                caseworker,
                created,
            )
        )
        steps.append((S.REGISTERED, S.AWAITING_CONSENT, received))
    assessment_id = None
    if status not in (S.REGISTERED, S.AWAITING_CONSENT):
        steps.append((S.AWAITING_CONSENT, S.UNDER_ASSESSMENT, min(today, received + 3 * DAY)))
        assessment_id = ctx.take_id(Assessment)
        on = min(today, received + 7 * DAY)
        facts, result = _assessment_result(ctx, kinds, child, on)
        rows[Assessment].append(
            (assessment_id, pk, on, facts, {}, result, ENGINE_VERSION, caseworker, _at(on, rng))
        )
    granted = {}
    if decided or (status == S.UNDER_ASSESSMENT and rng.random() < 0.2):
        sent_on = decided_on if decided else None
        granted = _decisions(
            ctx, rows, pk, person, kinds, assessment_id, caseworker, received, sent_on
        )
    if decided:
        steps.append((S.UNDER_ASSESSMENT, S.DECIDED, decided_on))
    if status in (S.FOLLOW_UP, S.CLOSED) and granted:
        steps.append((S.DECIDED, S.FOLLOW_UP, decided_on + DAY))
        _follow_up(ctx, rows, pk, person, granted, decided_on, closed_on, caseworker)
    if closed_on:
        steps.append((steps[-1][1], S.CLOSED, closed_on))
    for from_status, to_status, on in steps:
        at = _at(on, rng)
        rows[TimelineEntry].append(
            (
                pk,
                TimelineEntry.Kind.STATUS,
                "Status endret.",
                from_status,
                to_status,
                caseworker,
                at,
                at,
            )
        )
    at = _at(min(today, received + 2 * DAY), rng)
    rows[TimelineEntry].append(
        (pk, TimelineEntry.Kind.PHONE, "Ringte og avtalte hjemmebesøk.", "", "", caseworker, at, at)
    )
    _reads(ctx, rows, pk, person["id"], received, closed_on or today, caseworker)


def _decisions(ctx, rows, case_id, person, kinds, assessment_id, caseworker, received, sent_on):
    rng, today = ctx.rng, ctx.today
    granted = {}
    for kind in kinds:
        outcome = rng.choices(
            [Decision.Outcome.GRANTED, Decision.Outcome.REFUSED, Decision.Outcome.PARTLY_GRANTED],
            [85, 10, 5],
        )[0]
        pk = ctx.take_id(Decision)
        if sent_on is None:
            status, assumed, deadline, final = Decision.Status.DRAFT, None, None, None
            created = _at(today, rng)
        else:
            assumed = sent_on + 3 * DAY
            deadline = assumed + 21 * DAY
            final = deadline + 7 * DAY if deadline + 7 * DAY <= today else None
            status = Decision.Status.FINAL if final else Decision.Status.SENT
            created = _at(sent_on, rng)
        rows[Decision].append(
            (
                pk,
                case_id,
                assessment_id,
                kind,
                outcome,
                status,
                "Helse- og omsorgstjenesteloven.",
                "Søknaden og samtalen.",
                "Vilkårene er vurdert.",
                sent_on,
                caseworker,
                sent_on,
                None if sent_on is None else processing_days(received, sent_on),
                assumed,
                deadline,
                final,
                created,
                created,
            )
        )
        if sent_on is not None:
            digest = hashlib.sha256(str(pk).encode()).hexdigest()
            rows[Letter].append(
                (
                    Letter.Kind.DECISION,
                    pk,
                    f"person:{person['id']}",
                    person["name"],
                    "Storgata 1\n0155 Eksempelby",
                    f"letters/{sent_on.year}/{pk}.pdf",
                    digest,
                    caseworker,
                    created,
                )
            )
            if outcome != Decision.Outcome.REFUSED:
                granted[kind] = pk
    return granted


def _follow_up(ctx, rows, case_id, person, granted, decided_on, closed_on, caseworker):
    rng, today = ctx.rng, ctx.today
    start = min(decided_on + DAY, closed_on or today)
    for kind in (ServiceKind.COORDINATOR, ServiceKind.CHILD_COORDINATOR):
        if kind.value not in granted:
            continue
        pool = ctx.coordinators["child_ids" if kind == ServiceKind.CHILD_COORDINATOR else "ids"]
        rows[Appointment].append(
            (case_id, rng.choice(pool), kind.value, start, closed_on, caseworker, _at(start, rng))
        )
    if ServiceKind.PLAN.value not in granted:
        return
    plan_id = ctx.take_id(Plan)
    created = _at(start, rng)
    next_evaluation = start + datetime.timedelta(days=365)
    while next_evaluation < today - datetime.timedelta(days=rng.randint(0, 60)):
        next_evaluation += datetime.timedelta(days=365)
    rows[Plan].append(
        (
            plan_id,
            case_id,
            person["id"],
            Plan.Status.CLOSED if closed_on else Plan.Status.ACTIVE,
            "Trenger hjelp til å samordne tjenestene.",
            start,
            next_evaluation,
            start,
            Plan.ClosedReason.NEED_ENDED if closed_on else "",
            closed_on,
            caseworker,
            created,
            created,
        )
    )
    for text, horizon in (("Bo hjemme med god hjelp.", "long"), ("Komme i jobb.", "short")):
        rows[Goal].append((plan_id, text, horizon, created))
    for title, responsible, ends in (
        ("Hjemmesykepleie", "Hjemmetjenesten", None),
        ("Fysioterapi", "Fysioterapeut", closed_on),
    ):
        rows[Measure].append((plan_id, title, "Kommunen", responsible, start, ends, created))
    for name, role in ((person["name"], "person"), ("Fastlegen", "gp"), ("NAV-veileder", "nav")):
        rows[Participant].append((plan_id, name, role, "", True, created))
    held = start + 30 * DAY
    for _ in range(2):
        if held > (closed_on or today):
            break
        meeting_id = ctx.take_id(Meeting)
        minutes = ("Rådhuset", "Gikk gjennom tiltakene.", None, caseworker, _at(held, rng))
        rows[Meeting].append((meeting_id, plan_id, held, *minutes))
        due = held + 30 * DAY
        rows[ActionPoint].append((meeting_id, "Sende søknad", "Koordinator", due, due < today))
        held += 120 * DAY
    evaluated = start + 300 * DAY
    if evaluated < (closed_on or today):
        what = ("Samarbeidet fungerer.", evaluated + 365 * DAY, caseworker, _at(evaluated, rng))
        rows[Evaluation].append((plan_id, evaluated, *what))


def _reads(ctx, rows, case_id, person_id, first, last, caseworker):
    """The access log: the case read now and then while it was open."""
    rng = ctx.rng
    span = max(1, (last - first).days)
    readers = [caseworker, caseworker, caseworker, rng.choice(ctx.staff["leaders"])]
    for _ in range(ctx.log_per_case):
        user_id = rng.choice(readers)
        at = _at(first + datetime.timedelta(days=rng.randint(0, span)), rng)
        rows[AccessLog].append(
            (
                at,
                user_id,
                ctx.usernames[user_id],
                "Saksbehandler",
                person_id,
                "case",
                str(case_id),
                AccessLog.Action.VIEW,
                "cases:detail",
                "10.0.0.7",
                "",
            )
        )
