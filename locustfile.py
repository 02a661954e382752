"""Load test (issue 18): caseworkers at work, 1–3 s between requests.

    .venv/bin/locust -f locustfile.py --host http://127.0.0.1:8018 --headless -u 50 -r 5 -t 5m

Against a database filled by `make bench-fill`: the users saksbehandler01..40 share the
password given to bench_fill (LOCUST_PASSWORD, default bench-passord-123). Each simulated
caseworker logs in once, then opens lists and cases as a day at work does.
"""

import itertools
import os
import random
import re

from locust import HttpUser, between, task

PASSWORD = os.environ.get("LOCUST_PASSWORD", "bench-passord-123")
CASEWORKERS = itertools.cycle(range(1, int(os.environ.get("LOCUST_CASEWORKERS", "40")) + 1))
CASE_LINK = re.compile(r'href="/saker/(\d+)/"')


class Caseworker(HttpUser):
    wait_time = between(1, 3)

    def on_start(self):
        self.cases: list[str] = []
        page = self.client.get("/logg-inn/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        self.client.post(
            "/logg-inn/",
            {
                "username": f"saksbehandler{next(CASEWORKERS):02d}",
                "password": PASSWORD,
                "csrfmiddlewaretoken": token,
            },
            headers={"Referer": f"{self.host}/logg-inn/"},
        )

    def _case(self) -> str | None:
        return random.choice(self.cases) if self.cases else None

    @task(4)
    def case_list(self):
        page = random.choice(["", "?side=2", "?side=20", "?status=under_assessment"])
        response = self.client.get(f"/saker/{page}", name="/saker/")
        self.cases = CASE_LINK.findall(response.text)[:25] or self.cases

    @task(6)
    def case_tabs(self):
        case = self._case()
        if case is None:
            return
        for tab in ("", "journal/", "samtykke/", "tjenester/"):
            self.client.get(f"/saker/{case}/{tab}", name=f"/saker/[id]/{tab}")
        self.client.get(f"/vedtak/sak/{case}/", name="/vedtak/sak/[id]/")
        self.client.get(f"/planer/sak/{case}/", name="/planer/sak/[id]/")

    @task(2)
    def dashboard(self):
        self.client.get("/saker/mine/")

    @task(2)
    def deadlines(self):
        self.client.get("/saker/frister/")

    @task(1)
    def decisions(self):
        self.client.get("/vedtak/")

    @task(1)
    def plans(self):
        self.client.get("/planer/")

    @task(1)
    def coordinators(self):
        self.client.get("/koordinatorer/")
