"""Serving as production does: the settings a process gets with debug off, read in a fresh
interpreter (settings are read once, at start-up)."""

import json
import os
import subprocess
import sys
import textwrap

import pytest
import yaml

from tests.config.test_deploy import BASE_DIR, PRODUCTION_ENV

POSTGRES = "postgres://ke@db.example:5432/ke"


def _run(code: str, **extra_env) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(PRODUCTION_ENV, **extra_env)
    prelude = "import django, json; django.setup(); from django.conf import settings\n"
    result = subprocess.run(
        [sys.executable, "-c", prelude + textwrap.dedent(code)],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def _databases(**extra_env) -> dict:
    return json.loads(_run("print(json.dumps(settings.DATABASES, default=str))", **extra_env))


def test_production_keeps_a_connection_pool():
    databases = _databases(DATABASE_URL=POSTGRES)
    assert databases["default"]["OPTIONS"]["pool"] == {"min_size": 2, "max_size": 10}


def test_debug_keeps_plain_connections():
    databases = _databases(DATABASE_URL=POSTGRES, DJANGO_DEBUG="true")
    assert "pool" not in databases["default"]["OPTIONS"]


def test_postgresql_connections_plan_without_jit_and_for_data_in_memory():
    options = _databases(DATABASE_URL=POSTGRES)["default"]["OPTIONS"]["options"]
    assert options == "-c jit=off -c random_page_cost=1.1"


@pytest.mark.django_db
def test_the_database_connection_has_jit_off(on_postgresql):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)


@pytest.mark.django_db
def test_the_database_connection_costs_a_random_read_as_in_memory(on_postgresql):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone() == ("1.1",)


def test_a_replica_url_adds_a_replica_with_the_same_pool_mirrored_in_tests():
    replica = _databases(DATABASE_URL=POSTGRES, DATABASE_REPLICA_URL=POSTGRES + "_replica")[
        "replica"
    ]
    assert (replica["NAME"], replica["OPTIONS"]["pool"], replica["TEST"]["MIRROR"]) == (
        "ke_replica",
        {"min_size": 2, "max_size": 10},
        "default",
    )


def test_without_a_replica_url_there_is_no_replica():
    assert set(_databases(DATABASE_URL=POSTGRES)) == {"default"}


def test_hashed_static_files_are_cached_for_years_and_immutable(tmp_path):
    # collectstatic as a release runs it (our own files only, to keep the test short),
    # then a request for a hashed name through the whole middleware stack.
    root = tmp_path / "static"
    env = {"DJANGO_STATIC_ROOT": str(root)}
    _run(
        """
        from django.core.management import call_command
        call_command("collectstatic", interactive=False, verbosity=0,
                     ignore_patterns=["admin", "vendor", "django_htmx"])
        """,
        **env,
    )
    hashed = json.loads((root / "staticfiles.json").read_text())["paths"]["css/app.css"]
    headers = _run(
        f"""
        from django.test import Client
        response = Client().get("/static/{hashed}", secure=True)
        print(json.dumps([response.status_code, response["Cache-Control"]]))
        """,
        **env,
    )
    status, cache_control = json.loads(headers)
    assert (status, cache_control) == (200, "max-age=315360000, public, immutable")


@pytest.mark.django_db
def test_the_health_check_asks_the_broker_when_there_is_one(client, settings):
    # Nothing listens on port 1: the broker check runs, and fails the probe.
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get("/helse/?format=json")
    assert response.status_code == 500
    assert any(name.startswith("Redis") for name in response.json())


def test_compose_checks_the_web_service_on_the_health_endpoint():
    compose = yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())
    assert "/helse/" in " ".join(compose["services"]["web"]["healthcheck"]["test"])


def test_gunicorn_runs_cores_plus_one_workers_of_four_threads_by_default(monkeypatch):
    monkeypatch.delenv("GUNICORN_WORKERS", raising=False)
    monkeypatch.delenv("GUNICORN_THREADS", raising=False)
    namespace: dict = {}
    exec((BASE_DIR / "gunicorn.conf.py").read_text(), namespace)
    assert (namespace["workers"], namespace["threads"]) == ((os.cpu_count() or 1) + 1, 4)
