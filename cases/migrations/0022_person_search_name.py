"""On PostgreSQL, the unaccented name stored beside the name, and the trigram index on it.

The index on the expression ke_person_name(...) (0013) found the candidates, but every
candidate's recheck and every similarity in the ranking called ke_person_name again,
and it cannot be inlined (unaccent is only STABLE), so a common name cost tens of
milliseconds in function calls. A stored generated column computes it once per write.
Django does not know the column: it exists on PostgreSQL only, like the functions, and
only cases/name_search.py reads it.
"""

from django.db import migrations

CREATE = r"""
CREATE OR REPLACE FUNCTION ke_person_name(text, text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT public.ke_search_term(coalesce($1, '') || ' ' || coalesce($2, '')) $$;
ALTER TABLE cases_person ADD COLUMN IF NOT EXISTS search_name text
    GENERATED ALWAYS AS (public.ke_person_name(given_name, family_name)) STORED;
CREATE INDEX IF NOT EXISTS person_search_name_trgm ON cases_person
    USING gin (search_name gin_trgm_ops);
DROP INDEX IF EXISTS person_name_trgm;
"""

DROP = """
CREATE INDEX IF NOT EXISTS person_name_trgm ON cases_person
    USING gin (ke_person_name(given_name, family_name) gin_trgm_ops);
DROP INDEX IF EXISTS person_search_name_trgm;
ALTER TABLE cases_person DROP COLUMN IF EXISTS search_name;
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("cases", "0021_access_log_username_index")]

    operations = [migrations.RunPython(create, drop)]
