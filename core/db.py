"""Reports read from a PostgreSQL replica when there is one; everything else uses the primary.

A page or export that reads many rows and may lag a few seconds behind without harm opts
in with `reads_from_replica()` around its reads. Inside it, and only when the `replica`
alias is configured (DATABASE_REPLICA_URL), `ReplicaRouter` sends reads there. Writes
always go to the primary, the access-log rows of those very pages included, and so does
every read outside the block. The flag is a context variable, so each of gunicorn's
threads has its own.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS

REPLICA = "replica"

_reading_from_replica: ContextVar[bool] = ContextVar("reading_from_replica", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


@contextmanager
def reads_from_replica() -> Iterator[None]:
    """Within the block, reads go to the replica if one is configured."""
    token = _reading_from_replica.set(True)
    try:
        yield
    finally:
        _reading_from_replica.reset(token)


class ReplicaRouter:
    """DATABASE_ROUTERS entry. Without a replica it answers None (Django's default)."""

    def db_for_read(self, model, **hints):
        if _reading_from_replica.get() and replica_configured():
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # A row read from the replica is the primary's row: an access-log entry may point
        # to a case read there.
        if {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA}:
            return True
        return None

    def allow_migrate(self, db, app_label, **hints):
        # The replica follows the primary's schema by streaming replication.
        return db == DEFAULT_DB_ALIAS
