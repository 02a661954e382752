"""On PostgreSQL the access log becomes a table partitioned by month (cases/partitions.py).

The rows are moved into the new table in this migration: on a large log, run it in a
maintenance window (about a minute for 2 million rows on 2 cores). The primary key
becomes (id, at), since PostgreSQL requires the partition key in every unique index;
Django still reads `id` as the key, and ids stay unique, drawn from one sequence.
SQLite keeps the plain table.
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import migrations

from cases import partitions

TABLE = partitions.PARENT
GUARDS = f"""
CREATE TRIGGER cases_accesslog_no_update_delete BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION cases_accesslog_append_only();
CREATE TRIGGER cases_accesslog_no_truncate BEFORE TRUNCATE ON {TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION cases_accesslog_append_only();
"""
DENIED = "accesslog_denied_once_a_minute"


def _shape(cursor, table):
    cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s", [table])
    indexes = [
        (name, definition)
        for name, definition in cursor.fetchall()
        if not name.endswith("_pkey") and name != DENIED and not name.endswith("_denied_once")
    ]
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND contype = 'f'",
        [table],
    )
    return indexes, cursor.fetchall()


def _months(cursor, table, today):
    zone = ZoneInfo(settings.TIME_ZONE)
    cursor.execute(f"SELECT min(at), max(at) FROM {table}")
    first, last = cursor.fetchone()
    month = partitions.month_start(first.astimezone(zone).date() if first else today)
    end = partitions.month_start(max(last.astimezone(zone).date() if last else today, today))
    for _ in range(partitions.MONTHS_AHEAD):
        end = partitions.next_month(end)
    while month <= end:
        yield month
        month = partitions.next_month(month)


def _swap_out(cursor, old):
    """Rename the table and its indexes out of the way; return its indexes and keys."""
    indexes, foreign_keys = _shape(cursor, TABLE)
    cursor.execute(f"ALTER TABLE {TABLE} RENAME TO {old}")
    cursor.execute(
        "SELECT indexname FROM pg_indexes WHERE tablename = %s", [old]
    )
    for (name,) in cursor.fetchall():
        cursor.execute(f'ALTER INDEX "{name}" RENAME TO "{name[:55]}_old"')
    return indexes, foreign_keys


def _finish(cursor, old, indexes, foreign_keys):
    cursor.execute(f"INSERT INTO {TABLE} SELECT * FROM {old}")
    cursor.execute(
        f"SELECT setval(pg_get_serial_sequence('{TABLE}', 'id'), "
        f"coalesce((SELECT max(id) FROM {TABLE}), 0) + 1, false)"
    )
    cursor.execute(f"DROP TABLE {old}")
    for name, definition in foreign_keys:
        cursor.execute(f'ALTER TABLE {TABLE} ADD CONSTRAINT "{name}" {definition}')
    for _name, definition in indexes:
        cursor.execute(definition)
    cursor.execute(GUARDS)


def partition(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        if partitions.is_partitioned(cursor):
            return
        old = f"{TABLE}_plain"
        indexes, foreign_keys = _swap_out(cursor, old)
        cursor.execute(
            f"CREATE TABLE {TABLE} (LIKE {old} INCLUDING DEFAULTS INCLUDING IDENTITY "
            "INCLUDING CONSTRAINTS INCLUDING STORAGE) PARTITION BY RANGE (at)"
        )
        cursor.execute(f"ALTER TABLE {TABLE} ADD CONSTRAINT {TABLE}_pkey PRIMARY KEY (id, at)")
        cursor.execute(f"CREATE TABLE {partitions.DEFAULT} PARTITION OF {TABLE} DEFAULT")
        partitions.install_functions(cursor)
        partitions.protect(cursor, partitions.DEFAULT)
        for month in _months(cursor, old, datetime.date.today()):
            partitions.create_month(cursor, month)
        _finish(cursor, old, indexes, foreign_keys)


def unpartition(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        if not partitions.is_partitioned(cursor):
            return
        old = f"{TABLE}_partitioned"
        indexes, foreign_keys = _swap_out(cursor, old)
        cursor.execute(
            f"CREATE TABLE {TABLE} (LIKE {old} INCLUDING DEFAULTS INCLUDING IDENTITY "
            "INCLUDING CONSTRAINTS INCLUDING STORAGE)"
        )
        cursor.execute(f"ALTER TABLE {TABLE} ADD CONSTRAINT {TABLE}_pkey PRIMARY KEY (id)")
        cursor.execute(
            f"CREATE UNIQUE INDEX {DENIED} ON {TABLE} (user_id, object_type, denied_minute) "
            "WHERE action = 'denied'"
        )
        _finish(cursor, old, indexes, foreign_keys)


class Migration(migrations.Migration):
    dependencies = [("cases", "0011_case_hand_over_permission")]

    operations = [migrations.RunPython(partition, unpartition)]
