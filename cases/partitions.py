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

Only the table's owner may add a partition, and the application's role must not own the
tables (README, "Deployment"). So a month is made by ke_access_log_make_month(), a
SECURITY DEFINER function owned by the role that ran the migrations: the daily scan, run
as the application's role, can make an empty month with its guards and nothing else.
"""

import datetime

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


# Made by migration 0012 on a new database and by 0026 on one partitioned before it; both
# run as the owner, so the functions are the owner's. A month's bounds are midnight in the
# time zone given, and its name is the one partition_name() gives.
FUNCTIONS = r"""
CREATE OR REPLACE FUNCTION ke_access_log_protect(partition text) RETURNS void
    LANGUAGE plpgsql SET search_path = public, pg_temp
AS $$
BEGIN
    EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT '
                   'EXECUTE FUNCTION cases_accesslog_append_only()',
                   partition || '_no_truncate', partition);
    EXECUTE format('CREATE UNIQUE INDEX %I ON %I (user_id, object_type, denied_minute) '
                   'WHERE action = %L', partition || '_denied_once', partition, 'denied');
END $$;

CREATE OR REPLACE FUNCTION ke_access_log_make_month(month date, zone text) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
DECLARE
    partition text := 'cases_accesslog_y' || to_char(month, 'YYYY') || 'm' || to_char(month, 'MM');
    following date := (month + interval '1 month')::date;
BEGIN
    IF extract(day FROM month) <> 1 THEN
        RAISE EXCEPTION 'not the first day of a month: %', month;
    END IF;
    EXECUTE format(
        'CREATE TABLE %I PARTITION OF cases_accesslog FOR VALUES FROM (%L) TO (%L)',
        partition,
        make_timestamptz(extract(year FROM month)::int, extract(month FROM month)::int,
                         1, 0, 0, 0, zone),
        make_timestamptz(extract(year FROM following)::int,
                         extract(month FROM following)::int, 1, 0, 0, 0, zone));
    PERFORM ke_access_log_protect(partition);
    RETURN partition;
END $$;
"""


def install_functions(cursor) -> None:
    cursor.execute(FUNCTIONS)


def protect(cursor, table: str) -> None:
    """The guards every partition carries that PostgreSQL does not clone from the parent."""
    cursor.execute("SELECT ke_access_log_protect(%s)", [table])


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
    cursor.execute("SELECT ke_access_log_make_month(%s, %s)", [month, settings.TIME_ZONE])
    return cursor.fetchone()[0]


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
