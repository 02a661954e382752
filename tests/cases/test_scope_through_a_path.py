"""The case scope as a condition on the case a query reaches by a path (`case_visible`):
the same rows as `case__in=<the visible cases>`, with the case the query joins filtered
instead of a semi-join of its own."""

import pytest
from django.contrib.auth.models import AnonymousUser

from cases.models import TimelineEntry
from cases.scoping import case_visible
from tests.factories import (
    AppointmentFactory,
    CaseFactory,
    CoordinatorFactory,
    TimelineEntryFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _entries_seen_by(user):
    return set(TimelineEntry.objects.filter(case_visible(user, "case__")))


def _sql_seen_by(user) -> str:
    return str(TimelineEntry.objects.filter(case_visible(user, "case__")).query)


def test_a_caseworker_sees_the_entries_of_their_units_cases_only(
    frogner_caseworker, frogner, grorud
):
    mine = TimelineEntryFactory(case=CaseFactory(unit=frogner))
    TimelineEntryFactory(case=CaseFactory(unit=grorud))
    assert _entries_seen_by(frogner_caseworker) == {mine}


def test_a_caseworker_s_condition_filters_the_joined_case(frogner_caseworker):
    sql = _sql_seen_by(frogner_caseworker)
    assert sql.count('JOIN "cases_case"') == 1
    assert 'FROM "cases_case"' not in sql


def test_a_caseworker_appointed_coordinator_in_another_unit_sees_that_case_too(
    frogner_caseworker, frogner, grorud
):
    theirs = CaseFactory(unit=grorud)
    AppointmentFactory(case=theirs, coordinator=CoordinatorFactory(user=frogner_caseworker))
    mine = TimelineEntryFactory(case=CaseFactory(unit=frogner))
    appointed = TimelineEntryFactory(case=theirs)
    TimelineEntryFactory(case=CaseFactory(unit=grorud))
    assert _entries_seen_by(frogner_caseworker) == {mine, appointed}


def test_a_caseworker_who_coordinates_is_scoped_through_the_cases(frogner_caseworker):
    # The unit and the appointment in one OR would span two tables (see case_visible).
    CoordinatorFactory(user=frogner_caseworker)
    assert 'IN (SELECT V0."id" FROM "cases_case" V0' in _sql_seen_by(frogner_caseworker)


def test_a_coordinator_sees_the_entries_of_their_appointed_cases_only(grorud):
    appointment = AppointmentFactory(case=CaseFactory(unit=grorud))
    appointed = TimelineEntryFactory(case=appointment.case)
    TimelineEntryFactory(case=CaseFactory(unit=grorud))
    assert _entries_seen_by(appointment.coordinator.user) == {appointed}


def test_a_coordinator_whose_appointment_ended_sees_nothing(grorud, today):
    appointment = AppointmentFactory(case=CaseFactory(unit=grorud), ended_on=today)
    TimelineEntryFactory(case=appointment.case)
    assert _entries_seen_by(appointment.coordinator.user) == set()


def test_a_leader_sees_every_units_entries(leader, frogner, grorud):
    entries = {TimelineEntryFactory(case=CaseFactory(unit=unit)) for unit in (frogner, grorud)}
    assert _entries_seen_by(leader) == entries


@pytest.mark.parametrize("who", ["anonymous", "no role"])
def test_someone_with_no_clause_sees_nothing_without_a_query(
    who, frogner, django_assert_num_queries
):
    TimelineEntryFactory(case=CaseFactory(unit=frogner))
    user = AnonymousUser() if who == "anonymous" else UserFactory()
    condition = case_visible(user, "case__")
    with django_assert_num_queries(0):
        assert list(TimelineEntry.objects.filter(condition)) == []
