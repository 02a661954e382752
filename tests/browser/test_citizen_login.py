"""A parent logs in with "ID-porten" in Chromium: the local provider's pages, our pages."""

import re

import pytest
from playwright.sync_api import expect

from cases.models import Relation
from tests.browser.checks import check_page
from tests.browser.conftest import menu

pytestmark = [pytest.mark.browser, pytest.mark.oidc]


def test_a_demo_parent_logs_in_with_id_porten_sees_mine_planer_and_logs_out(
    page, live_server, demo, idporten
):
    parent = Relation.objects.get(name="Mona Johansen")
    page.goto(f"{live_server.url}/innbygger/logg-inn/")
    check_page(page)
    page.get_by_role("link", name="Logg inn med ID-porten").click()
    # The provider's pages stand in for ID-porten's; they are held to the same checks.
    expect(page).to_have_url(re.compile(rf"^{re.escape(idporten.issuer)}/interaction/"))
    check_page(page)
    page.get_by_label("Fødselsnummer (pid)").fill(parent.national_id)
    page.get_by_label("Sikkerhetsnivå (acr)").select_option("idporten-loa-substantial")
    page.get_by_role("button", name="Logg inn").click()
    expect(page.get_by_role("heading", name="Mine planer")).to_be_visible()
    assert page.url == f"{live_server.url}/innbygger/"
    check_page(page)

    # On a phone the button is in the folded main menu.
    menu(page).get_by_role("button", name="Logg ut").click()
    # The provider's own page asks to confirm that its session ends too.
    expect(page).to_have_url(re.compile(rf"^{re.escape(idporten.issuer)}/logout"))
    check_page(page)
    page.get_by_role("button", name="Yes, sign me out").click()
    expect(page).to_have_url(re.compile(r"/innbygger/logg-inn/$"))
    expect(page.get_by_role("heading", name="Logg inn for innbyggere og pårørende")).to_be_visible()
    check_page(page)
