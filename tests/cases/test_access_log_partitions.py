"""The access log on PostgreSQL: monthly partitions, each as append-only as the parent."""

import datetime

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from cases import partitions
from cases.models import AccessLog
from followup.scans import run_one

pytestmark = pytest.mark.django_db


def _row():
    return AccessLog.objects.create(username="x", object_type="case", object_id="1", action="view")


def _partition_of(row) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tableoid::regclass::text FROM cases_accesslog WHERE id = %s", [row.pk]
        )
        return cursor.fetchone()[0]


def test_a_row_lands_in_its_months_partition(on_postgresql):
    row = _row()
    month = partitions.month_start(timezone.localtime(row.at).date())
    assert _partition_of(row) == partitions.partition_name(month)


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE {table} SET username = 'y' WHERE id = %s",
        "DELETE FROM {table} WHERE id = %s",
        "TRUNCATE {table}",
    ],
)
def test_a_partition_refuses_change_as_the_parent_does(on_postgresql, sql):
    row = _row()
    table = _partition_of(row)
    statement = sql.format(table=table)
    refused = pytest.raises(DatabaseError, match="append-only")
    with refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(statement, [row.pk] if "%s" in statement else None)
    assert AccessLog.objects.get(pk=row.pk).username == "x"


def test_the_daily_scan_makes_the_coming_months_partitions(on_postgresql):
    made = run_one("access_log_partitions", today=datetime.date(2031, 5, 20))
    with connection.cursor() as cursor:
        have = partitions.existing(cursor)
    assert made == 4
    assert {"cases_accesslog_y2031m05", "cases_accesslog_y2031m08"} <= have


def test_the_months_since_a_day_are_made_for_rows_written_after_the_fact(on_postgresql):
    made = partitions.ensure_partitions(
        datetime.date(2031, 5, 20), months_ahead=0, since=datetime.date(2031, 2, 3)
    )
    assert made == [f"cases_accesslog_y2031m0{month}" for month in (2, 3, 4, 5)]


def test_a_partition_made_ahead_refuses_truncate_too(on_postgresql):
    partitions.ensure_partitions(datetime.date(2031, 5, 20))
    refused = pytest.raises(DatabaseError, match="append-only")
    with refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE cases_accesslog_y2031m06")


def test_a_second_run_makes_nothing(on_postgresql):
    partitions.ensure_partitions(datetime.date(2031, 5, 20))
    assert run_one("access_log_partitions", today=datetime.date(2031, 5, 20)) == 0


def test_a_denied_attempt_is_kept_once_a_minute_on_a_partition(on_postgresql, rf, caseworker):
    from cases.access import _write

    request = rf.get("/")
    request.user = caseworker
    for _ in range(2):
        _write(request, object_type="case", object_id="9", action=AccessLog.Action.DENIED)
    assert AccessLog.objects.filter(action=AccessLog.Action.DENIED).count() == 1


def test_sqlite_keeps_a_plain_table():
    if connection.vendor == "postgresql":
        pytest.skip("SQLite only")
    assert partitions.ensure_partitions(datetime.date(2031, 5, 20)) == []
