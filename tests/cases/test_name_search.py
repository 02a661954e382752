"""Name search: trigrams without diacritics on PostgreSQL, icontains on SQLite."""

import pytest
from django.db import connection

from cases.filters import CaseFilter
from cases.models import Case
from tests.factories import CaseFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _found(term):
    return list(CaseFilter({"q": term}, queryset=Case.objects.all()).qs)


def test_a_name_without_its_diacritic_finds_the_person(on_postgresql):
    case = CaseFactory(person=PersonFactory(given_name="Åsmund", family_name="Ødegård"))
    assert _found("Asmund Odegard") == [case]


def test_a_typo_in_a_long_name_still_finds_the_person(on_postgresql):
    case = CaseFactory(person=PersonFactory(given_name="Kari", family_name="Kristoffersen"))
    assert _found("Kristofersen") == [case]


def test_the_closest_name_comes_first(on_postgresql):
    CaseFactory(person=PersonFactory(given_name="Jon", family_name="Hansen"))
    exact = CaseFactory(person=PersonFactory(given_name="Jon", family_name="Hanssen"))
    found = _found("Hanssen")
    assert len(found) == 2
    assert found[0] == exact


def test_sqlite_finds_a_part_of_a_name():
    if connection.vendor == "postgresql":
        pytest.skip("SQLite only")
    case = CaseFactory(person=PersonFactory(given_name="Åsmund", family_name="Berg"))
    assert _found("smu") == [case]


def test_a_changed_name_is_found_by_the_new_name(on_postgresql):
    person = PersonFactory(given_name="Kari", family_name="Nordmann")
    case = CaseFactory(person=person)
    person.family_name = "Ødegård"
    person.save()
    assert (_found("Odegard"), _found("Nordmann")) == ([case], [])
