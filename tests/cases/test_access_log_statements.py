"""Writing the access log costs one INSERT however many rows a page shows; one row, the
usual detail page, is written outside a transaction of its own (autocommit)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.access import log_list
from cases.models import AccessLog
from cases.roles import user_role
from tests.factories import UserFactory

# Outside a test transaction, so that a BEGIN of the write's own would be seen.
pytestmark = pytest.mark.django_db(transaction=True)


def _written(rf, shown) -> list[str]:
    request = rf.get("/")
    request.user = UserFactory(caseworker=True)
    user_role(request.user)  # read before, not counted below
    with CaptureQueriesContext(connection) as captured:
        log_list(request, object_type="case", shown=shown)
    assert sorted(AccessLog.objects.values_list("person_id", flat=True)) == [p for _, p in shown]
    return [q["sql"].split()[0].upper() for q in captured.captured_queries]


def test_one_row_is_one_insert_and_nothing_else(rf):
    assert _written(rf, [(1, 11)]) == ["INSERT"]


def test_many_rows_are_still_one_insert(rf):
    assert _written(rf, [(1, 11), (2, 12), (3, 13)]).count("INSERT") == 1
