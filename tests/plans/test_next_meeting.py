"""The plan's next meeting: one selector, read alike by the plan page, the PDF and the feed."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from plans import selectors
from plans.calendar import calendar_feed_renew, events_for
from tests.factories import AppointmentFactory
from tests.plans.factories import MeetingFactory, PlanFactory

pytestmark = pytest.mark.django_db


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture
def plan(coordinator_user):
    plan = PlanFactory(active=True, next_evaluation_on=in_days(20))
    AppointmentFactory(case=plan.case, coordinator=coordinator_user.coordinator)
    return plan


def on_page(client, plan) -> str:
    page = client.get(reverse("plans:case_plan", args=[plan.case_id])).content.decode()
    start = page.index("Neste møte: ")
    return page[start + len("Neste møte: ") : page.index("</p>", start)]


def in_feed(user) -> list[datetime.date]:
    return sorted(e.start for e in events_for(user) if "neste" in e.uid)


# Each scenario: meetings as (held, next agreed) in days from today, in the order they are
# registered, and the next meeting expected in days from today (None: none agreed).
SCENARIOS = {
    # The reviewer's case: a second meeting the same day agreed no date.
    "two meetings the same day, the later without a date": ([(-1, 60), (-1, None)], 60),
    "the latest meeting agreed the date": ([(-20, 10), (-1, 30)], 30),
    "an extra meeting without a date keeps the agreement": ([(-20, 10), (-5, None)], 10),
    "the agreed meeting has been held": ([(-20, -5), (-5, None)], None),
    "a later meeting moved the date earlier": ([(-20, 30), (-5, 10)], 10),
    "the date moved earlier has been held": ([(-20, 30), (-10, -2), (-2, None)], None),
    "no meeting agreed a date": ([(-3, None)], None),
}


@pytest.mark.parametrize(("meetings", "expected"), SCENARIOS.values(), ids=SCENARIOS.keys())
def test_the_plan_page_and_the_feed_agree_on_the_next_meeting(
    coordinator_client, coordinator_user, plan, meetings, expected
):
    for held, agreed in meetings:
        MeetingFactory(
            plan=plan,
            held_on=in_days(held),
            next_meeting_on=None if agreed is None else in_days(agreed),
        )
    if expected is None:
        assert on_page(coordinator_client, plan) == "ikke avtalt"
        assert in_feed(coordinator_user) == []
    else:
        assert on_page(coordinator_client, plan) == f"{in_days(expected):%d.%m.%Y}"
        assert in_feed(coordinator_user) == [in_days(expected)]


def test_the_feed_itself_holds_the_meeting_the_page_shows(client, coordinator_user, plan):
    MeetingFactory(plan=plan, held_on=in_days(-1), next_meeting_on=in_days(74))
    MeetingFactory(plan=plan, held_on=in_days(-1))
    token = calendar_feed_renew(user=coordinator_user)
    ics = client.get(reverse("plans:calendar_feed", args=[token])).text
    assert f"DTSTART;VALUE=DATE:{in_days(74):%Y%m%d}" in ics
    client.force_login(coordinator_user)
    assert on_page(client, plan) == f"{in_days(74):%d.%m.%Y}"


def test_the_page_shows_the_agreed_time(coordinator_client, plan):
    MeetingFactory(
        plan=plan,
        held_on=in_days(-1),
        next_meeting_on=in_days(14),
        next_meeting_at=datetime.time(9, 30),
    )
    assert on_page(coordinator_client, plan) == f"{in_days(14):%d.%m.%Y} kl. 09:30"


def test_each_plan_has_its_own_next_meeting(plan):
    other = PlanFactory()
    mine = MeetingFactory(plan=plan, held_on=in_days(-10), next_meeting_on=in_days(10))
    theirs = MeetingFactory(plan=other, held_on=in_days(-1), next_meeting_on=in_days(20))
    assert set(selectors.next_meetings()) == {mine, theirs}
    assert selectors.next_meeting(selectors.plan_for_case(plan.case).meetings.all()) == mine


def test_the_staff_plan_tab_names_the_person_whose_contribution_it_is(coordinator_client, plan):
    page = coordinator_client.get(reverse("plans:case_plan", args=[plan.case_id])).content.decode()
    assert f"Det {plan.case.person.given_name} selv bidrar med" in page
