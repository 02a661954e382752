"""On PostgreSQL the database also refuses TRUNCATE of the access log.

The row triggers of 0002 never fire for TRUNCATE, which empties the table at once.
A statement-level trigger fires for every role, the table's owner included; only a
role that may drop the trigger or switch triggers off (the owner, a superuser) can
get past it, which is why the app's role must not own the table (README).
"""

from django.db import migrations

CREATE = """
CREATE TRIGGER cases_accesslog_no_truncate
    BEFORE TRUNCATE ON cases_accesslog
    FOR EACH STATEMENT EXECUTE FUNCTION cases_accesslog_append_only();
"""

DROP = "DROP TRIGGER IF EXISTS cases_accesslog_no_truncate ON cases_accesslog;"


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_reminder_moved_to_followup")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
