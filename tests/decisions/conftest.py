import pytest

from tests.decisions.factories import AssessmentFactory, child_case
from tests.factories import CaseFactory


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def assessed_case(db):
    """An adult asking for koordinator and IP, assessed as eligible for both."""
    case = CaseFactory(person__email="kari@epost.example", person__given_name="Kari")
    AssessmentFactory(case=case)
    return case


@pytest.fixture
def assessed_child_case(db):
    case = child_case()
    AssessmentFactory(case=case)
    return case
