import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from followup.models import Reminder
from plans.models import ActionPoint
from tests.browser.checks import check_page
from tests.browser.conftest import menu

pytestmark = pytest.mark.browser


@pytest.fixture
def reminded(demo):
    """A reminder for the demo coordinator, as the daily evaluation scan writes it."""
    point = ActionPoint.objects.get(what="Sende timeplan for fysioterapi")
    plan = point.meeting.plan
    return Reminder.objects.create(
        kind=Reminder.Kind.EVALUATION_DUE,
        object_type="plan",
        object_id=str(plan.pk),
        due_on=timezone.localdate() + datetime.timedelta(days=14),
        recipient=get_user_model().objects.get(username="koordinator"),
        text=f"Sak {plan.case.number}: evaluering av planen om 14 dager.",
        link=f"/planer/sak/{plan.case_id}/",
    )


def test_the_coordinator_sees_an_action_point_deadline_and_a_reminder(login, live_server, reminded):
    page = login("koordinator")
    reminders = menu(page).get_by_role("link", name="Påminnelser")
    expect(reminders).to_contain_text("1")
    reminders.click()
    expect(page.get_by_role("heading", name="Påminnelser", exact=True).first).to_be_visible()
    expect(page.get_by_role("link", name=reminded.text)).to_be_visible()
    check_page(page)

    menu(page).get_by_role("link", name="Frister").click()
    due = timezone.localdate() + datetime.timedelta(days=7)
    row = page.get_by_role("row").filter(has_text="Oppfølgingspunkt fra møte")
    expect(row).to_contain_text(f"{due:%d.%m.%Y}")
    check_page(page)

    row.get_by_role("link", name="Oppfølgingspunkt fra møte").click()
    expect(page.get_by_role("heading", name="Individuell plan")).to_be_visible()
    check_page(page)

    # Marked done in place: the button turns, keeps the focus, and the page is not reloaded.
    page.evaluate("window.stillTheSamePage = true")
    page.get_by_role("button", name=re.compile("Merk utført.*Sende timeplan")).click()
    undo = page.get_by_role("button", name=re.compile("Utført – angre.*Sende timeplan"))
    expect(undo).to_be_focused()
    assert page.evaluate("window.stillTheSamePage") is True
    assert ActionPoint.objects.get(what="Sende timeplan for fysioterapi").done is True
    check_page(page)


def test_the_idle_warning_comes_before_the_logout_and_keeps_the_session(
    login, live_server, settings
):
    settings.SESSION_COOKIE_AGE = 20  # the warning shows 5 s before the end
    page = login("koordinator")
    warning = page.get_by_role("alert").filter(has_text="Du blir logget ut")
    expect(warning).to_be_visible(timeout=25_000)
    check_page(page)
    page.get_by_role("button", name="Fortsett innlogget").click()
    expect(warning).to_have_count(0)
    page.wait_for_timeout(6_000)  # past the end of the first 20 s
    page.reload()
    expect(page.get_by_role("heading", name="Mine planer")).to_be_visible()
    check_page(page)
