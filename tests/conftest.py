import os

import pytest
from django.conf import settings
from django.db import connection

# Playwright's sync API runs an event loop in the test thread; Django's ORM would
# otherwise refuse to run beside it in the browser tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_report_header(config):
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    broker = "Redis" if settings.REDIS_URL else "none (tasks run in-process)"
    return [f"database engine: {engine}", f"celery broker: {broker}"]


@pytest.fixture
def on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")


@pytest.fixture
def caseworker(db):
    from tests.factories import UserFactory

    return UserFactory(caseworker=True)


@pytest.fixture
def leader(db):
    from tests.factories import UserFactory

    return UserFactory(leader=True)


@pytest.fixture
def coordinator_user(db):
    from tests.factories import CoordinatorFactory

    return CoordinatorFactory().user


@pytest.fixture
def caseworker_client(client, caseworker):
    client.force_login(caseworker)
    return client


@pytest.fixture
def coordinator_client(client, coordinator_user):
    client.force_login(coordinator_user)
    return client
