import pytest

from tests.decisions.factories import AssessmentFactory, child_case
from tests.factories import CaseFactory
from tests.mail_checks import assert_no_letter_was_emailed
from tests.svarut_fixtures import business_certificate, svarut, svarut_standin  # noqa: F401


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.KE_OUTBOX_DIR = tmp_path / "outbox"


@pytest.fixture(autouse=True)
def no_letter_by_email():
    """Every letter test: whatever it sent, no email carried a PDF."""
    yield
    assert_no_letter_was_emailed()


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
