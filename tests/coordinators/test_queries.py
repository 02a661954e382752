"""Coordinator pages run a fixed number of queries, however many rows they show."""

import pytest
from django.urls import reverse

from tests.coordinators.factories import AttendanceFactory, CompletionFactory, CourseFactory
from tests.factories import AppointmentFactory, CoordinatorFactory

pytestmark = pytest.mark.django_db

# Every request: session and user (2), the user's permissions (2) and saving the
# session (savepoint, update, release: 3).
REQUEST = 7
# Service areas for the filter, coordinators with their load, their active
# appointments, completions, upcoming bookings, courses and next evaluations.
KE_PAGE_QUERIES = REQUEST + 7
# Appointments with case and person, and next evaluations.
MY_PLANS_QUERIES = REQUEST + 2
# The export also writes one access-log row (the user's groups for the role, the
# insert) after reading the user's coordinator profile.
EXPORT_QUERIES = MY_PLANS_QUERIES + 3


def coordinators_with_work(n):
    course = CourseFactory()
    for _ in range(n):
        coordinator = CoordinatorFactory()
        AppointmentFactory.create_batch(2, coordinator=coordinator)
        CompletionFactory(coordinator=coordinator, course=course)
        AttendanceFactory(coordinator=coordinator)


@pytest.mark.parametrize("n", [1, 30])
@pytest.mark.parametrize("url_name", ["coordinators:list", "coordinators:caseload"])
def test_ke_coordinator_pages_run_constant_queries(
    caseworker_client, django_assert_max_num_queries, n, url_name
):
    coordinators_with_work(n)
    with django_assert_max_num_queries(KE_PAGE_QUERIES):
        response = caseworker_client.get(reverse(url_name))
    assert response.status_code == 200


@pytest.mark.parametrize("n", [1, 30])
def test_my_plans_runs_constant_queries(
    coordinator_client, coordinator_user, django_assert_max_num_queries, n
):
    AppointmentFactory.create_batch(n, coordinator=coordinator_user.coordinator)
    with django_assert_max_num_queries(MY_PLANS_QUERIES):
        response = coordinator_client.get(reverse("plans:my_plans"))
    assert len(response.context["rows"]) == n


@pytest.mark.parametrize("n", [1, 30])
def test_my_plans_export_runs_constant_queries(
    coordinator_client, coordinator_user, django_assert_max_num_queries, n
):
    AppointmentFactory.create_batch(n, coordinator=coordinator_user.coordinator)
    with django_assert_max_num_queries(EXPORT_QUERIES):
        response = coordinator_client.get(reverse("plans:my_plans_export"))
    assert response.status_code == 200
