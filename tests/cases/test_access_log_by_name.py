"""An access-log search by name reads the log of the closest names only
(cases.filters.PEOPLE_BY_NAME), not of every person a common name matches."""

import datetime

import pytest

from cases.filters import PEOPLE_BY_NAME, AccessLogFilter
from cases.models import AccessLog
from cases.national_id import synthesize
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _logged(person):
    AccessLog.objects.create(
        username="x",
        object_type="person",
        object_id=str(person.pk),
        person_id=person.pk,
        action="view",
    )
    return person


def _people_found(term):
    rows = AccessLogFilter({"person": term}, queryset=AccessLog.objects.all()).qs
    return {row.person_id for row in rows}


def test_a_common_name_reads_the_log_of_so_many_people_at_most(on_postgresql):
    for _ in range(PEOPLE_BY_NAME + 5):
        _logged(PersonFactory(family_name="Hansen"))
    assert len(_people_found("Hansen")) == PEOPLE_BY_NAME


def test_the_closest_name_is_among_them(on_postgresql):
    for _ in range(PEOPLE_BY_NAME):
        _logged(PersonFactory(given_name="Kari", family_name="Hanssen-Bakkeli"))
    exact = _logged(PersonFactory(given_name="Ola", family_name="Hansen"))
    assert exact.pk in _people_found("Hansen")


def test_a_national_id_reads_one_persons_log():
    born = datetime.date(1985, 4, 12)
    people = [
        _logged(PersonFactory(family_name="Hansen", national_id=synthesize(born, n)))
        for n in (100, 101, 102)
    ]
    assert _people_found(people[1].national_id) == {people[1].pk}
