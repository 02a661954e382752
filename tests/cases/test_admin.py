"""The admin reads people, families and cases, logs what it shows, and writes none of it."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from cases.access import log_list
from cases.models import AccessLog
from tests.admin_pages import (
    READ_VIEWS,
    answered_and_logged,
    logged,
    url,
    visit,
    visit_past_version,
    writable,
    write_attempts,
)
from tests.factories import (
    CaseFactory,
    ConsentFactory,
    FamilyMemberFactory,
    PersonFactory,
    PersonServiceFactory,
    RelationFactory,
    ServiceFactory,
    TimelineEntryFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def person():
    relation = RelationFactory()
    PersonServiceFactory(person=relation.person)
    return relation.person, relation.person_id


def family():
    member = FamilyMemberFactory()
    return member.family, member.person_id


def case():
    consent = ConsentFactory()
    TimelineEntryFactory(case=consent.case)
    return consent.case, consent.case.person_id


SHOWN = [pytest.param(make, id=make.__name__) for make in (person, family, case)]
WITH_HISTORY = [pytest.param(make, id=make.__name__) for make in (person, case)]


@pytest.mark.parametrize("view", READ_VIEWS)
@pytest.mark.parametrize("make", SHOWN)
def test_each_page_answers_and_logs_the_person_shown(admin_client, make, view):
    obj, person_id = make()
    assert visit(admin_client, obj, view) == answered_and_logged(obj, person_id)


@pytest.mark.parametrize("make", WITH_HISTORY)
def test_a_past_version_answers_and_logs_the_person_shown(admin_client, make):
    obj, person_id = make()
    assert visit_past_version(admin_client, obj) == answered_and_logged(obj, person_id)


@pytest.mark.parametrize("make", SHOWN)
def test_nothing_can_be_added_changed_or_deleted(admin_client, make):
    obj, _ = make()
    assert write_attempts(admin_client, obj) == {"add": 403, "change": 403, "delete": 403}


@pytest.mark.parametrize("make", SHOWN)
def test_neither_the_admin_nor_its_inlines_allow_writing(admin_user, make):
    obj, _ = make()
    assert writable(admin_user, obj) == []


def test_the_change_page_shows_the_person_and_relations_without_inputs(admin_client):
    obj, _ = person()
    html = admin_client.get(url(obj, "change")).content.decode()
    assert obj.relations.get().name in html
    assert 'name="given_name"' not in html
    assert 'name="relations-0-name"' not in html


def test_a_past_version_cannot_be_posted_back(admin_client):
    obj = PersonFactory(given_name="Kari")
    version = obj.history.earliest()
    obj.given_name = "Karianne"
    obj.save()
    response = admin_client.post(url(obj, "simple_history", version.history_id), {})
    obj.refresh_from_db()
    assert (response.status_code, obj.given_name) == (403, "Karianne")


def test_the_person_list_logs_each_person_on_the_page(admin_client):
    people = PersonFactory.create_batch(3)
    admin_client.get(url(people[0], "changelist"))
    assert sorted(logged(people[0], "changelist")) == sorted((str(p.pk), p.pk) for p in people)


def test_a_family_is_logged_once_per_member(admin_client):
    member = FamilyMemberFactory()
    sibling = FamilyMemberFactory(family=member.family, role="sibling")
    admin_client.get(url(member.family, "change"))
    assert sorted(logged(member.family, "change")) == sorted(
        [(str(member.family_id), member.person_id), (str(member.family_id), sibling.person_id)]
    )


def test_logging_a_list_costs_the_same_queries_for_1_and_20_cases(admin_client):
    counts = []
    # The session's first request also learns whether the user is a participant.
    admin_client.get(reverse("admin:cases_case_changelist"))
    for n in (1, 20):
        CaseFactory.create_batch(n)
        with CaptureQueriesContext(connection) as queries:
            admin_client.get(reverse("admin:cases_case_changelist"))
        counts.append(len(queries))
    # Of these, the logging adds two: the page's person ids, and one INSERT for the rows.
    assert counts[0] == counts[1]


def test_an_empty_list_logs_nothing(admin_client):
    admin_client.get(reverse("admin:cases_case_changelist"))
    assert not AccessLog.objects.exists()


def test_a_missing_object_logs_nothing(admin_client):
    response = admin_client.get(reverse("admin:cases_case_change", args=[999]))
    assert (response.status_code, AccessLog.objects.exists()) == (302, False)


def test_people_cannot_be_looked_up_by_name_through_autocomplete(admin_client):
    PersonFactory(family_name="Nordmann")
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "cases", "model_name": "case", "field_name": "person", "term": "Nord"},
    )
    assert response.status_code == 404


# --- Reference data stays editable ---------------------------------------------------------


def test_the_service_catalogue_can_be_edited(admin_client):
    service = ServiceFactory(name="Prøvetjeneste")
    response = admin_client.post(
        url(service, "change"), {"name": "Tolketjeneste for døve", "category": service.category}
    )
    service.refresh_from_db()
    assert (response.status_code, service.name) == (302, "Tolketjeneste for døve")


@pytest.mark.parametrize(
    "make", [ServiceFactory, UserFactory, lambda: Group.objects.create(name="Gruppe")]
)
def test_reference_data_can_be_added_changed_and_deleted(admin_user, make):
    obj = make()
    name = type(obj).__name__
    assert {"add", "change", "delete"} <= {
        allowed.split(".")[1] for allowed in writable(admin_user, obj) if allowed.startswith(name)
    }


def test_reference_data_pages_write_no_access_log_rows(admin_client):
    service = ServiceFactory()
    admin_client.get(url(service, "changelist"))
    admin_client.get(url(service, "change"))
    assert not AccessLog.objects.exists()


# --- log_list ------------------------------------------------------------------------------


def _request(user):
    request = RequestFactory().get("/saker/")
    request.user = user
    return request


def test_log_list_writes_one_row_per_object_and_person(caseworker):
    log_list(_request(caseworker), object_type="case", shown=[(1, 10), (2, 20), (1, 10)])
    assert sorted(AccessLog.objects.values_list("object_id", "person_id", "username")) == [
        ("1", 10, caseworker.username),
        ("2", 20, caseworker.username),
    ]


def test_log_list_writes_the_rows_in_one_insert(caseworker, django_assert_num_queries):
    shown = [(n, n) for n in range(1, 21)]
    # One INSERT for the rows; user_role reads the user's groups once.
    with django_assert_num_queries(2):
        log_list(_request(caseworker), object_type="person", shown=shown)
    assert AccessLog.objects.count() == 20


def test_log_list_of_nothing_writes_nothing(caseworker):
    assert log_list(_request(caseworker), object_type="case", shown=[]) == []
    assert not AccessLog.objects.exists()


# --- Norwegian labels (issue 17) ----------------------------------------------------------


def test_the_admin_says_legg_til_vedtak_not_ny_vedtak():
    """Django's Norwegian "Legg til ny %s" is wrong for a neuter noun; locale/ corrects it."""
    with translation.override("nb"):
        assert gettext("Add %(name)s") % {"name": "vedtak"} == "Legg til vedtak"


def test_django_axes_has_a_norwegian_name_in_the_admin(admin_client):
    html = admin_client.get(reverse("admin:index")).content.decode()
    assert "Innloggingsforsøk" in html and ">Axes<" not in html
