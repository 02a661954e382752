"""An admin list over a large table counts only a few pages past the one asked for, and
offers the years of a date from its first to its last value, not its distinct years."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.admin import CaseAdmin
from core.admin import BoundedCountPaginator
from tests.factories import CaseFactory, UserFactory

pytestmark = pytest.mark.django_db

CASES = "/admin/cases/case/"


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="ada", is_staff=True, is_superuser=True))
    return client


def _users(n):
    UserFactory.create_batch(n)
    return get_user_model().objects.order_by("pk")


def test_the_first_page_counts_the_rows_of_ten_pages_ahead_and_says_there_are_more():
    paginator = BoundedCountPaginator(_users(12), 1, page=1)
    assert (paginator.count, paginator.capped, paginator.num_pages) == (11, True, 11)


def test_a_later_page_counts_further():
    paginator = BoundedCountPaginator(_users(14), 1, page=3)
    assert (paginator.count, paginator.capped) == (13, True)


def test_a_table_within_the_limit_is_counted_exactly():
    paginator = BoundedCountPaginator(_users(4), 1, page=1)
    assert (paginator.count, paginator.capped) == (get_user_model().objects.count(), False)


def test_no_page_counts_past_the_count_limit(monkeypatch):
    monkeypatch.setattr(BoundedCountPaginator, "COUNT_LIMIT", 5)
    paginator = BoundedCountPaginator(_users(7), 1, page=10_000)
    assert (paginator.count, paginator.capped) == (5, True)


def _count_sql(client, address):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    assert response.status_code == 200
    return [q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"].upper()]


@pytest.mark.parametrize("page,limit", [("", 551), ("?p=3", 651), ("?p=abc", 551)])
def test_the_case_list_counts_ten_pages_of_50_past_the_page_asked_for(admin_client, page, limit):
    CaseFactory()
    counts = _count_sql(admin_client, CASES + page)
    assert len(counts) == 1
    assert re.search(rf"\bLIMIT {limit}\b", counts[0]), counts


def test_a_page_past_the_rows_counted_goes_back_to_the_list_with_the_error_flag(
    admin_client, monkeypatch
):
    monkeypatch.setattr(CaseAdmin, "list_per_page", 1)
    CaseFactory.create_batch(2)
    response = admin_client.get(CASES + "?p=999999")
    assert (response.status_code, response["Location"]) == (302, f"{CASES}?e=1")


def test_the_list_says_there_are_more_than_it_counted(admin_client, monkeypatch):
    monkeypatch.setattr(CaseAdmin, "list_per_page", 1)
    monkeypatch.setattr(BoundedCountPaginator, "PAGES_AHEAD", 1)
    CaseFactory.create_batch(3)
    response = admin_client.get(CASES)
    assert "Flere enn 2 saker" in " ".join(response.content.decode().split())


def test_a_list_it_counted_to_the_end_says_how_many(admin_client):
    CaseFactory.create_batch(2)
    content = " ".join(admin_client.get(CASES).content.decode().split())
    assert "2 saker" in content and "Flere enn" not in content


def _on(year):
    return CaseFactory(received_on=datetime.date(year, 3, 1))


def test_the_years_offered_run_from_the_first_case_to_the_last(admin_client):
    _on(2023)
    _on(2026)
    response = admin_client.get(CASES)
    spec = next(s for s in response.context["cl"].filter_specs if s.title == "mottatt år")
    assert [value for value, _ in spec.lookup_choices] == ["2026", "2025", "2024", "2023"]


def test_a_year_shows_the_cases_received_that_year(admin_client):
    _on(2024)
    wanted = _on(2025)
    _on(2026)
    response = admin_client.get(CASES, {"received_on_year": "2025"})
    assert list(response.context["cl"].result_list) == [wanted]


def test_the_case_list_reads_no_distinct_years(admin_client):
    _on(2024)
    _on(2026)
    with CaptureQueriesContext(connection) as captured:
        admin_client.get(CASES)
    assert not [q for q in captured.captured_queries if "DISTINCT" in q["sql"].upper()]


@pytest.mark.parametrize("year", ["abc", "99999999999999999999", "9999", "-1"])
def test_a_year_it_cannot_use_goes_back_to_the_list_with_the_error_flag(admin_client, year):
    _on(2026)
    response = admin_client.get(CASES, {"received_on_year": year})
    assert (response.status_code, response["Location"]) == (302, f"{CASES}?e=1")
