"""On PostgreSQL, name search by trigrams without diacritics (cases/name_search.py)."""

from django.db import migrations

CREATE = r"""
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE OR REPLACE FUNCTION ke_search_term(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;
CREATE OR REPLACE FUNCTION ke_person_name(text, text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT ke_search_term(coalesce($1, '') || ' ' || coalesce($2, '')) $$;
CREATE INDEX IF NOT EXISTS person_name_trgm ON cases_person
    USING gin (ke_person_name(given_name, family_name) gin_trgm_ops);
"""

DROP = """
DROP INDEX IF EXISTS person_name_trgm;
DROP FUNCTION IF EXISTS ke_person_name(text, text);
DROP FUNCTION IF EXISTS ke_search_term(text);
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("cases", "0012_accesslog_partitioned_by_month")]

    operations = [migrations.RunPython(create, drop)]
