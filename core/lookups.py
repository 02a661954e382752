"""Conditions written so that PostgreSQL serves them by index.

`AnyOf(field, subquery)` is `field = ANY(ARRAY(subquery))`: the subquery runs once,
first (an InitPlan), and the rows are looked up by the field's index. Written as
`field IN (subquery)`, the planner may hash the subquery and scan the whole table
against it; and `a = x OR b IN (subquery)` cannot use an index for the second branch
at all, while `a = x OR AnyOf(b, …)` becomes a BitmapOr of two index scans.
SQLite has no arrays; there it is the plain IN.
"""

from django.db.models import BooleanField, F, Func


class AnyOf(Func):
    # The subquery (a Subquery or RawSQL) brings its own parentheses.
    template = "(%(expressions)s))"
    arg_joiner = " = ANY(ARRAY"
    output_field = BooleanField()

    def __init__(self, field: str, subquery, **extra):
        super().__init__(F(field), subquery, **extra)

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, template="%(expressions)s", arg_joiner=" IN ", **extra_context
        )
