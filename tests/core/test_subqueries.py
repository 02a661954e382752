"""A subquery compiled once gives, for each value, the rows its queryset gives."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from core.subqueries import OneValueSubquery

pytestmark = pytest.mark.django_db

groups_of = OneValueSubquery(
    lambda user_id: Group.objects.filter(user__id=user_id).order_by().values("pk")
)


def _user(username, *groups):
    user = get_user_model().objects.create_user(username)
    user.groups.set(groups)
    return user


def test_each_value_gives_the_rows_of_its_own_queryset():
    first, second, third = (Group.objects.create(name=name) for name in "abc")
    one, other = _user("en", first, second), _user("to", third)
    for user, expected in ((one, {first, second}), (other, {third})):
        assert set(Group.objects.filter(pk__in=groups_of(user.pk))) == expected


def test_a_value_with_no_rows_matches_nothing():
    Group.objects.create(name="a")
    assert not Group.objects.filter(pk__in=groups_of(_user("ingen").pk)).exists()


def test_a_queryset_whose_sql_changes_with_the_value_is_refused():
    # An IN list as long as the value's last digit: its SQL differs from value to value.
    by_length = OneValueSubquery(
        lambda value: Group.objects.filter(pk__in=range(abs(value) % 10)).values("pk")
    )
    with pytest.raises(ValueError, match="only as parameters"):
        by_length(1)


def test_a_queryset_that_does_not_use_the_value_is_refused():
    with pytest.raises(ValueError, match="only as parameters"):
        OneValueSubquery(lambda value: Group.objects.values("pk"))(1)
