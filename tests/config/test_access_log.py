import pytest
from django.contrib.admin.sites import site
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory
from django.urls import reverse

from cases.models import AccessLog
from tests.factories import AppointmentFactory, CaseFactory, UserFactory


@pytest.mark.django_db
def test_opening_a_persons_case_writes_exactly_one_access_log_row(caseworker_client, caseworker):
    case = CaseFactory()
    caseworker_client.get(reverse("cases:detail", args=[case.pk]))
    rows = list(AccessLog.objects.all())
    assert len(rows) == 1
    row = rows[0]
    assert (row.user, row.person_id, row.object_type, row.object_id, row.action) == (
        caseworker,
        case.person_id,
        "case",
        str(case.pk),
        AccessLog.Action.VIEW,
    )
    assert row.ip_address == "127.0.0.1"


@pytest.mark.django_db
def test_opening_a_person_page_writes_exactly_one_row(caseworker_client):
    case = CaseFactory()
    caseworker_client.get(reverse("cases:person_detail", args=[case.person_id]))
    assert AccessLog.objects.filter(person_id=case.person_id, object_type="person").count() == 1


@pytest.mark.django_db
def test_a_coordinator_opening_another_case_gets_404_and_the_attempt_is_logged(
    coordinator_client, coordinator_user
):
    AppointmentFactory(coordinator=coordinator_user.coordinator)
    other = CaseFactory()
    response = coordinator_client.get(reverse("cases:detail", args=[other.pk]))
    assert response.status_code == 404
    assert AccessLog.objects.get().action == AccessLog.Action.DENIED


@pytest.mark.django_db
def test_a_coordinator_can_open_the_case_they_are_appointed_to(
    coordinator_client, coordinator_user
):
    appointment = AppointmentFactory(coordinator=coordinator_user.coordinator)
    response = coordinator_client.get(reverse("cases:detail", args=[appointment.case_id]))
    assert response.status_code == 200
    content = response.content.decode()
    assert appointment.case.number in content
    assert appointment.case.person.full_name in content
    row = AccessLog.objects.get()
    assert (row.user, row.action, row.object_id) == (
        coordinator_user,
        AccessLog.Action.VIEW,
        str(appointment.case_id),
    )


@pytest.mark.django_db
def test_the_admin_offers_no_add_change_or_delete_for_access_log_rows():
    admin = UserFactory(is_superuser=True, is_staff=True)
    request = RequestFactory().get("/")
    request.user = admin
    model_admin = site._registry[AccessLog]
    row = AccessLog.objects.create(username="x", object_type="case", object_id="1", action="view")
    assert model_admin.has_add_permission(request) is False
    assert model_admin.has_change_permission(request, row) is False
    assert model_admin.has_delete_permission(request, row) is False


@pytest.mark.django_db
def test_the_app_refuses_to_change_or_delete_a_row():
    row = AccessLog.objects.create(username="x", object_type="case", object_id="1", action="view")
    row.action = AccessLog.Action.CHANGE
    with pytest.raises(PermissionDenied):
        row.save()
    with pytest.raises(PermissionDenied):
        row.delete()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE cases_accesslog SET username = 'y' WHERE id = %s",
        "DELETE FROM cases_accesslog WHERE id = %s",
        # No row trigger fires for TRUNCATE; the statement trigger of 0006 refuses it.
        "TRUNCATE cases_accesslog",
        "TRUNCATE cases_accesslog CASCADE",
    ],
)
def test_postgresql_refuses_the_apps_connection_any_change_to_the_log(on_postgresql, sql):
    row = AccessLog.objects.create(username="x", object_type="case", object_id="1", action="view")
    refused = pytest.raises(DatabaseError, match="append-only")
    with refused, transaction.atomic(), connection.cursor() as cursor:
        # The row's deferred foreign-key check would otherwise block TRUNCATE
        # ("pending trigger events") before the trigger is reached.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(sql, [row.pk] if "%s" in sql else None)
    assert AccessLog.objects.get(pk=row.pk).username == "x"


@pytest.mark.django_db
def test_leaders_can_search_the_access_log_by_person(client, leader, caseworker_client):
    case = CaseFactory()
    caseworker_client.get(reverse("cases:detail", args=[case.pk]))
    client.force_login(leader)
    response = client.post(
        reverse("cases:access_log"), {"person": case.person.family_name}, follow=True
    )
    assert response.context["page"].items[0].person_id == case.person_id


@pytest.mark.django_db
def test_caseworkers_cannot_read_the_access_log(caseworker_client):
    assert caseworker_client.get(reverse("cases:access_log")).status_code == 403
