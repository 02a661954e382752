"""Writing generated rows fast: COPY on PostgreSQL, executemany elsewhere.

The benchmark's data is made in Python as plain tuples with the ids chosen up front,
so foreign keys are known without reading anything back. Columns a caller leaves out
get the field's default (auto_now fields: now), so each generator names only what it
sets.
"""

import datetime

from django.db import connection, models
from django.utils import timezone


class TableWriter:
    def __init__(self, model: type[models.Model], columns: list[str]):
        by_attname = {f.attname: f for f in model._meta.concrete_fields}
        self.model = model
        self.fields = [by_attname[name] for name in columns]
        # A serial id the caller leaves out comes from the database's sequence.
        rest = [
            f
            for f in model._meta.concrete_fields
            if f.attname not in columns and not isinstance(f, models.AutoField)
        ]
        self.fields += rest
        self.rest = tuple(_default(f) for f in rest)
        self.written = 0
        names = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)
        self.table = connection.ops.quote_name(model._meta.db_table)
        self.copy_sql = f"COPY {self.table} ({names}) FROM STDIN"
        marks = ", ".join(["%s"] * len(self.fields))
        self.insert_sql = f"INSERT INTO {self.table} ({names}) VALUES ({marks})"
        self.json = [i for i, f in enumerate(self.fields) if isinstance(f, models.JSONField)]

    def write(self, rows) -> int:
        count = 0
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                from psycopg.types.json import Jsonb

                with cursor.cursor.copy(self.copy_sql) as copy:
                    for row in rows:
                        row = tuple(row) + self.rest
                        if self.json:
                            row = tuple(
                                Jsonb(v) if i in self.json else v for i, v in enumerate(row)
                            )
                        copy.write_row(row)
                        count += 1
            else:
                prepared = [
                    tuple(
                        f.get_db_prep_save(v, connection)
                        for f, v in zip(self.fields, tuple(row) + self.rest, strict=True)
                    )
                    for row in rows
                ]
                cursor.executemany(self.insert_sql, prepared)
                count = len(prepared)
        self.written += count
        return count


def _default(field):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return timezone.now() if isinstance(field, models.DateTimeField) else datetime.date.today()
    if field.has_default():
        return field.get_default()
    if field.null:
        return None
    if field.empty_strings_allowed:
        return ""
    raise ValueError(f"{field.model.__name__}.{field.name} needs a value")


def next_id(model) -> int:
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


def reset_sequences(models_written) -> None:
    from django.core.management.color import no_style

    statements = connection.ops.sequence_reset_sql(no_style(), list(models_written))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
