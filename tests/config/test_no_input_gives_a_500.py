"""No input gives a 500 (issue 16): every form field and every query parameter of every
page gets NUL bytes, huge numbers, dates out of range and very long strings.

The pages are found, not listed: the test crawls the site as a caseworker, a leader, a
coordinator and an administrator (the admin's lists and their filters), reads every
<input>, <select>, <textarea> and <button> of every form and the query parameters of
every link, and fuzzes each one with Hypothesis. Each example runs in a transaction
that is rolled back, so one accepted submission (a closed case, a removed participant)
does not change what the next example finds, and an accepted POST's redirect is
followed, so a page that shows the saved value is checked too.
"""

import datetime
import re

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cases.models import Person
from cases.national_id import synthesize
from followup.models import Reminder
from plans.models import ParticipantAccount
from tests.config.pages import Target, crawl
from tests.coordinators.factories import TrainingSessionFactory
from tests.decisions.factories import (
    AssessmentFactory,
    ComplaintFactory,
    DecisionFactory,
    facts_for,
)
from tests.factories import (
    CaseFactory,
    PersonServiceFactory,
    RelationFactory,
    TimelineEntryFactory,
    UserFactory,
)
from tests.plans.factories import (
    AccessConsentFactory,
    ActionPointFactory,
    EvaluationFactory,
    MeasureFactory,
    ParticipantFactory,
    citizen_user,
    ready_plan,
)

pytestmark = [pytest.mark.django_db, pytest.mark.today("2026-06-15")]

NUL = "\x00"
HARD = [
    NUL,
    f"Ola{NUL}",
    "99999999999999999999999",
    "-99999999999999999999999",
    str(2**63),
    "-1",
    "0",
    "1e309",
    "NaN",
    "0001-01-01",
    "1899-12-31",
    "1999-12-31",
    "2101-01-01",
    "9999-12-31",
    "10000-01-01",
    "2026-02-30",
    "0001-01-01T00:00",
    "9999-12-31T23:59",
    "a" * 100_000,
    "å\r\n" * 10_000,
    "\u202e",
    "😀" * 50,
    "",
]
hard = st.sampled_from(HARD) | st.text(max_size=40)

# Small on purpose: about 200 targets, each tried 8 times, take about a minute on
# SQLite. Raised to 40 once, locally, the test found nothing more in three minutes.
EXAMPLES = 8
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

PAGED = ["/saker/", "/vedtak/", "/planer/", "/saker/tilgangslogg/"]
ADMIN_LISTS = r"^/admin/(\w+/(\w+/)?)?$"
# What the crawl must find at the least; fewer means a page stopped rendering its forms.
AT_LEAST = {
    "caseworker": 28,
    "leader": 30,
    "coordinator": 14,
    "admin": 90,
    "school": 4,
    "owner": 8,
}
# The plan owner logs in with ID-porten by this national id.
OWNER_ID = synthesize(datetime.date(1985, 4, 12), 111)


@pytest.fixture
def people(coordinator_user):
    return {
        "caseworker": UserFactory(caseworker=True),
        "leader": UserFactory(leader=True),
        "coordinator": coordinator_user,
        "admin": UserFactory(is_staff=True, is_superuser=True),
        # The plan's participants who log in: its school, and its owner (ID-porten).
        "school": ParticipantAccount.objects.create(user=UserFactory()).user,
        "owner": citizen_user(OWNER_ID),
    }


@pytest.fixture
def world(people):
    """One of everything a page can show a form for: a case with a plan and a complaint,
    and a case under assessment with open questions and a sent decision."""
    plan = ready_plan(coordinator=people["coordinator"].coordinator)
    case = plan.case
    assessed = CaseFactory()
    AssessmentFactory(case=assessed, facts=facts_for(assessed, judgements={}))
    DecisionFactory(case=assessed, sent=True)
    Person.objects.filter(pk=plan.person_id).update(national_id=OWNER_ID)
    school = ParticipantFactory(plan=plan, role="school", user=people["school"])
    AccessConsentFactory(participant=school)
    MeasureFactory(plan=plan, participant=school)
    ParticipantFactory(plan=plan)
    EvaluationFactory(plan=plan)
    ActionPointFactory(meeting__plan=plan)
    RelationFactory(person=case.person)
    PersonServiceFactory(person=case.person)
    TimelineEntryFactory(case=case)
    AssessmentFactory(case=case)
    DecisionFactory(case=case)
    ComplaintFactory(decision__case=case)
    TrainingSessionFactory()
    for user in (people[r] for r in ("caseworker", "leader", "coordinator", "admin")):
        Reminder.objects.create(
            kind=Reminder.Kind.EVALUATION_DUE,
            object_type="plan",
            object_id=str(plan.pk),
            due_on=datetime.date(2026, 6, 20),
            recipient=user,
            text="Evaluering nærmer seg.",
            link=f"/planer/sak/{case.pk}/",
        )
    return [case, assessed]


def discover(client, people, cases) -> list[tuple[str, Target]]:
    seeds = ["/", "/deltaker/"]
    for case in cases:
        seeds += [
            f"/saker/{case.pk}/",
            f"/planer/sak/{case.pk}/",
            f"/vedtak/sak/{case.pk}/",
            f"/koordinatorer/sak/{case.pk}/",
            f"/vurdering/sak/{case.pk}/",
        ]
    found = []
    for role, user in people.items():
        client.force_login(user)
        if role == "admin":
            targets, _ = crawl(client, ["/admin/"], follow=lambda p: re.match(ADMIN_LISTS, p))
            # The lists' filters, search and ordering. Not the action form: Django's
            # admin answers 500 to a selected-row checkbox whose value is not a row id.
            targets = [t for t in targets if t.method == "get"]
        else:
            targets, _ = crawl(client, seeds, follow=lambda p: not p.startswith("/admin/"))
        assert len(targets) >= AT_LEAST[role], (role, len(targets))
        found.extend((role, t) for t in targets)
    # The pager's links show only on a list longer than a page, which this world has not.
    found += [("leader", Target("get", path, {"side": ["2"]})) for path in PAGED]
    return found


def values(offered: list[str]):
    # The page's own values first: Hypothesis starts from them, so the first example of
    # a form is the form as offered, and the hard values reach past a valid rest.
    return st.sampled_from(offered) | hard if offered else hard


def send(client, target: Target, data: dict):
    if target.method == "post":
        return client.post(target.path, data, follow=True)
    return client.get(target.path, data)


def fuzz(client, user, target: Target):
    @FUZZ
    @given(data=st.fixed_dictionaries({n: values(v) for n, v in target.fields.items()}))
    def run(data):
        client.force_login(user)
        with transaction.atomic():
            response = send(client, target, data)
            transaction.set_rollback(True)
        where = f"{target.method.upper()} {target.path}"
        if any(NUL in value for value in data.values()):
            assert response.status_code == 400, where
        assert response.status_code < 500, where

    run()


def test_no_input_to_any_form_or_query_parameter_gives_a_500(client, people, world):
    targets = discover(client, people, world)
    for role, target in targets:
        fuzz(client, people[role], target)
