"""Counting several querysets in one statement, each only as far as it needs."""

from django.core.exceptions import EmptyResultSet
from django.db import connections


def count_each(querysets, *, at_most: int) -> list[int]:
    """How many rows each of `querysets` has, each counted to at most `at_most`: one
    statement, in the order given. All must be on the same database."""
    if not querysets:
        return []
    using = querysets[0].db
    parts, params = [], []
    for position, queryset in enumerate(querysets):
        # Kept in its order: an index in that order lets the planner stop at `at_most`.
        limited = queryset.values("pk")[:at_most]
        try:
            sql, part_params = limited.query.get_compiler(using=using).as_sql()
        except EmptyResultSet:  # a filter nothing can match: Django sends no query
            parts.append("0")
            continue
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS counted_{position})")
        params.extend(part_params)
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        return list(cursor.fetchone())
