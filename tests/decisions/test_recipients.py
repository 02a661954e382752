"""Who gets the decision letter, and how each letter speaks to its reader."""

import datetime

import pytest

from cases.models import Relation
from core.dates import add_years
from decisions import selectors
from tests.factories import CaseFactory, PersonFactory, RelationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.today("2026-03-06")]

TODAY = datetime.date(2026, 3, 6)


def case_of(born_on=None, expected_on=None, parents=2, **person):
    case = CaseFactory(
        person=PersonFactory(born_on=born_on, expected_on=expected_on, given_name="Noah", **person)
    )
    for n in range(parents):
        RelationFactory(person=case.person, name=f"Forelder {n + 1}")
    return case


def test_a_child_under_16_gets_no_letter_of_their_own_each_parent_does():
    case = case_of(born_on=add_years(TODAY, -15))
    assert [r.role for r in selectors.recipients(case)] == [
        "Forelder med foreldreansvar",
        "Forelder med foreldreansvar",
    ]


def test_from_16_the_young_person_gets_the_letter_beside_each_parent():
    case = case_of(born_on=add_years(TODAY, -16))
    keys = [r.key for r in selectors.recipients(case)]
    assert keys[0] == f"person:{case.person.pk}"
    assert len(keys) == 3


def test_the_young_person_is_spoken_to_as_du():
    case = case_of(born_on=add_years(TODAY, -17))
    young = selectors.recipients(case)[0]
    assert (young.voice.you, young.voice.child) == ("du", "")


def test_two_parents_read_about_barnet_deres():
    case = case_of(born_on=add_years(TODAY, -7))
    voices = {(r.voice.you, r.voice.child) for r in selectors.recipients(case)}
    assert voices == {("dere", "barnet deres, Noah")}


def test_a_single_parent_reads_about_barnet_ditt():
    case = case_of(born_on=add_years(TODAY, -7), parents=1)
    (parent,) = selectors.recipients(case)
    assert (parent.voice.you, parent.voice.child) == ("du", "barnet ditt, Noah")


def test_parents_expecting_a_child_read_about_the_child_they_expect():
    case = case_of(expected_on=TODAY + datetime.timedelta(days=60))
    assert {r.voice.child for r in selectors.recipients(case)} == {"barnet dere venter"}


def test_an_adult_gets_the_letter_and_a_guardian_reads_about_them_by_name():
    case = CaseFactory(person=PersonFactory(given_name="Kari", family_name="Nordmann"))
    RelationFactory(person=case.person, name="Verge Vik", role=Relation.Role.GUARDIAN)
    adult, guardian = selectors.recipients(case)
    assert (adult.voice.child, guardian.voice.child) == ("", "Kari Nordmann")


def test_next_of_kin_are_not_parties_and_get_no_letter():
    case = CaseFactory()
    RelationFactory(person=case.person, role=Relation.Role.NEXT_OF_KIN)
    assert len(selectors.recipients(case)) == 1
