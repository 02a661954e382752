"""A plan's last activity on the plan (plans/models/activity.py), filled from its rows as
plans.activity.last_active_repair does (historical models here)."""

import datetime

from django.conf import settings
from django.db import migrations, models
from django.db.models import Max, OuterRef, Subquery
from django.utils import timezone

# (model, fields) that count as activity, as on 1 December 2026.
SOURCES = (
    ("Goal", ("created_at",)),
    ("Measure", ("created_at",)),
    ("Participant", ("created_at",)),
    ("PlanMessage", ("created_at",)),
    ("Meeting", ("held_on", "created_at")),
    ("Evaluation", ("held_on", "created_at")),
)


def _day(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date()
    return value


def fill_last_active_on(apps, schema_editor):
    Plan = apps.get_model("plans", "Plan")
    columns = {}
    for name, fields in SOURCES:
        rows = apps.get_model("plans", name).objects.filter(plan=OuterRef("pk"))
        rows = rows.order_by().values("plan")
        for field in fields:
            columns[f"last_{name}_{field}"] = Subquery(
                rows.annotate(last=Max(field)).values("last")[:1]
            )
    plans = Plan.objects.annotate(**columns).order_by("pk")
    filled = []
    for pk, activated_on, updated_at, *latest in plans.values_list(
        "pk", "activated_on", "updated_at", *columns
    ).iterator(chunk_size=2000):
        days = [activated_on, _day(updated_at), *(_day(value) for value in latest)]
        filled.append(Plan(pk=pk, last_active_on=max(d for d in days if d is not None)))
        if len(filled) == 2000:
            Plan.objects.bulk_update(filled, ["last_active_on"])
            filled = []
    Plan.objects.bulk_update(filled, ["last_active_on"])


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0024_case_decided_flags'),
        ('plans', '0008_activity_by_plan_indexes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='plan',
            name='plan_active_by_activation',
        ),
        migrations.AddField(
            model_name='historicalplan',
            name='last_active_on',
            field=models.DateField(blank=True, editable=False, null=True, verbose_name='sist aktiv'),
        ),
        migrations.AddField(
            model_name='plan',
            name='last_active_on',
            field=models.DateField(blank=True, editable=False, null=True, verbose_name='sist aktiv'),
        ),
        migrations.RunPython(fill_last_active_on, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name='plan',
            index=models.Index(condition=models.Q(('status', 'active')), fields=['last_active_on', 'id'], name='plan_active_by_last_activity'),
        ),
    ]
