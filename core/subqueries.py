"""Subqueries compiled once, for the conditions every query of every page carries.

The case scope goes into each query a page makes. Built and compiled by the ORM each
time, its unit subquery (cases.units.unit_ids_of) cost more Python than the rest of the
query: compiling Frister's evaluation query took 6.0 ms with it and 3.3 ms without, ten
queries a page. Its SQL text depends only on one value, a user's id, so it is compiled
once per database vendor and the value put in its parameters at each use.
"""

from collections.abc import Callable

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

# Two values no id takes: where the parameters of the two compilations differ, the value
# goes.
_PROBES = (-7_001, -7_003)


class OneValueSubquery:
    """`build(value)` is an uncorrelated queryset of one column; calling this with a
    value gives the same subquery as RawSQL, for `field__in=`."""

    def __init__(self, build: Callable[[int], QuerySet]):
        self.build = build
        self._compiled: dict[str, tuple[str, list, list[int]]] = {}

    def __call__(self, value: int) -> RawSQL:
        sql, params, positions = self._compile(connections[DEFAULT_DB_ALIAS])
        bound = list(params)
        for position in positions:
            bound[position] = value
        return RawSQL(sql, bound)

    def _compile(self, connection) -> tuple[str, list, list[int]]:
        if connection.vendor not in self._compiled:
            (sql, first), (other_sql, second) = (
                self.build(probe).query.get_compiler(connection=connection).as_sql()
                for probe in _PROBES
            )
            if sql != other_sql:
                raise ValueError("The subquery's SQL must depend on its value only as parameters.")
            positions = [i for i, (a, b) in enumerate(zip(first, second, strict=True)) if a != b]
            if not positions or any(first[i] != _PROBES[0] for i in positions):
                raise ValueError("The subquery's SQL must depend on its value only as parameters.")
            self._compiled[connection.vendor] = (sql, list(first), positions)
        return self._compiled[connection.vendor]
