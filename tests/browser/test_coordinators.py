import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from cases.models import Case
from decisions.models import Decision
from tests.browser.checks import check_page
from tests.browser.conftest import menu
from tests.factories import CaseFactory, PersonFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def granted_case(demo):
    """A child case with a sent barnekoordinator grant (set up directly, as a shortcut)."""
    sara = get_user_model().objects.get(username="saksbehandler")
    case = CaseFactory(
        person=PersonFactory(child=True, given_name="Selma", family_name="Nettleser"),
        caseworker=sara,
        requests_coordinator=False,
        requests_child_coordinator=True,
        status=Case.Status.DECIDED,
        number="2026/9001",
    )
    Decision.objects.create(
        case=case,
        service="barnekoordinator",
        outcome="granted",
        status="sent",
        legal_basis="Helse- og omsorgstjenesteloven § 7-2 a",
        facts="Barnet har en alvorlig sykdom og får flere tjenester.",
        reasons="Vilkårene er oppfylt.",
        sent_on=timezone.localdate(),
    )
    return case


def test_the_caseworker_appoints_the_demo_coordinator_who_then_sees_only_that_case(
    login, live_server, granted_case
):
    other = CaseFactory(number="2026/9002")
    page = login("saksbehandler")
    page.goto(f"{live_server.url}{granted_case.get_absolute_url()}")
    check_page(page)
    page.get_by_role("navigation", name="Faner i saken").get_by_role(
        "link", name="Koordinator"
    ).click()
    check_page(page)
    page.get_by_label("Kari Koordinator", exact=True).check()
    page.get_by_role("button", name="Oppnevn").click()
    expect(page.get_by_text("Kari Koordinator er oppnevnt som barnekoordinator.")).to_be_visible()
    check_page(page)

    menu(page).get_by_role("button", name="Logg ut").click()
    check_page(page)
    page = login("koordinator")
    menu(page).get_by_role("link", name="Mine planer").click()
    expect(page.get_by_role("heading", name="Mine planer")).to_be_visible()
    check_page(page)
    expect(page.get_by_role("cell", name="Selma Nettleser")).to_be_visible()

    page.goto(f"{live_server.url}{other.get_absolute_url()}")
    expect(page.get_by_role("heading", name="Finner ikke siden")).to_be_visible()
    check_page(page)
