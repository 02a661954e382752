"""Oversikt and the CSV exports read from the replica when there is one (core.db)."""

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import Case
from tests.factories import AppointmentFactory, CaseFactory

pytestmark = [
    pytest.mark.usefixtures("replica_alias"),
    pytest.mark.django_db(transaction=True, databases=["default", "replica"]),
]


def _report_reads(captured) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if '"cases_case"' in q["sql"]]


def _get(client, name):
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        response = client.get(reverse(name))
    assert response.status_code == 200
    return primary, replica


@pytest.mark.parametrize("name", ["followup:overview", "followup:overview_csv"])
def test_oversikt_reads_its_figures_from_the_replica(caseworker_client, name):
    CaseFactory(status=Case.Status.DECIDED)
    primary, on_replica = _get(caseworker_client, name)
    assert _report_reads(on_replica)
    assert not _report_reads(primary)


def test_the_my_plans_export_reads_from_the_replica(coordinator_client, coordinator_user):
    AppointmentFactory(coordinator=coordinator_user.coordinator)
    primary, on_replica = _get(coordinator_client, "plans:my_plans_export")
    assert _report_reads(on_replica)
    assert not _report_reads(primary)


def test_the_my_plans_export_writes_its_access_log_on_the_primary(
    coordinator_client, coordinator_user
):
    AppointmentFactory(coordinator=coordinator_user.coordinator)
    primary, on_replica = _get(coordinator_client, "plans:my_plans_export")
    inserts = [q["sql"] for q in primary.captured_queries if q["sql"].startswith("INSERT")]
    assert [sql for sql in inserts if '"cases_accesslog"' in sql]
    assert not [q for q in on_replica.captured_queries if q["sql"].startswith("INSERT")]
