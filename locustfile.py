"""Load test (issue 18): caseworkers at work, 1–3 s between requests.

    make load                       # gunicorn + this file, figures in var/load/ (README)
    .venv/bin/locust -f locustfile.py --host http://127.0.0.1:8018 --headless -u 50 -r 5 -t 5m

Against a database filled by `make bench-fill`: the users saksbehandler01..40 share the
password given to bench_fill (LOCUST_PASSWORD, default bench-passord-123). Each simulated
caseworker logs in once, then opens lists and cases as a day at work does.

The server runs with the production settings behind a TLS proxy (DJANGO_BEHIND_TLS_PROXY):
its cookies are Secure and a POST must come from an https page. The client here plays the
browser and that proxy in one, over plain HTTP on loopback: it sends `X-Forwarded-Proto:
https` as the proxy does, returns the Secure cookies a browser returns over TLS
(`_through_the_proxy`), and names the https page in its Referer. Nothing in the settings
is loosened for the run.

A request counts as failed when it does not answer 200, or answers with the login page
(a lost session); the run exits non-zero when any failed or when the aggregated p95 is
over LOAD_P95_MS (300 ms).
"""

import itertools
import logging
import os
import random
import re

from locust import HttpUser, between, events, task

PASSWORD = os.environ.get("LOCUST_PASSWORD", "bench-passord-123")
CASEWORKERS = itertools.cycle(range(1, int(os.environ.get("LOCUST_CASEWORKERS", "40")) + 1))
CASE_LINK = re.compile(r'href="/saker/(\d+)/"')
LOGIN_PATH = "/logg-inn/"
CASE_TABS = ("", "journal/", "samtykke/", "tjenester/")
P95_LIMIT_MS = float(os.environ.get("LOAD_P95_MS", "300"))


class Caseworker(HttpUser):
    wait_time = between(1, 3)

    def on_start(self):
        self.cases: list[str] = []
        self.client.headers["X-Forwarded-Proto"] = "https"
        page = self._get(LOGIN_PATH, name=LOGIN_PATH, login_page=True)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        https_origin = self.host.replace("http://", "https://", 1)
        self._through_the_proxy()
        with self.client.post(
            LOGIN_PATH,
            {
                "username": f"saksbehandler{next(CASEWORKERS):02d}",
                "password": PASSWORD,
                "csrfmiddlewaretoken": token,
            },
            headers={"Referer": f"{https_origin}{LOGIN_PATH}"},
            name=f"{LOGIN_PATH} (POST)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            # A login that works redirects away from the login page.
            if response.status_code != 302 or LOGIN_PATH in response.headers.get("Location", ""):
                response.failure(f"login refused (HTTP {response.status_code})")

    def _through_the_proxy(self):
        """The browser returns its Secure cookies over TLS; the proxy forwards them to us
        over plain HTTP. (requests would keep them back on an http:// URL.)"""
        for cookie in self.client.cookies:
            cookie.secure = False

    def _get(self, path: str, name: str | None = None, login_page: bool = False):
        self._through_the_proxy()
        with self.client.get(path, name=name or path, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
            elif LOGIN_PATH in response.url and not login_page:
                response.failure("sent to the login page")
            return response

    def _case(self) -> str | None:
        return random.choice(self.cases) if self.cases else None

    @task(4)
    def case_list(self):
        page = random.choice(["", "?side=2", "?side=20", "?status=under_assessment"])
        response = self._get(f"/saker/{page}", name="/saker/")
        self.cases = CASE_LINK.findall(response.text)[:25] or self.cases

    @task(6)
    def case_tabs(self):
        case = self._case()
        if case is None:
            return
        pages = [(f"/saker/{case}/{tab}", f"/saker/[id]/{tab}") for tab in CASE_TABS]
        pages += [
            (f"/vedtak/sak/{case}/", "/vedtak/sak/[id]/"),
            (f"/planer/sak/{case}/", "/planer/sak/[id]/"),
        ]
        for number, (path, name) in enumerate(pages):
            if number:
                # A caseworker reads a tab before the next: 1-3 s between these requests
                # too, as between tasks.
                self.wait()
            self._get(path, name=name)

    @task(2)
    def dashboard(self):
        self._get("/saker/mine/")

    @task(2)
    def deadlines(self):
        self._get("/saker/frister/")

    @task(1)
    def decisions(self):
        self._get("/vedtak/")

    @task(1)
    def plans(self):
        self._get("/planer/")

    @task(1)
    def coordinators(self):
        self._get("/koordinatorer/")


@events.quitting.add_listener
def _judge(environment, **kwargs):
    """Exit code 1 when a request failed or the aggregated p95 is over the limit."""
    total = environment.stats.total
    p95 = total.get_response_time_percentile(0.95) or 0
    failed = total.num_failures
    logging.info("load run: %s requests, %s failed, p95 %s ms", total.num_requests, failed, p95)
    if failed or p95 > P95_LIMIT_MS:
        logging.error(
            "load run failed: %s failed requests, p95 %s ms > %s", failed, p95, P95_LIMIT_MS
        )
        environment.process_exit_code = 1
    else:
        environment.process_exit_code = 0
