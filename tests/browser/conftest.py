"""Browser tests: Debian's Chromium driven by Playwright against Django's live server.

`playwright install` cannot download here, so the system Chromium is launched by path.
Outside CI the tests skip when Chromium is missing; in CI (CI=true) that is a failure.
"""

import io
import os
import shutil

import pytest
from django.core.management import call_command

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
DEMO_PASSWORD = "demo-passord-for-test"


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


@pytest.fixture
def demo(transactional_db, settings):
    """The demo municipality, as `make run` loads it."""
    settings.KE_DEMO_PASSWORD = DEMO_PASSWORD
    call_command("seed_demo", stdout=io.StringIO())


@pytest.fixture
def login(page, live_server, demo):
    def _login(username):
        page.goto(f"{live_server.url}/logg-inn/")
        page.get_by_label("Brukernavn").fill(username)
        page.get_by_label("Passord").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Logg inn").click()
        return page

    return _login
