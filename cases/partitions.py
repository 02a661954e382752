"""The access log on PostgreSQL: one partition a month, made ahead of time.

At tens of millions of rows a single table is slow to vacuum and impossible to thin out
by age without a huge DELETE; monthly partitions keep each piece small, let a search
with a time range skip the months outside it, and let a month past the retention period
be detached and dropped as a deliberate step by the owner role (README). The daily scan
makes the partitions for the coming months; a DEFAULT partition takes any row that
arrives for a month not yet made, so an insert never fails.

Every partition refuses UPDATE, DELETE and TRUNCATE, as the parent does: the row
trigger is cloned to each partition by PostgreSQL, the TRUNCATE trigger is not (a
TRUNCATE of one partition fires only that partition's triggers), so each partition gets
its own. The "one denied row per user, object type and minute" rule is a unique index on
each partition: a minute never straddles two months, so it holds as on a plain table.
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection

PARENT = "cases_accesslog"
DEFAULT = f"{PARENT}_default"
MONTHS_AHEAD = 3


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def partition_name(month: datetime.date) -> str:
    return f"{PARENT}_y{month:%Y}m{month:%m}"


def _bound(month: datetime.date) -> str:
    start = datetime.datetime.combine(month, datetime.time(), tzinfo=ZoneInfo(settings.TIME_ZONE))
    return start.isoformat()


def protect(cursor, table: str) -> None:
    """The guards every partition carries that PostgreSQL does not clone from the parent."""
    cursor.execute(
        f'CREATE TRIGGER "{table}_no_truncate" BEFORE TRUNCATE ON "{table}" '
        "FOR EACH STATEMENT EXECUTE FUNCTION cases_accesslog_append_only()"
    )
    cursor.execute(
        f'CREATE UNIQUE INDEX "{table}_denied_once" ON "{table}" '
        "(user_id, object_type, denied_minute) WHERE action = 'denied'"
    )


def is_partitioned(cursor) -> bool:
    cursor.execute("SELECT 1 FROM pg_partitioned_table WHERE partrelid = %s::regclass", [PARENT])
    return cursor.fetchone() is not None


def existing(cursor) -> set[str]:
    cursor.execute(
        "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
        "WHERE i.inhparent = %s::regclass",
        [PARENT],
    )
    return {row[0] for row in cursor.fetchall()}


def create_month(cursor, month: datetime.date) -> str:
    name = partition_name(month)
    cursor.execute(
        f'CREATE TABLE "{name}" PARTITION OF "{PARENT}" '
        f"FOR VALUES FROM ('{_bound(month)}') TO ('{_bound(next_month(month))}')"
    )
    protect(cursor, name)
    return name


def ensure_partitions(
    today: datetime.date,
    *,
    months_ahead: int = MONTHS_AHEAD,
    since: datetime.date | None = None,
    dry_run=False,
):
    """Make this month's partition and the next `months_ahead` (and each month from
    `since`, for rows written after the fact); returns the names made."""
    if connection.vendor != "postgresql":
        return []
    made = []
    with connection.cursor() as cursor:
        if not is_partitioned(cursor):
            return []
        have = existing(cursor)
        month = month_start(min(since or today, today))
        last = month_start(today)
        for _ in range(months_ahead):
            last = next_month(last)
        while month <= last:
            if partition_name(month) not in have:
                made.append(partition_name(month) if dry_run else create_month(cursor, month))
            month = next_month(month)
    return made
