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


def test_a_birth_date_before_1900_is_refused():
    form = RegistrationForm({**FILLED, "born_on": "1899-12-31"}, origin="application")
    assert form.errors["born_on"] == ["Fødselsdatoen kan ikke være før 01.01.1900."]


def test_a_received_date_before_2000_is_refused():
    form = RegistrationForm({**FILLED, "received_on": "1999-12-31"}, origin="application")
    assert form.errors["received_on"] == ["Datoen kan ikke være før 01.01.2000."]


def test_a_due_date_more_than_a_year_ahead_is_refused():
    data = {**FILLED, "born_on": "", "expected_on": "2027-06-16"}
    form = RegistrationForm(data, origin="application")
    assert form.errors["expected_on"] == ["Termindatoen kan ikke være etter 15.06.2027."]
