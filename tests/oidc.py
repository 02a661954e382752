"""The local OpenID Connect provider the login tests go through (tests/oidc_provider/).

node's oidc-provider, configured like ID-porten, started on 127.0.0.1 and a free port.
The tests' browser is `requests` on the provider's side and Django's test client on ours:
every step the provider takes (authorize, its login page, the code, the token, the
keys) is real HTTP against the real provider.
"""

import json
import os
import re
import shutil
import socket
import subprocess
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import requests

APP = Path(__file__).resolve().parent / "oidc_provider"
TESTSERVER = "http://testserver"
CITIZEN_CALLBACK = f"{TESTSERVER}/innbygger/logg-inn/id-porten/svar/"
STAFF_CALLBACK = f"{TESTSERVER}/logg-inn/sso/svar/"
CLIENTS = {
    "citizen": {
        "client_id": "ke-innbygger",
        "client_secret": "test-only-secret-for-the-citizen-client-0123456789",
        "redirect_uris": [CITIZEN_CALLBACK],
        "post_logout_redirect_uris": [f"{TESTSERVER}/innbygger/logg-inn/"],
    },
    "staff": {
        "client_id": "ke-ansatt",
        "client_secret": "test-only-secret-for-the-staff-client-0123456789",
        "redirect_uris": [STAFF_CALLBACK],
        "post_logout_redirect_uris": [f"{TESTSERVER}/logg-inn/"],
    },
}


def node_missing_reason() -> str:
    if shutil.which("node") is None:
        if os.environ.get("CI"):
            raise RuntimeError("CI must have Node.js for the login tests (.ci/run installs it)")
        return "Node.js is not installed: the login tests need node to run oidc-provider"
    return ""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Provider:
    def __init__(self, clients: dict | None = None):
        self.clients = clients or CLIENTS
        if not (APP / "node_modules" / "oidc-provider").is_dir():
            # CI runs `npm ci` in .ci/run; a laptop may not have yet.
            subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=APP, check=True)
        self.port = _free_port()
        self.issuer = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            ["node", "server.js"],
            cwd=APP,
            # The whole environment: under `make test-clock` faketime moves node's clock
            # with ours, or every token would have expired years ago.
            env={
                **os.environ,
                "PORT": str(self.port),
                "CLIENTS": json.dumps(list(self.clients.values())),
            },
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        line = self.process.stdout.readline()
        if not line.startswith("listening"):
            self.process.kill()
            raise RuntimeError(f"the test provider did not start: {line!r}")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)

    def settings_for(self, name: str, **overrides) -> dict:
        # (For a browser test, `clients` registers the live server's addresses instead.)
        """The provider's settings as config/settings/base.py builds them from the env."""
        client = self.clients[name]
        citizen = name == "citizen"
        return {
            "ISSUER": self.issuer,
            "END_SESSION_ENDPOINT": f"{self.issuer}/logout",
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{self.issuer}/authorize",
            "OIDC_OP_TOKEN_ENDPOINT": f"{self.issuer}/token",
            "OIDC_OP_JWKS_ENDPOINT": f"{self.issuer}/jwks.json",
            "OIDC_OP_USER_ENDPOINT": "",
            "OIDC_RP_CLIENT_ID": client["client_id"],
            "OIDC_RP_CLIENT_SECRET": client["client_secret"],
            "OIDC_RP_SIGN_ALGO": "RS256",
            "OIDC_RP_SCOPES": "openid" if citizen else "openid profile",
            "OIDC_USE_PKCE": True,
            "OIDC_PKCE_CODE_CHALLENGE_METHOD": "S256",
            "OIDC_AUTH_REQUEST_EXTRA_PARAMS": (
                {"acr_values": "idporten-loa-substantial"} if citizen else {}
            ),
            "OIDC_AUTHENTICATION_CALLBACK_URL": (
                "citizen:oidc_callback" if citizen else "staff_oidc_callback"
            ),
            "OIDC_STORE_ID_TOKEN": True,
            "OIDC_TIMEOUT": 10,
            "LOGIN_REDIRECT_URL": "citizen:home" if citizen else "home",
            **overrides,
        }

    def log_in(
        self, authorize_url: str, *, pid: str, acr: str, amr: str = "TestID", name: str = ""
    ) -> str:
        """Go from our redirect to the provider through its login page, as a browser
        would; return where the provider sends the browser back (our callback, with the
        code and the state, or an error)."""
        browser = requests.Session()
        response = browser.get(authorize_url, allow_redirects=False, timeout=10)
        while response.status_code in (302, 303):
            location = urljoin(response.url, response.headers["location"])
            if location.startswith(TESTSERVER):
                return location
            response = browser.get(location, allow_redirects=False, timeout=10)
            if response.status_code == 200 and "<form" in response.text:
                action = re.search(r'action="([^"]+)"', response.text).group(1)
                response = browser.post(
                    urljoin(response.url, action),
                    data={"pid": pid, "acr": acr, "amr": amr, "name": name},
                    allow_redirects=False,
                    timeout=10,
                )
        raise AssertionError(f"the provider answered {response.status_code}: {response.text[:300]}")


def path_of(url: str) -> str:
    """Our side of a URL the provider redirects to, for Django's test client."""
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path
