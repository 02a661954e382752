"""Finding people by name on PostgreSQL: trigram word similarity on the unaccented name.

"Asmund" finds "Åsmund", and a slip of one letter in a longer name still finds it; the
hits come best first. The match and the ranking read cases_person.search_name, the
unaccented name stored by PostgreSQL (migration 0022), and the GIN index
person_search_name_trgm serves the match. SQLite, for development and tests, keeps a
plain icontains on each part of the name.
"""

from django.db import connection
from django.db.models import FloatField, Q
from django.db.models.expressions import RawSQL

from core.lookups import AnyOf

# search_name is ke_person_name(given_name, family_name), a generated column; the term
# goes through the same ke_search_term() (migrations 0013 and 0022), once per query.
_NAME = "search_name"
_TERM = f"{_NAME} %%> ke_search_term(%s)"
_TERM_SIMILARITY = f"word_similarity(ke_search_term(%s), {_NAME})"
# A common name matches thousands of people; the most similar ones are the ones wanted,
# and ranking their cases stays a small sort.
MOST_SIMILAR = 500
_SIMILARITY = (
    "(SELECT word_similarity(ke_search_term(%s), p.search_name) "
    "FROM cases_person p WHERE p.id = {table}.{column})"
)


def uses_trigrams() -> bool:
    return connection.vendor == "postgresql"


def people_named(terms: list[str], *, field: str = "pk", most_similar: int = MOST_SIMILAR) -> Q:
    """Q for rows whose person (at `field`: "pk" on Person, "person" on Case) has every
    term in the name; on PostgreSQL the `most_similar` closest of them."""
    q = Q()
    if uses_trigrams() and terms:
        sql = (
            f"SELECT id FROM cases_person WHERE {' AND '.join([_TERM] * len(terms))} "
            f"ORDER BY {' + '.join([_TERM_SIMILARITY] * len(terms))} DESC "
            f"LIMIT {int(most_similar)}"
        )
        # As IN (...) the planner hashed the 500 people against a scan of every case.
        return Q(AnyOf(field, RawSQL(sql, [*terms, *terms])))
    prefix = "" if field == "pk" else f"{field}__"
    for term in terms:
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
