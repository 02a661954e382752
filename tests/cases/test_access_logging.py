"""What the access log records for lists, searches, exports and the pages that show
a person's data: a row per person shown, the search made but never its term.

tests/architecture/test_reads_are_logged.py checks that every page logs; these say what.
"""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from cases import search
from cases.access import log_list, log_shown
from cases.models import AccessLog
from cases.national_id import synthesize

NUMBER = synthesize(datetime.date(1985, 4, 12), 100)


def _request(user=None):
    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    return request


def rows(**filters) -> list[tuple]:
    """(object_type, object_id, person_id, action) of the rows written, oldest first."""
    return list(
        AccessLog.objects.filter(**filters)
        .order_by("id")
        .values_list("object_type", "object_id", "person_id", "action")
    )


def no_term_in_the_log(term: str) -> bool:
    texts = AccessLog.objects.values_list(
        "object_type", "object_id", "view_name", "request_id", "username"
    )
    return all(term not in value for row in texts for value in row)


# --- The helpers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "term,kind",
    [
        (NUMBER, "fødselsnummer"),
        ("120485 00100", "fødselsnummer"),
        ("2026/42", "saksnummer"),
        ("2026", "saksnummer"),
        ("Kari Nordmann", "navn"),
        ("  ", ""),
    ],
)
def test_term_kind_names_the_kind_of_term_and_never_echoes_it(term, kind):
    assert search.term_kind(term) == kind


@pytest.mark.django_db
def test_log_shown_writes_several_kinds_of_object_in_one_insert(
    caseworker, django_assert_num_queries
):
    # The user's groups for the role, then one INSERT.
    with django_assert_num_queries(2):
        log_shown(
            _request(caseworker),
            {"case": [(1, 10), (1, 10)], "reminder": [(5, 10), (6, None)]},
            searched="navn",
        )
    assert rows() == [
        ("search", "navn", None, "view"),
        ("case", "1", 10, "view"),
        ("reminder", "5", 10, "view"),
        ("reminder", "6", None, "view"),
    ]


@pytest.mark.django_db
def test_a_search_that_finds_nobody_is_still_logged(caseworker):
    log_list(_request(caseworker), object_type="case", shown=[], searched="fødselsnummer")
    assert rows() == [("search", "fødselsnummer", None, "view")]


@pytest.mark.django_db
def test_a_page_reached_without_a_login_is_logged_to_the_user_it_is_shown_for(caseworker):
    log_list(_request(), object_type="plan", shown=[(1, 10)], user=caseworker)
    row = AccessLog.objects.get()
    assert (row.user, row.username, row.role) == (caseworker, caseworker.username, "Saksbehandler")
