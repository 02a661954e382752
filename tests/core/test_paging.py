"""A page number from the address: nonsense gives the first page, past the end gives 404."""

import pytest
from django.contrib.auth import get_user_model
from django.http import Http404
from django.urls import reverse

from cases.models import Case
from core.paging import MAX_PAGE, page_number, paginate, paginate_keys
from tests.factories import CaseFactory

HUGE = "99999999999999999999999"


@pytest.mark.parametrize("given", [None, "", "abc", "-5", "0", "1.5", "1e10", "9" * 5000])
def test_what_is_not_a_whole_number_from_1_gives_the_first_page(given):
    assert page_number(given) == 1


def test_a_number_from_the_address_is_read_as_one():
    assert page_number(" 3 ") == 3


@pytest.mark.parametrize("given", [MAX_PAGE + 1, HUGE])
def test_a_page_beyond_the_bound_is_404_without_a_query(given):
    # No database here: a query would fail with RuntimeError, not Http404.
    with pytest.raises(Http404):
        paginate(get_user_model().objects.all(), given)


@pytest.mark.django_db
def test_a_page_past_the_last_is_404():
    CaseFactory.create_batch(2)
    assert len(paginate(Case.objects.order_by("pk"), 1, per_page=2).items) == 2
    with pytest.raises(Http404):
        paginate(Case.objects.order_by("pk"), 2, per_page=2)


@pytest.mark.django_db
def test_an_empty_list_still_has_its_first_page():
    page = paginate(get_user_model().objects.none(), "1")
    assert (page.items, page.number, page.has_next) == ([], 1, False)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["cases:list", "decisions:list", "plans:list", "cases:access_log"])
def test_a_huge_page_number_on_a_list_is_404_not_500(client, leader, name):
    client.force_login(leader)
    response = client.get(reverse(name), {"side": HUGE})
    assert response.status_code == 404
    assert "Finner ikke siden" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("side", ["-5", "abc"])
def test_a_nonsense_page_number_on_a_list_shows_the_first_page(client, leader, side):
    client.force_login(leader)
    response = client.get(reverse("cases:list"), {"side": side})
    assert response.status_code == 200
    assert response.context["page"].number == 1


def _rows_of(keys):
    return Case.objects.select_related("person").in_bulk(keys)


@pytest.mark.django_db
def test_paged_by_keys_a_page_holds_the_same_rows_in_the_same_order():
    CaseFactory.create_batch(5)
    ordered = Case.objects.order_by("-received_on", "-id")
    by_keys = paginate_keys(ordered, 2, _rows_of, per_page=2)
    plain = paginate(ordered, 2, per_page=2)
    assert (by_keys.items, by_keys.has_next) == (plain.items, plain.has_next)


@pytest.mark.django_db
def test_paged_by_keys_the_offset_reads_the_keys_alone(django_assert_num_queries):
    CaseFactory.create_batch(3)
    with django_assert_num_queries(2) as captured:
        paginate_keys(Case.objects.select_related("person"), 2, _rows_of, per_page=2)
    keys, rows = (q["sql"] for q in captured.captured_queries)
    assert ("OFFSET" in keys, "cases_person" in keys, "OFFSET" in rows) == (True, False, False)


@pytest.mark.django_db
def test_paged_by_keys_a_row_gone_between_the_two_reads_is_left_out():
    cases = CaseFactory.create_batch(2)
    page = paginate_keys(Case.objects.order_by("pk"), 1, lambda keys: {cases[1].pk: cases[1]})
    assert page.items == [cases[1]]


@pytest.fixture
def three_pages_at_most(monkeypatch):
    from core import paging

    monkeypatch.setattr(paging, "MAX_PAGE", 3)


@pytest.mark.django_db
def test_the_last_page_allowed_offers_no_next_but_says_there_is_more(three_pages_at_most):
    CaseFactory.create_batch(4)
    page = paginate(Case.objects.order_by("pk"), 3, per_page=1)
    assert (page.has_next, page.bounded) == (False, True)


@pytest.mark.django_db
def test_the_last_page_allowed_with_nothing_after_it_is_not_bounded(three_pages_at_most):
    CaseFactory.create_batch(3)
    page = paginate(Case.objects.order_by("pk"), 3, per_page=1)
    assert (page.has_next, page.bounded) == (False, False)


@pytest.mark.django_db
def test_a_page_past_the_bound_is_404(three_pages_at_most):
    CaseFactory.create_batch(5)
    with pytest.raises(Http404):
        paginate(Case.objects.order_by("pk"), 4, per_page=1)


@pytest.mark.django_db
def test_the_list_tells_the_user_to_search_at_the_bound(client, leader, monkeypatch):
    from core import paging

    monkeypatch.setattr(paging, "MAX_PAGE", 2)
    CaseFactory.create_batch(51)
    client.force_login(leader)
    content = client.get(reverse("cases:list"), {"side": 2}).content.decode()
    assert "Listen viser bare de første 2 sidene. Søk eller filtrer for å finne resten." in content
    assert "side=3" not in content
