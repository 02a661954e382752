"""On PostgreSQL the database itself refuses to change or delete access-log rows."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION cases_accesslog_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'cases_accesslog is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER cases_accesslog_no_update_delete
    BEFORE UPDATE OR DELETE ON cases_accesslog
    FOR EACH ROW EXECUTE FUNCTION cases_accesslog_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS cases_accesslog_no_update_delete ON cases_accesslog;
DROP FUNCTION IF EXISTS cases_accesslog_append_only();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
