"""Correcting a person, their relations and their services (issue 17, item 1)."""

import datetime

import pytest
from django.urls import reverse

from cases import editing
from cases.edit_forms import PersonForm
from cases.models import AccessLog, Person, PersonService, Relation, TimelineEntry
from cases.national_id import synthesize
from core.errors import RuleViolation, StaleEdit
from core.locking import edit_stamp
from tests.factories import (
    CaseFactory,
    PersonFactory,
    PersonServiceFactory,
    RelationFactory,
)

pytestmark = pytest.mark.django_db

# Faker's Norwegian names do not always make a valid address; the edits check it.
EMAIL = "kari@epost.example"
NUMBER = synthesize(datetime.date(1985, 4, 12), 123)


def person_values(person, **changes):
    values = {name: getattr(person, name) for name in editing.PERSON_FIELDS}
    return {**values, **changes}


def post_data(person, **changes):
    data = {k: ("" if v is None else v) for k, v in person_values(person, **changes).items()}
    data["needs_interpreter"] = "on" if data["needs_interpreter"] else ""
    data["edit_stamp"] = edit_stamp(Person.objects.get(pk=person.pk), editing.PERSON_FIELDS)
    return data


def stamp(obj, fields):
    return edit_stamp(type(obj).objects.get(pk=obj.pk), fields)


class TestPersonUpdate:
    def test_it_corrects_the_address(self, caseworker):
        person = PersonFactory(email=EMAIL)
        fields = person_values(person, address="Fjordveien 3")
        editing.person_update(
            person=person, by=caseworker, expected_stamp=stamp(person, fields), **fields
        )
        person.refresh_from_db()
        assert person.address == "Fjordveien 3"

    def test_the_journal_names_the_fields_not_their_values(self, caseworker):
        case = CaseFactory(person__email=EMAIL)
        fields = person_values(case.person, address="Fjordveien 3")
        editing.person_update(
            person=case.person, by=caseworker, case=case, expected_stamp=None, **fields
        )
        entry = TimelineEntry.objects.filter(case=case).latest("id")
        assert entry.text == "Personopplysninger rettet: adresse."

    def test_a_new_number_gives_the_birth_date(self, caseworker):
        person = PersonFactory(email=EMAIL, born_on=datetime.date(1990, 1, 1))
        fields = person_values(person, national_id=NUMBER)
        editing.person_update(person=person, by=caseworker, expected_stamp=None, **fields)
        person.refresh_from_db()
        assert person.born_on == datetime.date(1985, 4, 12)

    def test_another_persons_number_is_refused(self, caseworker):
        PersonFactory(email=EMAIL, national_id=NUMBER)
        person = PersonFactory(email=EMAIL)
        fields = person_values(person, national_id=NUMBER)
        with pytest.raises(RuleViolation, match="Et annet personregister"):
            editing.person_update(person=person, by=caseworker, expected_stamp=None, **fields)

    def test_a_registered_number_cannot_be_removed(self, caseworker):
        person = PersonFactory(email=EMAIL, national_id=NUMBER)
        fields = person_values(person, national_id="")
        with pytest.raises(RuleViolation, match="kan rettes, men ikke fjernes"):
            editing.person_update(person=person, by=caseworker, expected_stamp=None, **fields)

    def test_an_edit_over_someone_elses_saves_nothing(self, caseworker):
        person = PersonFactory(email=EMAIL, phone="11 11 11 11")
        opened = stamp(person, editing.PERSON_FIELDS)
        Person.objects.filter(pk=person.pk).update(phone="22 22 22 22")
        fields = person_values(person, address="Fjordveien 3")
        with pytest.raises(StaleEdit):
            editing.person_update(person=person, by=caseworker, expected_stamp=opened, **fields)
        person.refresh_from_db()
        assert (person.address, person.phone) == ("Storgata 1", "22 22 22 22")

    def test_the_history_row_names_who_corrected(self, caseworker):
        person = PersonFactory(email=EMAIL)
        fields = person_values(person, address="Fjordveien 3")
        editing.person_update(person=person, by=caseworker, expected_stamp=None, **fields)
        assert person.history.latest().history_user == caseworker


class TestPersonForm:
    def test_it_refuses_a_postal_code_that_is_not_four_digits(self):
        person = PersonFactory(email=EMAIL)
        form = PersonForm(post_data(person, postal_code="12"), instance=person)
        assert form.errors["postal_code"] == ["Postnummeret har fire siffer."]

    def test_it_refuses_a_number_whose_check_digits_fail(self):
        person = PersonFactory(email=EMAIL)
        form = PersonForm(post_data(person, national_id="12345678901"), instance=person)
        assert "Kontrollsifrene stemmer ikke" in form.errors["national_id"][0]


class TestRelations:
    def test_a_parents_contact_details_and_national_id_are_corrected(self, caseworker):
        relation = RelationFactory()
        editing.relation_update(
            relation=relation,
            by=caseworker,
            expected_stamp=stamp(relation, editing.RELATION_FIELDS),
            name=relation.name,
            role=relation.role,
            national_id=NUMBER,
            phone="90 00 00 00",
            email="ny@epost.example",
            address="Nygata 2, 1234 Eksempelby",
        )
        relation.refresh_from_db()
        assert (relation.national_id, relation.phone) == (NUMBER, "90 00 00 00")

    def test_an_invalid_national_id_is_refused(self, caseworker):
        relation = RelationFactory()
        with pytest.raises(RuleViolation, match="11 siffer"):
            editing.relation_update(
                relation=relation,
                by=caseworker,
                expected_stamp=None,
                name=relation.name,
                role=relation.role,
                national_id="123",
                phone="",
                email="",
                address="",
            )

    def test_a_relation_is_removed_and_the_journal_says_so(self, caseworker):
        case = CaseFactory(person__email=EMAIL)
        relation = RelationFactory(person=case.person)
        editing.relation_remove(relation=relation, by=caseworker, case=case)
        assert not Relation.objects.filter(pk=relation.pk).exists()
        assert TimelineEntry.objects.filter(case=case, text__contains="fjernet").exists()


class TestServices:
    def test_a_service_is_corrected(self, caseworker):
        record = PersonServiceFactory(status=PersonService.Status.APPLIED)
        editing.person_service_update(
            record=record,
            by=caseworker,
            expected_stamp=stamp(record, editing.PERSON_SERVICE_FIELDS),
            provider="Eksempel kommune",
            status=PersonService.Status.RECEIVED,
            since=None,
            long_term=True,
        )
        record.refresh_from_db()
        assert record.status == PersonService.Status.RECEIVED

    def test_a_service_is_removed(self, caseworker):
        record = PersonServiceFactory()
        editing.person_service_remove(record=record, by=caseworker)
        assert not PersonService.objects.filter(pk=record.pk).exists()


class TestPages:
    def test_the_person_edit_page_logs_the_person_shown(self, caseworker_client, caseworker):
        case = CaseFactory(person__email=EMAIL)
        caseworker_client.get(reverse("cases:person_edit", args=[case.pk]))
        row = AccessLog.objects.get()
        assert (row.user, row.person_id, row.action) == (caseworker, case.person_id, "view")

    def test_a_saved_correction_is_logged_as_a_change(self, caseworker_client):
        case = CaseFactory(person__email=EMAIL)
        caseworker_client.post(
            reverse("cases:person_edit", args=[case.pk]),
            post_data(case.person, address="Fjordveien 3"),
        )
        assert AccessLog.objects.filter(action="change", person_id=case.person_id).exists()

    def test_a_stale_edit_shows_the_users_text_again_with_a_warning(self, caseworker_client):
        case = CaseFactory(person__email=EMAIL)
        data = post_data(case.person, address="Min adresse 1")
        Person.objects.filter(pk=case.person_id).update(phone="22 22 22 22")
        response = caseworker_client.post(reverse("cases:person_edit", args=[case.pk]), data)
        html = response.content.decode()
        assert "endret av noen andre" in html and 'value="Min adresse 1"' in html

    def test_saving_again_after_the_warning_saves(self, caseworker_client):
        case = CaseFactory(person__email=EMAIL)
        data = post_data(case.person, address="Min adresse 1")
        Person.objects.filter(pk=case.person_id).update(phone="22 22 22 22")
        url = reverse("cases:person_edit", args=[case.pk])
        response = caseworker_client.post(url, data)
        caseworker_client.post(
            url, {**data, "edit_stamp": response.context["form"].data["edit_stamp"]}
        )
        assert Person.objects.get(pk=case.person_id).address == "Min adresse 1"

    def test_a_service_of_another_person_is_not_found(self, caseworker_client):
        case = CaseFactory(person__email=EMAIL)
        other = PersonServiceFactory()
        url = reverse("cases:service_remove", args=[case.pk, other.pk])
        assert caseworker_client.post(url).status_code == 404

    def test_a_closed_case_is_not_corrected(self, caseworker_client):
        case = CaseFactory(closed=True, person__email=EMAIL)
        response = caseworker_client.get(reverse("cases:person_edit", args=[case.pk]))
        assert response.status_code == 302

    def test_a_coordinator_cannot_open_the_edit_page(self, coordinator_client):
        case = CaseFactory(person__email=EMAIL)
        response = coordinator_client.get(reverse("cases:person_edit", args=[case.pk]))
        assert response.status_code == 403
