"""One check for "the same queries however many rows": pages and scans alike."""

import contextlib
import difflib
import re

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext


def assert_constant_queries(run, add_rows, *, n=20, at_most=None, undo=False):
    """Call `run` with 1 row and with `n` rows; it must run the same number of queries.

    `add_rows(k)` adds k more of the rows `run` reads. One row is added, `run` is called
    once to warm up (caches, the first session save), then measured; then `n - 1` rows
    more, and it is measured again. `at_most` bounds the count as well. With `undo`, each
    call runs in a savepoint rolled back afterwards, so a scan finds the same items due
    every time instead of the reminders its first call recorded.

    Returns what `run` returned with 1 row and with `n` rows. The caller checks them:
    a 302 or a 403 runs a constant number of queries too.
    """
    assert n > 1
    add_rows(1)
    _measure(run, undo)
    one, one_result = _measure(run, undo)
    add_rows(n - 1)
    many, many_result = _measure(run, undo)
    if len(one) != len(many):
        raise AssertionError(
            f"{len(one)} queries with 1 row, {len(many)} with {n} rows:\n" + _diff(one, many, n)
        )
    if at_most is not None and len(one) > at_most:
        shapes = "\n".join(_shape(q) for q in one)
        raise AssertionError(f"{len(one)} queries, more than {at_most}:\n{shapes}")
    return one_result, many_result


def assert_page_constant(client, url, add_rows, *, n=50):
    """A page answers 200 and runs the same queries for 1 row as for `n` (50: a page of
    rows); returns the response with `n` rows."""
    one, many = assert_constant_queries(lambda: client.get(url), add_rows, n=n)
    assert (one.status_code, many.status_code) == (200, 200)
    return many


def _measure(run, undo):
    with transaction.atomic() if undo else contextlib.nullcontext():
        with CaptureQueriesContext(connection) as captured:
            result = run()
        if undo:
            transaction.set_rollback(True)
    return [q["sql"] for q in captured.captured_queries], result


def _shape(sql):
    # Ids and dates differ between the two calls; what is queried and how should not.
    # The column list is left out, so that the table and the WHERE clause show.
    sql = re.sub(r"^SELECT .+? FROM ", "SELECT … FROM ", sql, flags=re.DOTALL)
    return re.sub(r"\d+", "N", sql)[:400]


def _diff(one, many, n):
    lines = difflib.unified_diff(
        [_shape(q) for q in one],
        [_shape(q) for q in many],
        fromfile="1 row",
        tofile=f"{n} rows",
        lineterm="",
    )
    return "\n".join(lines)
