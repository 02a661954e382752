"""How a browser test logs a citizen in, in one place: through the local OpenID Connect
provider configured like ID-porten (the `idporten` fixture in conftest.py), as a real
citizen would, with the national id the provider vouches for (the pid claim)."""

import re

from playwright.sync_api import expect

from tests.browser.checks import check_page

ACR = "idporten-loa-substantial"


def log_in_citizen(browser, live_server, *, national_id: str, acr: str = ACR):
    """A new browser context with the citizen logged in through the provider; returns its
    page, on the citizen's start page. Needs the `idporten` fixture."""
    page = browser.new_context().new_page()
    page.goto(f"{live_server.url}/innbygger/logg-inn/")
    check_page(page)
    page.get_by_role("link", name="Logg inn med ID-porten").click()
    expect(page).to_have_url(re.compile(r"/interaction/"))
    check_page(page)
    page.get_by_label("Fødselsnummer (pid)").fill(national_id)
    page.get_by_label("Sikkerhetsnivå (acr)").select_option(acr)
    page.get_by_role("button", name="Logg inn").click()
    expect(page.get_by_role("heading", name="Mine planer")).to_be_visible()
    return page
