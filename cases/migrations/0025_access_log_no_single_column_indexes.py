"""The access log loses its single-column indexes on user_id and person_id.

(user_id, at DESC) and (person_id, at DESC) serve every lookup by either column, the
foreign key's checks included. Each index is one more that the planner weighs on each
monthly partition: over 137 partitions, the admin's newest-first list planned in 11-14
ms with them and in 4-6 ms without.

Only the indexes go. Django's AlterField on the foreign key would also drop and re-add
its constraint, which re-checks every row of the log.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

INDEXES = {
    "cases_accesslog_person_id_f8031090": "person_id",
    "cases_accesslog_user_id_ef75ba79": "user_id",
}


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0024_case_decided_flags"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    sql=[f'DROP INDEX IF EXISTS "{name}"' for name in INDEXES],
                    reverse_sql=[
                        f'CREATE INDEX "{name}" ON "cases_accesslog" ("{column}")'
                        for name, column in INDEXES.items()
                    ],
                ),
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="accesslog",
                    name="person_id",
                    field=models.BigIntegerField(null=True, verbose_name="person-id"),
                ),
                migrations.AlterField(
                    model_name="accesslog",
                    name="user",
                    field=models.ForeignKey(
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="bruker",
                    ),
                ),
            ],
        ),
    ]
