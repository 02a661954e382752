import datetime
import os
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.db import connection

# Playwright's sync API runs an event loop in the test thread; Django's ORM would
# otherwise refuse to run beside it in the browser tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_report_header(config):
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    broker = "Redis" if settings.REDIS_URL else "none (tasks run in-process)"
    return [f"database engine: {engine}", f"celery broker: {broker}"]


# The day a test runs on when it asks for `today` without naming one. A Monday in a
# week with no public holiday, so that working-day arithmetic has nothing to skip.
DEFAULT_TODAY = datetime.date(2026, 6, 15)


@pytest.fixture
def today(request):
    """Freeze the clock at 10:00 Oslo time on the day the test names with
    `@pytest.mark.today("2026-11-23")` (or on DEFAULT_TODAY) and return that day.

    The clock keeps ticking from there, so timestamps still order, but the date
    stays put: every factory, service and view reads the same "today".
    """
    marker = request.node.get_closest_marker("today")
    day = _as_date(marker.args[0]) if marker else DEFAULT_TODAY
    start = datetime.datetime.combine(day, datetime.time(10), tzinfo=ZoneInfo("Europe/Oslo"))
    with time_machine.travel(start, tick=True):
        yield day


@pytest.fixture(autouse=True)
def _clock_named_by_marker(request):
    # A test marked with a day gets the frozen clock without asking for `today`.
    if request.node.get_closest_marker("today"):
        request.getfixturevalue("today")


def _as_date(value):
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


def pytest_terminal_summary(terminalreporter):
    # A run without Chromium, PostgreSQL or Redis skips whole groups of tests; say so plainly
    # at the end, with the command that brings them back, so a green run is never mistaken
    # for a complete one.
    skipped = terminalreporter.stats.get("skipped", [])
    browser = sum(1 for report in skipped if "browser" in report.keywords)
    services = len(skipped) - browser
    if browser:
        terminalreporter.write_line(
            f"{browser} browser tests skipped (no Chromium); "
            "enable them with: apt-get install chromium"
        )
    if services:
        terminalreporter.write_line(
            f"{services} tests skipped (they need PostgreSQL or Redis); "
            "run them all with: bash .ci/run"
        )


@pytest.fixture(autouse=True, scope="session")
def _flush_past_the_access_log_trigger():
    """Let Django's flush after a transactional test empty the access log on PostgreSQL.

    The flush is one TRUNCATE of every table, which the append-only trigger refuses.
    Inside the flush's own transaction it switches ordinary triggers off with
    `session_replication_role`, which only a superuser (the test role) may set; the
    app's role in production cannot, so this opens nothing outside the tests.
    """
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        yield
        return
    from django.db.backends.postgresql.operations import DatabaseOperations

    flush = DatabaseOperations.execute_sql_flush

    def execute_sql_flush(self, sql_list):
        flush(self, ["SET LOCAL session_replication_role = replica", *sql_list])

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(DatabaseOperations, "execute_sql_flush", execute_sql_flush)
        yield


@pytest.fixture
def on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")


@pytest.fixture
def caseworker(db):
    from tests.factories import UserFactory

    return UserFactory(caseworker=True)


@pytest.fixture
def leader(db):
    from tests.factories import UserFactory

    return UserFactory(leader=True)


@pytest.fixture
def coordinator_user(db):
    from tests.factories import CoordinatorFactory

    return CoordinatorFactory().user


@pytest.fixture
def caseworker_client(client, caseworker):
    client.force_login(caseworker)
    return client


@pytest.fixture
def coordinator_client(client, coordinator_user):
    client.force_login(coordinator_user)
    return client


@pytest.fixture
def citizen(db):
    """A parent registered by national id, logged in as ID-porten would log them in."""
    import datetime

    from cases.login.accounts import citizen_login
    from cases.national_id import synthesize
    from tests.factories import RelationFactory

    relation = RelationFactory(national_id=synthesize(datetime.date(1982, 2, 3), 321))
    return citizen_login(national_id=relation.national_id, acr="idporten-loa-substantial")


@pytest.fixture
def citizen_client(client, citizen):
    client.force_login(citizen, backend="cases.login.backends.CitizenBackend")
    return client


@pytest.fixture(scope="module")
def replica_alias(django_db_setup, django_db_blocker):
    """A `replica` database alias mirroring the test database, as DATABASE_REPLICA_URL adds
    one in production, for a module of tests marked
    `django_db(transaction=True, databases=["default", "replica"])`.

    Module-scoped, so that it exists before each test's database access is set up. A
    connection of its own, as a real replica is: it sees committed rows only, hence the
    transactional tests.
    """
    from django.db import connections

    from core.db import REPLICA

    primary = connections["default"].settings_dict
    settings.DATABASES[REPLICA] = {**primary, "TEST": {**primary["TEST"], "MIRROR": "default"}}
    try:
        yield REPLICA
    finally:
        with django_db_blocker.unblock():
            connections[REPLICA].close()
        del connections[REPLICA]
        del settings.DATABASES[REPLICA]
