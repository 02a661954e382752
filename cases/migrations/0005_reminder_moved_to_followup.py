# Reminder now belongs to followup (followup.0001 takes over its table): only the state
# changes here, no data is touched.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0004_reminder"),
        ("followup", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Reminder")],
            database_operations=[],
        ),
    ]
