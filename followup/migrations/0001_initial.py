# Reminder moved here from cases (cases.0005). Its table is renamed, not recreated, so
# every reminder already recorded is kept; its content type and permissions move along.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="cases", model="reminder").update(app_label="followup")


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="followup", model="reminder").update(app_label="cases")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("cases", "0004_reminder"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Reminder",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("kind", models.CharField(choices=[("consent_waiting", "Venter på samtykke"), ("evaluation_due", "Evaluering nærmer seg"), ("evaluation_overdue", "Evaluering forfalt"), ("training_expiring", "Opplæring utløper"), ("training_expired", "Opplæring utløpt"), ("action_point_overdue", "Oppfølgingspunkt forfalt"), ("decision_final", "Vedtak endelig")], max_length=30, verbose_name="type")),
                        ("object_type", models.CharField(max_length=50)),
                        ("object_id", models.CharField(max_length=50)),
                        ("due_on", models.DateField(verbose_name="frist")),
                        ("text", models.CharField(max_length=300, verbose_name="tekst")),
                        ("link", models.CharField(max_length=300, verbose_name="lenke")),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("emailed_at", models.DateTimeField(blank=True, null=True)),
                        ("done_at", models.DateTimeField(blank=True, null=True, verbose_name="lukket")),
                        ("recipient", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="reminders", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "verbose_name": "påminnelse",
                        "verbose_name_plural": "påminnelser",
                        "ordering": ["due_on", "id"],
                        "db_table": "cases_reminder",
                        "indexes": [models.Index(condition=models.Q(("done_at__isnull", True)), fields=["recipient", "due_on"], name="reminder_open_by_recipient")],
                        "constraints": [models.UniqueConstraint(fields=("kind", "object_type", "object_id", "due_on", "recipient"), name="reminder_once_per_item_and_date")],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="reminder", table="followup_reminder"),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
