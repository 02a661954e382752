"""The law's age rules for who sees a plan (pbrl §§ 3-4, 4-3). Pure: no database."""

import datetime

from plans.access_rules import (
    OWNER,
    REPRESENTATIVE,
    access_consent_refusals,
    citizen_standing,
    of_consent_age,
)

TODAY = datetime.date(2026, 6, 15)


def test_a_person_is_of_consent_age_on_their_sixteenth_birthday():
    assert of_consent_age(datetime.date(2010, 6, 15), TODAY) is True


def test_a_person_is_not_of_consent_age_the_day_before():
    assert of_consent_age(datetime.date(2010, 6, 16), TODAY) is False


def test_an_unborn_child_is_not_of_consent_age():
    assert of_consent_age(None, TODAY) is False


def test_a_person_from_16_owns_their_plan():
    assert citizen_standing(is_person=True, relation_roles=set(), person_of_age=True) == OWNER


def test_a_child_under_16_does_not_see_their_plan_themselves():
    assert citizen_standing(is_person=True, relation_roles=set(), person_of_age=False) is None


def test_a_parent_decides_for_a_child_under_16():
    standing = citizen_standing(is_person=False, relation_roles={"parent"}, person_of_age=False)
    assert standing == REPRESENTATIVE


def test_a_parent_of_a_16_year_old_sees_only_what_the_young_person_consents_to():
    assert citizen_standing(is_person=False, relation_roles={"parent"}, person_of_age=True) is None


def test_a_guardian_represents_an_adult():
    standing = citizen_standing(is_person=False, relation_roles={"guardian"}, person_of_age=True)
    assert standing == REPRESENTATIVE


def test_next_of_kin_see_a_plan_only_by_consent():
    standing = citizen_standing(
        is_person=False, relation_roles={"next_of_kin"}, person_of_age=False
    )
    assert standing is None


def test_a_consent_to_access_cannot_end_in_the_past():
    refusals = access_consent_refusals(
        valid_from=TODAY - datetime.timedelta(9),
        valid_to=TODAY - datetime.timedelta(1),
        today=TODAY,
    )
    assert refusals == ["Sluttdatoen for tilgangen kan ikke ligge tilbake i tid."]
