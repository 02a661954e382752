"""Each sent decision's processing time (cases.due.processing_days) kept with it, filled
from its case's receipt day (historical models here)."""

from django.conf import settings
from django.db import connection, migrations, models


def fill_processing_days(apps, schema_editor):
    if connection.vendor == "postgresql":
        # One statement: a date minus a date is a number of days in PostgreSQL.
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE decisions_decision d SET processing_days = d.sent_on - c.received_on "
                "FROM cases_case c WHERE c.id = d.case_id AND d.sent_on IS NOT NULL"
            )
        return
    Decision = apps.get_model("decisions", "Decision")
    sent = Decision.objects.filter(sent_on__isnull=False).order_by("pk")
    filled = []
    for pk, sent_on, received_on in sent.values_list(
        "pk", "sent_on", "case__received_on"
    ).iterator(chunk_size=2000):
        filled.append(Decision(pk=pk, processing_days=(sent_on - received_on).days))
        if len(filled) == 2000:
            Decision.objects.bulk_update(filled, ["processing_days"])
            filled = []
    Decision.objects.bulk_update(filled, ["processing_days"])


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0024_case_decided_flags'),
        ('decisions', '0010_backfill_case_decided_flags'),
        ('eligibility', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='decision',
            name='decision_sent_on',
        ),
        migrations.AddField(
            model_name='decision',
            name='processing_days',
            field=models.IntegerField(editable=False, null=True, verbose_name='dager til vedtak'),
        ),
        migrations.AddField(
            model_name='historicaldecision',
            name='processing_days',
            field=models.IntegerField(editable=False, null=True, verbose_name='dager til vedtak'),
        ),
        migrations.RunPython(fill_processing_days, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name='decision',
            index=models.Index(condition=models.Q(('sent_on__isnull', False)), fields=['sent_on'], include=('case', 'processing_days'), name='decision_sent_on'),
        ),
    ]
