from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = "Saker"

    def ready(self):
        from cases.roles import sync_role_groups

        # Permissions exist only after migrate, so the role groups are synced then.
        post_migrate.connect(sync_role_groups, dispatch_uid="cases.sync_role_groups")
