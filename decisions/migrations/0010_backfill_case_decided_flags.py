"""Set the cases' decided flags (cases 0018) from the decisions already sent: one UPDATE
per service, as decisions.decided.decided_flags_repair does (historical models here)."""

from django.db import migrations
from django.db.models import Exists, OuterRef

SENT_STATUSES = ("sent", "final", "appealed")
DECIDED_FIELDS = {
    "koordinator": "coordinator_decided",
    "barnekoordinator": "child_coordinator_decided",
    "individuell_plan": "plan_decided",
}


def backfill(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    Decision = apps.get_model("decisions", "Decision")
    for service, flag in DECIDED_FIELDS.items():
        sent = Decision.objects.filter(
            case=OuterRef("pk"), service=service, status__in=SENT_STATUSES
        )
        Case.objects.filter(Exists(sent)).update(**{flag: True})


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0024_case_decided_flags"),
        ("decisions", "0009_oversikt_period_indexes"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True)]
