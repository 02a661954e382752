import pytest
from playwright.sync_api import expect

from tests.browser.checks import check_page
from tests.browser.conftest import menu

pytestmark = pytest.mark.browser


def test_the_demo_caseworker_logs_in_and_opens_the_case_list(login, live_server):
    page = login("saksbehandler")
    expect(page.get_by_role("heading", name="Mine saker")).to_be_visible()
    menu(page).get_by_role("link", name="Saker").click()
    expect(page.get_by_role("heading", name="Saker", exact=True)).to_be_visible()
    check_page(page)
    expect(page.get_by_role("cell", name="Ola Demo-Berg")).to_be_visible()


def test_a_wrong_password_shows_a_norwegian_message(page, live_server, demo):
    page.goto(f"{live_server.url}/logg-inn/")
    check_page(page)
    page.get_by_label("Brukernavn").fill("saksbehandler")
    page.get_by_label("Passord").fill("feil-passord")
    page.get_by_role("button", name="Logg inn").click()
    expect(page.get_by_text("Feil brukernavn eller passord")).to_be_visible()
    check_page(page)
