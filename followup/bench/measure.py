"""Time a page in-process and compare it with its SQL floor.

The floor is the page's own statements, captured from one request and replayed raw on
the same connection (in a transaction rolled back afterwards, so the access-log and
session writes leave nothing behind). What the page costs above the floor is Python:
the ORM building rows, forms and templates.
"""

import re
import statistics
import time
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from followup.bench.pages import BenchPage

SLOW_STATEMENT_MS = 10


@dataclass
class Result:
    page: BenchPage
    status: int
    queries: int
    p50: float
    p95: float
    floor: float
    slow: list = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return self.p50 / self.floor if self.floor > 0.05 else 0.0


def _plain(sql: str) -> str:
    """A server-side cursor's DECLARE replays as its SELECT (the name is taken until
    the transaction ends)."""
    match = re.match(r'\s*DECLARE\s+"[^"]+".*?\bCURSOR\b.*?\bFOR\s+(.*)', sql, re.S | re.I)
    return match.group(1) if match else sql


def cpu_reference_ms() -> float:
    """A fixed piece of pure Python (two million additions), best of three. Pages cost
    Python in the same proportion: compare it between tables measured on other days."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        total = 0
        for number in range(2_000_000):
            total += number
        best = min(best, (time.perf_counter() - started) * 1000)
    return best


def _percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class Bench:
    def __init__(self, *, requests: int = 20, replays: int = 5):
        self.requests = requests
        self.replays = replays
        self.clients: dict[str, Client] = {}

    def client(self, username: str) -> Client:
        if username not in self.clients:
            client = Client(secure=True)
            client.force_login(get_user_model().objects.get(username=username))
            self.clients[username] = client
        return self.clients[username]

    def path(self, page: BenchPage) -> str:
        if page.post is None:
            return page.path
        response = self.client(page.username).post(page.path, page.post)
        return response["Location"]

    def run(self, page: BenchPage) -> Result:
        client, path = self.client(page.username), self.path(page)
        for _ in range(2):
            response = client.get(path)
        times = []
        for _ in range(self.requests):
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        statements = [_plain(q["sql"]) for q in captured.captured_queries]
        floor, slow = self.replay(statements)
        return Result(
            page=page,
            status=response.status_code,
            queries=len(statements),
            p50=statistics.median(times),
            p95=_percentile(times, 0.95),
            floor=floor,
            slow=slow,
        )

    def replay(self, statements: list[str]) -> tuple[float, list]:
        totals, each = [], [[] for _ in statements]
        for _ in range(self.replays):
            with transaction.atomic(), connection.cursor() as cursor:
                started = time.perf_counter()
                for i, sql in enumerate(statements):
                    t = time.perf_counter()
                    cursor.execute(sql)
                    each[i].append((time.perf_counter() - t) * 1000)
                totals.append((time.perf_counter() - started) * 1000)
                transaction.set_rollback(True)
        slow = []
        for sql, times in zip(statements, each, strict=True):
            ms = statistics.median(times)
            if ms > SLOW_STATEMENT_MS:
                slow.append((ms, sql, self.explain(sql)))
        return statistics.median(totals), slow

    def explain(self, sql: str) -> str:
        if connection.vendor != "postgresql" or not sql.lstrip().upper().startswith("SELECT"):
            return ""
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            transaction.set_rollback(True)
        return plan


def table(results: list[Result]) -> str:
    lines = [
        "| Page | Queries | p50 ms | p95 ms | SQL floor ms | p50 / floor |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        status = "" if r.status == 200 else f" (HTTP {r.status})"
        lines.append(
            f"| {r.page.name}{status} | {r.queries} | {r.p50:.0f} | {r.p95:.0f} "
            f"| {r.floor:.1f} | {r.ratio:.1f}× |"
        )
    return "\n".join(lines)
