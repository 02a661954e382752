"""Finding people by name on PostgreSQL: trigram word similarity on the unaccented name.

"Asmund" finds "Åsmund", and a slip of one letter in a longer name still finds it; the
hits come best first. The GIN index person_name_trgm (migration 0011) serves the match.
SQLite, for development and tests, keeps a plain icontains on each part of the name.
"""

from django.db import connection
from django.db.models import FloatField, Q
from django.db.models.expressions import RawSQL

# ke_person_name() and ke_search_term() are created by the migration: unaccent() itself
# is not IMMUTABLE, so an index cannot use it directly.
_MATCH = (
    "SELECT id FROM cases_person "
    "WHERE ke_person_name(given_name, family_name) %%> ke_search_term(%s)"
)
_SIMILARITY = (
    "(SELECT word_similarity(ke_search_term(%s), ke_person_name(p.given_name, p.family_name)) "
    "FROM cases_person p WHERE p.id = {table}.{column})"
)


def uses_trigrams() -> bool:
    return connection.vendor == "postgresql"


def people_named(terms: list[str], *, field: str = "pk") -> Q:
    """Q for rows whose person (at `field`: "pk" on Person, "person" on Case) has every
    term in the name."""
    q = Q()
    for term in terms:
        if uses_trigrams():
            q &= Q(**{f"{field}__in": RawSQL(_MATCH, [term])})
        else:
            prefix = "" if field == "pk" else f"{field}__"
            q &= Q(**{f"{prefix}given_name__icontains": term}) | Q(
                **{f"{prefix}family_name__icontains": term}
            )
    return q


def by_similarity(queryset, terms: list[str], *, column: str = "person_id"):
    """The best matches first (PostgreSQL); the queryset as it was elsewhere."""
    if not uses_trigrams() or not terms:
        return queryset
    table = queryset.model._meta.db_table
    sql = " + ".join(_SIMILARITY.format(table=table, column=column) for _ in terms)
    return queryset.annotate(
        name_similarity=RawSQL(sql, terms, output_field=FloatField())
    ).order_by("-name_similarity", *(queryset.query.order_by or queryset.model._meta.ordering))
