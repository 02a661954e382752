"""Several querysets counted in one statement, each only as far as asked."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.counting import count_each

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups():
    return [Group.objects.create(name=f"gruppe {n:02d}") for n in range(12)]


def _ours():
    # The roles' groups are there already.
    return Group.objects.filter(name__startswith="gruppe")


def test_each_is_counted_in_one_query_in_the_order_given(groups):
    with CaptureQueriesContext(connection) as captured:
        counts = count_each([Group.objects.filter(name__endswith="1"), _ours()], at_most=100)
    assert counts == [2, 12]
    assert len(captured) == 1


def test_a_count_stops_at_the_limit(groups):
    assert count_each([_ours(), Group.objects.filter(pk=groups[0].pk)], at_most=5) == [
        5,
        1,
    ]


def test_a_queryset_that_can_match_nothing_counts_zero(groups):
    assert count_each([Group.objects.filter(pk__in=[]), _ours()], at_most=50) == [
        0,
        12,
    ]


def test_nothing_to_count_sends_no_query():
    with CaptureQueriesContext(connection) as captured:
        assert count_each([], at_most=10) == []
    assert len(captured) == 0
