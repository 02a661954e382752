"""An admin list answers a date in its address it cannot use like any bad filter."""

import pytest
from django.contrib import admin
from django.db import models
from django.urls import reverse

from core.admin import BoundedAdminDates
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _filters_dates(model, name) -> bool:
    if isinstance(name, tuple):  # (field name, its filter class)
        name = name[0]
    return isinstance(name, str) and isinstance(model._meta.get_field(name), models.DateField)


# Every list whose address can carry a date: a date hierarchy, or a date filter.
WITH_DATES = [
    (f"{model._meta.label}", model_admin)
    for model, model_admin in admin.site._registry.items()
    if model_admin.date_hierarchy
    or any(_filters_dates(model, name) for name in model_admin.list_filter)
]


def test_there_are_lists_with_dates_to_check():
    # The three login-attempt lists of django-axes have a date hierarchy, the access log
    # a date filter; the case and reminder lists filter by year (core.admin.year_filter).
    assert len(WITH_DATES) >= 4


@pytest.mark.parametrize("name,model_admin", WITH_DATES, ids=[n for n, _ in WITH_DATES])
def test_every_list_with_dates_in_its_address_is_bounded(name, model_admin):
    assert isinstance(model_admin, BoundedAdminDates), name


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize(
    "query",
    [
        {"attempt_time__year": "99999999999999999999999"},
        {"attempt_time__year": "9999"},
        {"attempt_time__year": "9999", "attempt_time__month": "12"},
        {"attempt_time__year": "2026", "attempt_time__month": "99999999999999999999999"},
        {"attempt_time__year": "2026", "attempt_time__day": "-1"},
    ],
)
def test_a_year_it_cannot_use_goes_back_to_the_list_with_the_error_flag(admin_client, query):
    url = reverse("admin:axes_accessattempt_changelist")
    response = admin_client.get(url, query)
    assert (response.status_code, response["Location"]) == (302, f"{url}?e=1")


def test_a_year_in_range_filters_the_list(admin_client):
    url = reverse("admin:axes_accessattempt_changelist")
    response = admin_client.get(url, {"attempt_time__year": "2026", "attempt_time__month": "6"})
    assert response.status_code == 200


def test_the_login_attempt_lists_of_django_axes_are_bounded_too(admin_client):
    url = reverse("admin:axes_accesslog_changelist")
    response = admin_client.get(url, {"attempt_time__year": "99999999999999999999999"})
    assert (response.status_code, response["Location"]) == (302, f"{url}?e=1")


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1899-12-31 23:00:00+01:00"])
def test_a_date_filter_out_of_range_goes_back_to_the_list_with_the_error_flag(admin_client, day):
    url = reverse("admin:axes_accessattempt_changelist")
    response = admin_client.get(url, {"attempt_time__gte": day})
    assert (response.status_code, response["Location"]) == (302, f"{url}?e=1")


def test_a_date_filter_in_range_filters_the_list(admin_client):
    url = reverse("admin:axes_accessattempt_changelist")
    response = admin_client.get(url, {"attempt_time__gte": "2026-06-01"})
    assert response.status_code == 200
