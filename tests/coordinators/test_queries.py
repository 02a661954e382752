"""Coordinator pages run a fixed number of queries, however many rows they show."""

import pytest
from django.urls import reverse

from tests.coordinators.factories import AttendanceFactory, CompletionFactory, CourseFactory
from tests.factories import AppointmentFactory, CoordinatorFactory
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db

# Every request: session and user (2), the user's permissions (2) and saving the
# session (savepoint, update, release: 3).
REQUEST = 7
# Service areas for the filter, courses, one page of coordinators with their load and
# latest completions, their upcoming bookings, and their overdue evaluations counted.
KE_PAGE_QUERIES = REQUEST + 5
# The user's coordinator record (for the case scope), appointments with case and person,
# next evaluations, and the access-log rows of the cases shown (the user's groups for the
# role, the insert).
MY_PLANS_QUERIES = REQUEST + 5
# The export logs a row per case exported the same way.
EXPORT_QUERIES = MY_PLANS_QUERIES


def coordinators_with_work(n, made):
    course = CourseFactory()
    for _ in range(n):
        coordinator = CoordinatorFactory()
        AppointmentFactory.create_batch(2, coordinator=coordinator)
        CompletionFactory(coordinator=coordinator, course=course)
        AttendanceFactory(coordinator=coordinator)
        made.append(coordinator)


@pytest.mark.parametrize("url_name", ["coordinators:list", "coordinators:caseload"])
def test_ke_coordinator_pages_run_constant_queries(caseworker_client, url_name):
    made = []
    one, many = assert_constant_queries(
        lambda: caseworker_client.get(reverse(url_name)),
        lambda k: coordinators_with_work(k, made),
        n=50,
        at_most=KE_PAGE_QUERIES,
    )
    assert (one.status_code, many.status_code) == (200, 200)
    rows = many.context["rows"]
    assert {row.coordinator for row in rows} == set(made)
    assert {(row.active_cases, len(row.bookings)) for row in rows} == {(2, 1)}
    html = many.content.decode()
    assert all(str(coordinator) in html for coordinator in made)


def test_my_plans_runs_constant_queries(coordinator_client, coordinator_user):
    made = []
    one, many = assert_constant_queries(
        lambda: coordinator_client.get(reverse("plans:my_plans")),
        lambda k: made.extend(
            AppointmentFactory.create_batch(k, coordinator=coordinator_user.coordinator)
        ),
        n=50,
        at_most=MY_PLANS_QUERIES,
    )
    assert (one.status_code, many.status_code) == (200, 200)
    assert len(many.context["rows"]) == 50
    html = many.content.decode()
    assert all(a.case.number in html and a.case.person.full_name in html for a in made)


def test_my_plans_export_runs_constant_queries(coordinator_client, coordinator_user):
    made = []
    one, many = assert_constant_queries(
        lambda: coordinator_client.get(reverse("plans:my_plans_export")),
        lambda k: made.extend(
            AppointmentFactory.create_batch(k, coordinator=coordinator_user.coordinator)
        ),
        n=50,
        at_most=EXPORT_QUERIES,
    )
    assert (one.status_code, many.status_code) == (200, 200)
    lines = many.content.decode().splitlines()
    assert len(lines) == 1 + 50
    assert all(any(line.startswith(f"{a.case.number};") for line in lines) for a in made)


def test_the_coordinator_page_runs_constant_queries(caseworker_client):
    coordinator = CoordinatorFactory()
    made = []
    # The user's coordinator record (for the case scope), the coordinator with user and
    # area, completions, bookings, guidance, appointments
    # with their cases (5), the access-log rows and the role they name (2), the courses
    # for the two qualifications and the completion form (3).
    one, many = assert_constant_queries(
        lambda: caseworker_client.get(reverse("coordinators:detail", args=[coordinator.pk])),
        lambda k: made.extend(AppointmentFactory.create_batch(k, coordinator=coordinator)),
        n=20,
        at_most=REQUEST + 11,
    )
    assert (one.status_code, many.status_code) == (200, 200)
    html = many.content.decode()
    assert all(a.case.number in html for a in made)
