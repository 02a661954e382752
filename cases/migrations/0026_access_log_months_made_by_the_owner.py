"""On PostgreSQL, the access log's months are made by a function of the owner's.

The daily scan runs as the application's role, which does not own the tables and so may
not add a partition (cases/partitions.py). A database partitioned by 0012 before that
migration made the functions gets them here. Going back leaves them: 0012 needs them too.
"""

from django.db import migrations

from cases import partitions


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            partitions.install_functions(cursor)


class Migration(migrations.Migration):
    dependencies = [("cases", "0025_access_log_no_single_column_indexes")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
