"""The replica router (core.db): reports opt in to the replica; writes stay on the primary."""

import pytest
from django.conf import settings

from cases.models import AccessLog, Case
from core.db import REPLICA, ReplicaRouter, reads_from_replica

router = ReplicaRouter()


@pytest.fixture
def with_replica(monkeypatch):
    monkeypatch.setitem(settings.DATABASES, REPLICA, {**settings.DATABASES["default"]})


def test_a_report_reads_from_the_replica_when_there_is_one(with_replica):
    with reads_from_replica():
        assert router.db_for_read(Case) == REPLICA


def test_a_report_reads_from_the_primary_when_there_is_no_replica():
    assert REPLICA not in settings.DATABASES
    with reads_from_replica():
        assert router.db_for_read(Case) is None


def test_reads_outside_a_report_go_to_the_primary(with_replica):
    assert router.db_for_read(Case) is None


def test_the_report_ends_with_its_block_even_when_it_fails(with_replica):
    with pytest.raises(RuntimeError), reads_from_replica():
        raise RuntimeError
    assert router.db_for_read(Case) is None


def test_writes_go_to_the_primary_inside_a_report(with_replica):
    with reads_from_replica():
        assert router.db_for_write(AccessLog) == "default"


def test_a_row_from_the_replica_may_point_to_one_from_the_primary(with_replica):
    case, entry = Case(), AccessLog()
    case._state.db, entry._state.db = REPLICA, "default"
    assert router.allow_relation(entry, case) is True


def test_only_the_primary_is_migrated(with_replica):
    assert (router.allow_migrate("default", "cases"), router.allow_migrate(REPLICA, "cases")) == (
        True,
        False,
    )
