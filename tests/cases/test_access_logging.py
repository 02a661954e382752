"""What the access log records for lists, searches, exports and the pages that show
a person's data: a row per person shown, the search made but never its term.

tests/architecture/test_reads_are_logged.py checks that every page logs; these say what.
"""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from cases import search
from cases.access import log_list, log_shown
from cases.models import AccessLog
from cases.national_id import synthesize
from followup.models import Reminder
from plans.calendar import calendar_feed_renew
from tests.decisions.factories import DecisionFactory
from tests.factories import (
    AppointmentFactory,
    CaseFactory,
    FamilyMemberFactory,
    PersonFactory,
    UserFactory,
)
from tests.plans.factories import PlanFactory

NUMBER = synthesize(datetime.date(1985, 4, 12), 100)


def _request(user=None):
    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    return request


def rows(**filters) -> list[tuple]:
    """(object_type, object_id, person_id, action) of the rows written, oldest first."""
    return list(
        AccessLog.objects.filter(**filters)
        .order_by("id")
        .values_list("object_type", "object_id", "person_id", "action")
    )


def no_term_in_the_log(term: str) -> bool:
    texts = AccessLog.objects.values_list(
        "object_type", "object_id", "view_name", "request_id", "username"
    )
    return all(term not in value for row in texts for value in row)


# --- The helpers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "term,kind",
    [
        (NUMBER, "fødselsnummer"),
        ("120485 00100", "fødselsnummer"),
        ("2026/42", "saksnummer"),
        ("2026", "saksnummer"),
        ("Kari Nordmann", "navn"),
        ("  ", ""),
    ],
)
def test_term_kind_names_the_kind_of_term_and_never_echoes_it(term, kind):
    assert search.term_kind(term) == kind


@pytest.mark.django_db
def test_log_shown_writes_several_kinds_of_object_in_one_insert(
    caseworker, django_assert_num_queries
):
    # The user's groups for the role, then one INSERT.
    with django_assert_num_queries(2):
        log_shown(
            _request(caseworker),
            {"case": [(1, 10), (1, 10)], "reminder": [(5, 10), (6, None)]},
            searched="navn",
        )
    assert rows() == [
        ("search", "navn", None, "view"),
        ("case", "1", 10, "view"),
        ("reminder", "5", 10, "view"),
        ("reminder", "6", None, "view"),
    ]


@pytest.mark.django_db
def test_a_search_that_finds_nobody_is_still_logged(caseworker):
    log_list(_request(caseworker), object_type="case", shown=[], searched="fødselsnummer")
    assert rows() == [("search", "fødselsnummer", None, "view")]


@pytest.mark.django_db
def test_a_page_reached_without_a_login_is_logged_to_the_user_it_is_shown_for(caseworker):
    log_list(_request(), object_type="plan", shown=[(1, 10)], user=caseworker)
    row = AccessLog.objects.get()
    assert (row.user, row.username, row.role) == (caseworker, caseworker.username, "Saksbehandler")


# --- Searches ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_national_id_search_logs_the_search_and_the_person_found_not_the_number(
    caseworker_client,
):
    wanted = CaseFactory(person=PersonFactory(national_id=NUMBER))
    CaseFactory()
    caseworker_client.post(reverse("cases:list"), {"q": NUMBER}, follow=True)
    assert rows(view_name="cases:list") == [
        ("search", "fødselsnummer", None, "view"),
        ("case", str(wanted.pk), wanted.person_id, "view"),
    ]
    assert no_term_in_the_log(NUMBER)


@pytest.mark.django_db
def test_a_name_search_logs_each_person_found_and_not_the_name(caseworker_client):
    found = CaseFactory.create_batch(2, person__family_name="Søkesen")
    CaseFactory(person__family_name="Annen")
    caseworker_client.post(reverse("cases:list"), {"q": "Søkesen"}, follow=True)
    logged = rows(view_name="cases:list")
    assert logged[0] == ("search", "navn", None, "view")
    assert {r[2] for r in logged[1:]} == {case.person_id for case in found}
    assert no_term_in_the_log("Søkesen")


@pytest.mark.django_db
def test_the_case_list_without_a_search_logs_the_page_of_people_it_shows(caseworker_client):
    cases = CaseFactory.create_batch(3)
    caseworker_client.get(reverse("cases:list"))
    assert {r[2] for r in rows(view_name="cases:list")} == {c.person_id for c in cases}
    assert not AccessLog.objects.filter(object_type="search").exists()


@pytest.mark.django_db
def test_a_my_plans_search_logs_the_search_and_the_cases_found(
    coordinator_client, coordinator_user
):
    mine = AppointmentFactory(
        coordinator=coordinator_user.coordinator, case__person__family_name="Minsen"
    )
    AppointmentFactory(coordinator=coordinator_user.coordinator)
    coordinator_client.post(reverse("plans:my_plans"), {"q": "Minsen"}, follow=True)
    assert rows(view_name="plans:my_plans") == [
        ("search", "navn", None, "view"),
        ("case", str(mine.case_id), mine.case.person_id, "view"),
    ]
    assert no_term_in_the_log("Minsen")


@pytest.mark.django_db
def test_a_leaders_search_in_the_access_log_is_logged_without_the_term(
    client, leader, caseworker_client
):
    case = CaseFactory(person__family_name="Loggsen")
    caseworker_client.get(reverse("cases:detail", args=[case.pk]))
    client.force_login(leader)
    client.post(reverse("cases:access_log"), {"person": "Loggsen"}, follow=True)
    logged = rows(view_name="cases:access_log")
    assert [r[0] for r in logged] == ["search", "accesslog"]
    assert logged[1][2] == case.person_id
    assert no_term_in_the_log("Loggsen")


# --- Exports and feeds -------------------------------------------------------------------


@pytest.mark.django_db
def test_the_my_plans_export_writes_one_row_per_person_exported(
    coordinator_client, coordinator_user
):
    made = AppointmentFactory.create_batch(3, coordinator=coordinator_user.coordinator)
    coordinator_client.get(reverse("plans:my_plans_export"))
    assert sorted(rows(view_name="plans:my_plans_export")) == sorted(
        ("case", str(a.case_id), a.case.person_id, "export") for a in made
    )


@pytest.mark.django_db
def test_the_calendar_feed_logs_each_plan_to_the_owner_of_the_token(client, caseworker):
    plan = PlanFactory(
        active=True,
        case=CaseFactory(caseworker=caseworker),
        next_evaluation_on=timezone.localdate() + datetime.timedelta(days=3),
    )
    token = calendar_feed_renew(user=caseworker)
    client.get(reverse("plans:calendar_feed", args=[token]))
    row = AccessLog.objects.get()
    assert (row.user, row.object_type, row.object_id, row.person_id, row.action) == (
        caseworker,
        "plan",
        str(plan.pk),
        plan.person_id,
        AccessLog.Action.EXPORT,
    )


# --- Pages that show people -------------------------------------------------------------


@pytest.mark.django_db
def test_the_decision_page_logs_the_decision_with_its_person(caseworker_client):
    decision = DecisionFactory()
    caseworker_client.get(decision.get_absolute_url())
    assert rows() == [("decision", str(decision.pk), decision.case.person_id, "view")]


@pytest.mark.django_db
def test_the_preview_logs_the_decision_printed(caseworker_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    decision = DecisionFactory()
    caseworker_client.get(reverse("decisions:preview", args=[decision.pk]))
    assert rows() == [("decision", str(decision.pk), decision.case.person_id, "print")]


@pytest.mark.django_db
def test_the_start_page_logs_the_cases_and_the_reminders_it_lists(client, caseworker):
    mine = CaseFactory(caseworker=caseworker)
    unassigned = CaseFactory(caseworker=None)
    reminder = Reminder.objects.create(
        kind=Reminder.Kind.CONSENT_WAITING,
        object_type="case",
        object_id=str(mine.pk),
        due_on=timezone.localdate(),
        recipient=caseworker,
        text=f"Sak {mine.number} har ventet på samtykke.",
        link=mine.get_absolute_url(),
    )
    client.force_login(caseworker)
    client.get(reverse("followup:dashboard"))
    assert sorted(rows(view_name="followup:dashboard")) == [
        ("case", str(mine.pk), mine.person_id, "view"),
        ("case", str(unassigned.pk), unassigned.person_id, "view"),
        ("reminder", str(reminder.pk), mine.person_id, "view"),
    ]


@pytest.mark.django_db
def test_frister_logs_the_person_of_each_deadline(caseworker_client):
    plan = PlanFactory(
        active=True, next_evaluation_on=timezone.localdate() + datetime.timedelta(days=3)
    )
    caseworker_client.get(reverse("followup:deadlines"))
    assert ("case", str(plan.case_id), plan.person_id, "view") in rows(
        view_name="followup:deadlines"
    )


@pytest.mark.django_db
def test_the_case_page_logs_the_family_members_it_names(caseworker_client):
    child = FamilyMemberFactory()
    sibling = FamilyMemberFactory(family=child.family, role="sibling")
    case = CaseFactory(person=child.person)
    caseworker_client.get(reverse("cases:detail", args=[case.pk]))
    assert rows() == [
        ("case", str(case.pk), child.person_id, "view"),
        ("person", str(sibling.person_id), sibling.person_id, "view"),
    ]


@pytest.mark.django_db
def test_a_tab_shown_again_with_form_errors_is_logged(caseworker_client):
    case = CaseFactory()
    response = caseworker_client.post(reverse("cases:consent_add", args=[case.pk]), {})
    assert response.status_code == 200
    assert rows() == [("case", str(case.pk), case.person_id, "view")]


@pytest.mark.django_db
def test_the_coordinator_page_logs_the_cases_of_its_appointments(caseworker_client):
    appointment = AppointmentFactory()
    caseworker_client.get(reverse("coordinators:detail", args=[appointment.coordinator_id]))
    assert rows() == [("appointment", str(appointment.pk), appointment.case.person_id, "view")]


@pytest.mark.django_db
def test_the_access_log_admin_logs_whose_accesses_it_shows(admin_client):
    other = UserFactory()
    AccessLog.objects.create(
        user=other, username=other.username, person_id=7, object_type="case", object_id="1"
    )
    admin_client.get(reverse("admin:cases_accesslog_changelist"))
    assert ("accesslog", str(AccessLog.objects.earliest("id").pk), 7, "view") in rows(
        view_name="admin:cases_accesslog_changelist"
    )
