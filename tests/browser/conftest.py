"""Browser tests: Debian's Chromium driven by Playwright against Django's live server.

`playwright install` cannot download here, so the system Chromium is launched by path.
Outside CI the tests skip when Chromium is missing; in CI (CI=true) that is a failure.

Every journey runs twice: in a desktop window and at 390 px wide (a phone). Each page it
visits goes through `checks.check_page` (axe-core, no sideways scroll).
"""

import io
import os
import shutil

import pytest
from django.core.management import call_command
from playwright.sync_api import Page

from config.settings import oidc
from tests.browser import checks
from tests.oidc import CLIENTS, Provider, node_missing_reason

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
DEMO_PASSWORD = "demo-passord-for-test"
VIEWPORTS = {
    "skrivebord": {"width": 1280, "height": 900},
    "mobil": {"width": 390, "height": 844},
}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM}; .ci/run installs it")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(params=list(VIEWPORTS))
def context(new_context, request):
    # Reduced motion turns Bootstrap's colour transitions off, so axe never measures the
    # contrast of a button half-way between two states.
    return new_context(viewport=VIEWPORTS[request.param], reduced_motion="reduce")


@pytest.fixture
def page(context):
    page = context.new_page()
    visits = checks.track(page)
    # The policy forbids inline script and style: anything the browser refused is a bug.
    refused = []
    page.on(
        "console",
        lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None,
    )
    yield page
    checks.forget(page)
    unchecked = [url for url in visits.unchecked() if url.startswith("http")]
    assert not unchecked, f"pages visited but never checked (call check_page): {unchecked}"
    assert not refused, f"the Content-Security-Policy refused: {refused}"


def menu(page: Page):
    """The main menu, opened first where the window is narrow enough to fold it away."""
    toggler = page.get_by_role("button", name="Vis meny")
    if toggler.is_visible():
        toggler.click()
    return page.get_by_role("navigation", name="Hovedmeny")


@pytest.fixture
def demo(transactional_db, settings):
    """The demo municipality, as `make run` loads it."""
    settings.KE_DEMO_PASSWORD = DEMO_PASSWORD
    call_command("seed_demo", stdout=io.StringIO())


@pytest.fixture
def login(page, live_server, demo):
    def _login(username):
        page.goto(f"{live_server.url}/logg-inn/")
        checks.check_page(page)
        page.get_by_label("Brukernavn").fill(username)
        page.get_by_label("Passord").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Logg inn").click()
        page.wait_for_url(lambda url: "/logg-inn/" not in url)
        checks.check_page(page)
        return page

    return _login


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
