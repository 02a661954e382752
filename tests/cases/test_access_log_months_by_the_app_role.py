"""The daily scan makes the access log's months as the application's role, which owns no
table (README, "Deployment"), through the owner's function (cases/partitions.py)."""

import datetime
import uuid
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import DatabaseError, connection, transaction

from cases import partitions
from cases.models import AccessLog
from followup.scans import run_one

pytestmark = pytest.mark.django_db
OSLO = ZoneInfo("Europe/Oslo")


@pytest.fixture
def as_app_role(on_postgresql):
    """Like the README's ke_app: may read and add log rows, owns nothing. Made and used
    inside the test's transaction, so it is gone when the test ends."""
    role = f"ke_app_test_{uuid.uuid4().hex[:12]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE ROLE "{role}" NOLOGIN')
        cursor.execute(f'GRANT USAGE ON SCHEMA public TO "{role}"')
        cursor.execute(f'GRANT SELECT, INSERT ON cases_accesslog TO "{role}"')
        cursor.execute(f'SET ROLE "{role}"')
    yield role
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")


def _partition_of(row) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tableoid::regclass::text FROM cases_accesslog WHERE id = %s", [row.pk]
        )
        return cursor.fetchone()[0]


def _logged_at(moment: datetime.datetime) -> AccessLog:
    with time_machine.travel(moment, tick=False):
        return AccessLog.objects.create(
            username="x", object_type="case", object_id="1", action="view"
        )


def test_the_app_role_may_not_add_a_partition_itself(as_app_role):
    refused = pytest.raises(DatabaseError, match="permission denied for schema|must be owner")
    with refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE cases_accesslog_y2031m06 PARTITION OF cases_accesslog "
            "FOR VALUES FROM ('2031-06-01') TO ('2031-07-01')"
        )


def test_the_daily_scan_run_as_the_app_role_makes_the_coming_months(as_app_role):
    made = run_one("access_log_partitions", today=datetime.date(2031, 5, 20))
    with connection.cursor() as cursor:
        have = partitions.existing(cursor)
    assert made == 4
    assert {f"cases_accesslog_y2031m0{month}" for month in (5, 6, 7, 8)} <= have


def test_a_month_made_by_the_app_role_refuses_truncate(as_app_role):
    partitions.ensure_partitions(datetime.date(2031, 5, 20))
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")
    refused = pytest.raises(DatabaseError, match="append-only")
    with refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE cases_accesslog_y2031m06")


def test_a_made_month_starts_at_midnight_in_oslo(on_postgresql):
    partitions.ensure_partitions(
        datetime.date(2031, 5, 20), months_ahead=0, since=datetime.date(2031, 4, 1)
    )
    late_april = _logged_at(datetime.datetime(2031, 4, 30, 23, 59, tzinfo=OSLO))
    first_of_may = _logged_at(datetime.datetime(2031, 5, 1, 0, 0, tzinfo=OSLO))
    assert (_partition_of(late_april), _partition_of(first_of_may)) == (
        "cases_accesslog_y2031m04",
        "cases_accesslog_y2031m05",
    )


def test_a_month_is_made_from_its_first_day_only(on_postgresql):
    refused = pytest.raises(DatabaseError, match="not the first day of a month")
    with refused, transaction.atomic(), connection.cursor() as cursor:
        partitions.create_month(cursor, datetime.date(2031, 5, 2))


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE cases_accesslog_default SET username = 'y' WHERE id = %s",
        "DELETE FROM cases_accesslog_default WHERE id = %s",
        "TRUNCATE cases_accesslog_default",
    ],
)
def test_the_default_partition_refuses_change_too(on_postgresql, sql):
    # No month is made that far ahead, so the row lands in the DEFAULT partition.
    row = _logged_at(datetime.datetime(2099, 1, 15, 12, 0, tzinfo=OSLO))
    assert _partition_of(row) == partitions.DEFAULT
    refused = pytest.raises(DatabaseError, match="append-only")
    with refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(sql, [row.pk] if "%s" in sql else None)
    assert AccessLog.objects.get(pk=row.pk).username == "x"
