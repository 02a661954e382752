"""The admin's access-log list at 50 million rows: nothing reads the whole table.

A COUNT is bounded by a LIMIT subquery, no filter asks the table for its distinct
values, and the search goes to the indexed columns (person_id, user_id).
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.access import log_access
from cases.models import AccessLog
from tests.factories import CaseFactory, UserFactory

pytestmark = pytest.mark.django_db

LIST = "/admin/cases/accesslog/"
ADDRESSES = [
    LIST,
    f"{LIST}?action=view",
    f"{LIST}?object_type=case",
    f"{LIST}?role=Saksbehandler",
    f"{LIST}?q=123",
    f"{LIST}?q=saksbehandler",
    f"{LIST}?o=1",
    f"{LIST}?p=2",
]


@pytest.fixture
def admin_client(client, rf):
    admin = UserFactory(username="ada", is_staff=True, is_superuser=True)
    case = CaseFactory()
    request = rf.get("/")
    request.user = admin
    for _ in range(3):
        log_access(request, obj=case)
    client.force_login(admin)
    return client


def _log_queries(client, address):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    assert response.status_code == 200
    return [q["sql"] for q in captured.captured_queries if "cases_accesslog" in q["sql"]]


@pytest.mark.parametrize("address", ADDRESSES)
def test_no_count_on_the_access_log_is_unbounded(admin_client, address):
    counts = [sql for sql in _log_queries(admin_client, address) if "COUNT(" in sql.upper()]
    assert counts, "the paginator counts, bounded"
    assert all(re.search(r"\bLIMIT\b", sql, re.I) for sql in counts), counts


@pytest.mark.parametrize("address", ADDRESSES)
def test_no_filter_reads_the_distinct_values_of_the_access_log(admin_client, address):
    distinct = [sql for sql in _log_queries(admin_client, address) if "DISTINCT" in sql.upper()]
    assert distinct == []


def test_a_number_searches_by_person_id(admin_client):
    person_id = AccessLog.objects.values_list("person_id", flat=True).first()
    response = admin_client.get(f"{LIST}?q={person_id}")
    assert response.context["cl"].result_count == 3


def test_a_word_searches_by_exact_username_through_the_user(admin_client):
    queries = _log_queries(admin_client, f"{LIST}?q=ada")
    assert any('"user_id"' in sql and "ada" in sql for sql in queries)


@pytest.mark.parametrize("address", ["/admin/cases/case/", "/admin/cases/person/"])
def test_the_case_and_person_lists_count_no_more_than_a_bounded_number(admin_client, address):
    with CaptureQueriesContext(connection) as captured:
        response = admin_client.get(address)
    assert response.status_code == 200
    counts = [q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"].upper()]
    assert counts, "the paginator counts, bounded"
    assert all(re.search(r"\bLIMIT\b", sql, re.I) for sql in counts), counts
