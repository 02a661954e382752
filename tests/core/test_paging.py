"""A page number from the address: nonsense gives the first page, past the end gives 404."""

import pytest
from django.contrib.auth import get_user_model
from django.http import Http404
from django.urls import reverse

from cases.models import Case
from core.paging import MAX_PAGE, page_number, paginate
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
