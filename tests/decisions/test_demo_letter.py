"""The demo's sent letter reads as a family's letter should."""

import io

import pytest
from django.core.management import call_command
from django.test import TestCase

from decisions.models import Letter
from tests.decisions.pdf_text import body_text, squash

# The demo's Noah is born 3 February 2012: from 16 he gets a letter of his own, so the day
# is named (on the day he is 14 his parent gets the one letter).
pytestmark = [pytest.mark.django_db, pytest.mark.today("2026-12-01")]


@pytest.fixture
def noahs_letter(settings):
    settings.KE_DEMO_PASSWORD = "demo-passord-for-test"
    with TestCase.captureOnCommitCallbacks(execute=True):  # the task renders the letter
        call_command("seed_demo", stdout=io.StringIO())
    letter = Letter.objects.get(decision__case__person__family_name="Demo-Olsen")
    with letter.file.open("rb") as pdf:
        return squash(body_text(pdf.read()))


def test_the_demo_family_gets_the_barnekoordinator_for_their_child(noahs_letter):
    assert squash("Du får barnekoordinator for barnet ditt, Noah.") in noahs_letter
    assert squash("Noah Demo-Olsen får") not in noahs_letter


def test_the_demo_letter_gives_what_the_caseworker_weighed(noahs_letter):
    assert squash("Dette har vi lagt vekt på: Behandlerne venter") in noahs_letter
