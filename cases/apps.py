from axes.apps import AppConfig as BaseAxesConfig
from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AxesConfig(BaseAxesConfig):
    """django-axes with a Norwegian name in the admin (it showed as "AXES")."""

    verbose_name = "Innloggingsforsøk"
    default = False


class CasesConfig(AppConfig):
    # The app's own config; the module holds axes' too.
    default = True
    name = "cases"
    verbose_name = "Saker"

    def ready(self):
        from cases.progress import register_steps
        from cases.roles import sync_role_groups
        from cases.units import ensure_default_unit

        register_steps()

        # Permissions exist only after migrate, so the role groups are synced then.
        post_migrate.connect(sync_role_groups, dispatch_uid="cases.sync_role_groups")
        # A flushed database (transactional tests) has lost the migration's default unit.
        post_migrate.connect(
            ensure_default_unit, sender=self, dispatch_uid="cases.ensure_default_unit"
        )
