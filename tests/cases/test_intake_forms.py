import pytest

from cases.intake_forms import RegistrationForm
from cases.models import Case

pytestmark = [pytest.mark.today("2026-06-15")]

FILLED = {
    "given_name": "Ola",
    "family_name": "Nordmann",
    "born_on": "1980-01-01",
    "residence": "registered",
    "language": "norsk",
    "requests_coordinator": "on",
    "received_on": "2026-06-01",
    "consent_given": "on",
    "consent_given_by": "person",
    "consent_given_by_name": "Ola Nordmann",
    "consent_form": "written",
}


def test_a_consent_given_at_registration_must_say_what_it_covers():
    form = RegistrationForm(FILLED, origin=Case.Origin.APPLICATION)
    assert form.errors["consent_covers_plan"] == ["Kryss av for hva samtykket gjelder."]


def test_a_consent_to_sharing_at_registration_names_who_it_is_shared_with():
    form = RegistrationForm({**FILLED, "consent_covers_sharing": "on"}, origin="application")
    assert form.errors["consent_sharing_with"] == ["Skriv hvem opplysningene kan deles med."]


def test_a_consent_covering_the_plan_is_accepted():
    form = RegistrationForm({**FILLED, "consent_covers_plan": "on"}, origin="application")
    assert form.is_valid(), form.errors
