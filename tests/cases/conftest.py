"""Units of a municipality split by district, for the tests of who sees which cases."""

import pytest

from tests.factories import UnitFactory, UserFactory


@pytest.fixture
def frogner(db):
    return UnitFactory(name="Koordinerende enhet, bydel Frogner")


@pytest.fixture
def grorud(db):
    return UnitFactory(name="Koordinerende enhet, bydel Grorud")


@pytest.fixture
def frogner_caseworker(frogner):
    user = UserFactory(caseworker=True)
    frogner.staff.add(user)
    return user
