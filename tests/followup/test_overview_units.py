"""Oversikt per KE unit (issue 18, item 4): a leader chooses a unit or the whole
municipality, and the CSV follows; a caseworker sees their units' figures."""

import pytest
from django.urls import reverse

from cases.models import Case
from tests.factories import CaseFactory, UnitFactory, UserFactory
from tests.queries import assert_constant_queries

pytestmark = [pytest.mark.django_db, pytest.mark.today("2026-06-15")]


@pytest.fixture
def frogner(db):
    return UnitFactory(name="Koordinerende enhet, bydel Frogner")


@pytest.fixture
def cases(frogner):
    """Two cases in the default unit, one in Frogner, all under assessment."""
    return CaseFactory.create_batch(2), CaseFactory(unit=frogner)


def _under_assessment(response) -> int:
    return dict(response.context["by_status"])[Case.Status.UNDER_ASSESSMENT.label]


def test_a_leader_sees_the_whole_municipality_by_default(client, leader, cases):
    client.force_login(leader)
    assert _under_assessment(client.get(reverse("followup:overview"))) == 3


def test_a_leader_chooses_one_unit(client, leader, cases, frogner):
    client.force_login(leader)
    response = client.get(reverse("followup:overview"), {"enhet": frogner.pk})
    assert _under_assessment(response) == 1


def test_the_csv_follows_the_chosen_unit(client, leader, cases, frogner):
    client.force_login(leader)
    response = client.get(reverse("followup:overview_csv"), {"enhet": frogner.pk})
    body = response.content.decode("utf-8-sig")
    assert "Saker etter status;Under vurdering;1" in body
    assert f"Enhet;;{frogner.name}" in body


def test_the_page_links_the_csv_of_the_chosen_unit(client, leader, cases, frogner):
    client.force_login(leader)
    html = client.get(reverse("followup:overview"), {"enhet": frogner.pk}).content.decode()
    assert f"{reverse('followup:overview_csv')}?enhet={frogner.pk}" in html


def test_an_unknown_unit_says_so_and_shows_the_whole_municipality(client, leader, cases):
    client.force_login(leader)
    response = client.get(reverse("followup:overview"), {"enhet": "x"})
    assert "Velg en av enhetene i listen." in response.content.decode()
    assert _under_assessment(response) == 3


def test_a_caseworker_sees_their_units_figures(client, frogner, cases):
    user = UserFactory(caseworker=True)
    frogner.staff.add(user)
    client.force_login(user)
    assert _under_assessment(client.get(reverse("followup:overview"))) == 1


def test_a_caseworker_cannot_choose_another_unit(client, caseworker, cases, frogner):
    client.force_login(caseworker)
    response = client.get(reverse("followup:overview"), {"enhet": frogner.pk})
    assert _under_assessment(response) == 2


def test_with_one_unit_there_is_nothing_to_choose(client, leader):
    CaseFactory()
    client.force_login(leader)
    assert 'name="enhet"' not in client.get(reverse("followup:overview")).content.decode()


def test_a_unit_costs_the_same_queries_for_one_case_or_many(client, leader, frogner):
    client.force_login(leader)
    one, many = assert_constant_queries(
        lambda: client.get(reverse("followup:overview"), {"enhet": frogner.pk}),
        lambda k: CaseFactory.create_batch(k, unit=frogner),
        n=20,
    )
    assert _under_assessment(many) == 20
