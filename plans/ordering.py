"""The plan list's order, shared by its query and the index that serves it."""

from django.db.models import Case, F, IntegerField, Value, When

_STATUS_RANK = Case(
    When(status="active", then=Value(0)),
    When(status="draft", then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)

# Active plans first, soonest evaluation first; then drafts; closed plans last.
LIST_ORDER = (_STATUS_RANK, F("next_evaluation_on").asc(nulls_last=True), F("id").asc())

# The index for it. PostgreSQL sorts ascending with nulls last, so the index serves the
# order as it is; SQLite cannot write NULLS LAST in an index at all.
INDEX_ORDER = (_STATUS_RANK, F("next_evaluation_on").asc(), F("id").asc())
