"""An admin list's date hierarchy answers a year it cannot use like any bad filter."""

import pytest
from django.contrib import admin
from django.urls import reverse

from core.admin import BoundedDateHierarchy
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HIERARCHIES = [
    (f"{model._meta.label}", model_admin)
    for model, model_admin in admin.site._registry.items()
    if model_admin.date_hierarchy
]


def test_there_are_date_hierarchies_to_check():
    assert len(HIERARCHIES) >= 6


@pytest.mark.parametrize("name,model_admin", HIERARCHIES, ids=[n for n, _ in HIERARCHIES])
def test_every_date_hierarchy_is_bounded(name, model_admin):
    assert isinstance(model_admin, BoundedDateHierarchy), name


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize(
    "query",
    [
        {"received_on__year": "99999999999999999999999"},
        {"received_on__year": "9999"},
        {"received_on__year": "9999", "received_on__month": "12"},
        {"received_on__year": "2026", "received_on__month": "99999999999999999999999"},
        {"received_on__year": "2026", "received_on__day": "-1"},
    ],
)
def test_a_year_it_cannot_use_goes_back_to_the_list_with_the_error_flag(admin_client, query):
    url = reverse("admin:cases_case_changelist")
    response = admin_client.get(url, query)
    assert (response.status_code, response["Location"]) == (302, f"{url}?e=1")


def test_a_year_in_range_filters_the_list(admin_client):
    url = reverse("admin:cases_case_changelist")
    response = admin_client.get(url, {"received_on__year": "2026", "received_on__month": "6"})
    assert response.status_code == 200


def test_the_login_attempt_lists_of_django_axes_are_bounded_too(admin_client):
    url = reverse("admin:axes_accesslog_changelist")
    response = admin_client.get(url, {"attempt_time__year": "99999999999999999999999"})
    assert (response.status_code, response["Location"]) == (302, f"{url}?e=1")
