"""`/helse/`: is this process fit to serve? For the load balancer and docker-compose.

Database reachable, every migration applied (a web process started against an older
schema must not take traffic), and the Celery broker when one is configured. The answer
names the checks only: no data, no addresses.
"""

import dataclasses

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.utils.decorators import method_decorator
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView


@dataclasses.dataclass
class MigrationsApplied(HealthCheck):
    alias: str = DEFAULT_DB_ALIAS

    def run(self):
        executor = MigrationExecutor(connections[self.alias])
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise ServiceUnavailable("Migrations not applied")


@method_decorator(login_not_required, name="dispatch")
class Health(HealthCheckView):
    def get_checks(self):
        checks = [("health_check.checks.Database", {}), (MigrationsApplied, {})]
        if settings.CELERY_BROKER_URL.startswith("redis"):
            from redis.asyncio import Redis as RedisClient

            url = settings.CELERY_BROKER_URL
            checks.append(
                (
                    "health_check.contrib.redis.Redis",
                    {"client_factory": lambda: RedisClient.from_url(url)},
                )
            )
        self.checks = checks
        return super().get_checks()
