"""`/helse/`: the load balancer's probe, answered without a login."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from health_check.exceptions import ServiceUnavailable

from config.health import MigrationsApplied

pytestmark = pytest.mark.django_db


def test_it_answers_ok_without_a_login(client):
    response = client.get("/helse/?format=json")
    assert response.status_code == 200


def test_it_checks_the_database_and_the_migrations(client):
    checks = client.get("/helse/?format=json").json()
    assert {"Database", "MigrationsApplied"} <= {name.split("(")[0] for name in checks}


def test_it_fails_when_a_migration_is_not_applied(monkeypatch):
    from django.db.migrations import executor

    monkeypatch.setattr(
        executor.MigrationExecutor, "migration_plan", lambda self, targets: [("x", False)]
    )
    with pytest.raises(ServiceUnavailable):
        MigrationsApplied().run()


def test_it_reads_no_table_of_ours(client):
    with CaptureQueriesContext(connection) as captured:
        client.get("/helse/?format=json")
    assert not [q for q in captured.captured_queries if "cases_" in q["sql"]]
