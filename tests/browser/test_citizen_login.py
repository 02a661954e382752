"""A parent logs in with "ID-porten" in Chromium: the local provider's pages, our pages."""

import re

import pytest
from playwright.sync_api import expect

from cases.models import Relation
from config.settings import oidc
from tests.browser.checks import check_page
from tests.browser.conftest import menu
from tests.oidc import CLIENTS, Provider, node_missing_reason

pytestmark = [pytest.mark.browser, pytest.mark.oidc]


@pytest.fixture
def idporten(live_server, settings):
    reason = node_missing_reason()
    if reason:
        pytest.skip(reason)
    client = {
        **CLIENTS["citizen"],
        "redirect_uris": [f"{live_server.url}/innbygger/logg-inn/id-porten/svar/"],
        "post_logout_redirect_uris": [f"{live_server.url}/innbygger/logg-inn/"],
    }
    provider = Provider({"citizen": client})
    settings.OIDC_PROVIDERS = {
        **settings.OIDC_PROVIDERS,
        "citizen": provider.settings_for("citizen"),
    }
    # As base.py builds it from the configured providers.
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {
            **directives,
            "form-action": ["'self'", *oidc.logout_origins(settings.OIDC_PROVIDERS)],
        }
    }
    yield provider
    provider.stop()


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
