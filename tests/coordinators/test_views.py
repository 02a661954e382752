import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import AccessLog
from coordinators.models import Appointment, Completion, Coordinator
from coordinators.services import appointment_end
from tests.coordinators.factories import (
    AttendanceFactory,
    CourseFactory,
    GrantFactory,
    TrainingSessionFactory,
    WishFactory,
    qualify,
)
from tests.factories import (
    AppointmentFactory,
    CaseFactory,
    CoordinatorFactory,
    ServiceAreaFactory,
    UserFactory,
)
from tests.plans.factories import PlanFactory

TODAY = timezone.localdate  # frozen by the module's `today` mark

pytestmark = [pytest.mark.django_db, pytest.mark.today("2026-06-15")]


@pytest.fixture(autouse=True)
def courses(db):
    return CourseFactory(), CourseFactory(child=True)


def tab(case):
    return reverse("coordinators:case_coordinator", args=[case.pk])


# --- The case tab: suggestions and appointment -----------------------------------------------


def test_the_tab_lists_the_applicants_wish_first_with_the_reason(caseworker_client):
    case = GrantFactory().case
    qualify(CoordinatorFactory(user__first_name="Ada", user__last_name="Først"))
    wished = CoordinatorFactory(user__first_name="Wenche", user__last_name="Ønsket")
    WishFactory(case=case, coordinator=wished)
    html = caseworker_client.get(tab(case)).content.decode()
    assert html.index("Wenche Ønsket") < html.index("Ada Først")
    assert "Søkeren ønsket denne koordinatoren." in html


def test_bytt_does_not_suggest_the_current_coordinator(caseworker_client):
    case = GrantFactory().case
    current = qualify(CoordinatorFactory())
    other = qualify(CoordinatorFactory())
    AppointmentFactory(case=case, coordinator=current, kind="coordinator")
    response = caseworker_client.get(tab(case))
    assert "Bytt koordinator" in response.content.decode()
    assert [s.candidate.id for s in response.context["suggestions"]] == [other.pk]


def test_the_tab_says_when_there_is_no_grant(caseworker_client):
    response = caseworker_client.get(tab(CaseFactory()))
    assert "Koordinator oppnevnes etter at vedtaket er sendt" in response.content.decode()


def test_opening_the_tab_writes_one_access_log_row(caseworker_client):
    case = GrantFactory().case
    caseworker_client.get(tab(case))
    assert AccessLog.objects.filter(object_type="case", object_id=str(case.pk)).count() == 1


def test_a_caseworker_appoints_from_the_tab(caseworker_client):
    case = GrantFactory().case
    coordinator = qualify(CoordinatorFactory())
    response = caseworker_client.post(
        reverse("coordinators:appointment_add", args=[case.pk]),
        {"coordinator": coordinator.pk, "kind": "coordinator", "started_on": TODAY()},
    )
    assert response.status_code == 302
    assert case.appointments.get().coordinator == coordinator


def test_an_appointment_refused_by_the_rules_shows_why_and_changes_nothing(caseworker_client):
    case = GrantFactory().case
    inactive = qualify(CoordinatorFactory(active=False))
    response = caseworker_client.post(
        reverse("coordinators:appointment_add", args=[case.pk]),
        {"coordinator": inactive.pk, "kind": "coordinator", "started_on": TODAY()},
    )
    assert "er ikke aktiv som koordinator" in response.content.decode()
    assert not Appointment.objects.exists()


def test_appointing_without_choosing_asks_for_a_choice(caseworker_client):
    case = GrantFactory().case
    response = caseworker_client.post(
        reverse("coordinators:appointment_add", args=[case.pk]),
        {"kind": "coordinator", "started_on": TODAY()},
    )
    assert "Velg en koordinator fra forslagene." in response.content.decode()


def test_a_caseworker_ends_an_appointment(caseworker_client):
    appointment = AppointmentFactory(started_on=TODAY() - datetime.timedelta(days=3))
    caseworker_client.post(
        reverse("coordinators:appointment_end", args=[appointment.case_id, appointment.pk]),
        {"ended_on": TODAY(), "reason": "Flyttet"},
    )
    appointment.refresh_from_db()
    assert appointment.ended_on == TODAY()


def test_a_caseworker_records_the_applicants_wish(caseworker_client):
    case = CaseFactory()
    caseworker_client.post(
        reverse("coordinators:wish_save", args=[case.pk]), {"description": "Helsesykepleieren"}
    )
    assert case.coordinator_wish.description == "Helsesykepleieren"


def test_a_coordinator_sees_their_own_case_tab_without_the_appointment_form(
    coordinator_client, coordinator_user
):
    appointment = AppointmentFactory(coordinator=coordinator_user.coordinator)
    GrantFactory(case=appointment.case)
    response = coordinator_client.get(tab(appointment.case))
    assert response.status_code == 200
    assert "Forslag, best egnet først" not in response.content.decode()


# --- A coordinator sees exactly their own plans ----------------------------------------------


@pytest.fixture
def mine_and_other(coordinator_user):
    mine = AppointmentFactory(
        coordinator=coordinator_user.coordinator, case__person__family_name="Minsen"
    )
    other = AppointmentFactory(case__person__family_name="Andersen-Annen")
    return mine, other


def test_my_plans_lists_only_my_cases(coordinator_client, mine_and_other):
    html = coordinator_client.get(reverse("plans:my_plans")).content.decode()
    assert "Minsen" in html
    assert "Andersen-Annen" not in html


def test_an_ended_appointment_is_not_in_my_plans(coordinator_client, coordinator_user):
    AppointmentFactory(coordinator=coordinator_user.coordinator, case__person__family_name="Nå")
    AppointmentFactory(
        coordinator=coordinator_user.coordinator,
        case__person__family_name="Tidligere",
        started_on=TODAY() - datetime.timedelta(days=9),
        ended_on=TODAY(),
    )
    html = coordinator_client.get(reverse("plans:my_plans")).content.decode()
    assert "Nå</td>" in html
    assert "Tidligere" not in html


def test_searching_my_plans_never_finds_other_cases(coordinator_client, mine_and_other):
    response = coordinator_client.post(
        reverse("plans:my_plans"), {"q": "Andersen-Annen"}, follow=True
    )
    assert response.context["rows"] == []
    assert "Ingen av sakene dine passer søket." in response.content.decode()


def test_searching_my_plans_finds_my_case_by_number(coordinator_client, mine_and_other):
    mine, _ = mine_and_other
    html = coordinator_client.post(
        reverse("plans:my_plans"), {"q": mine.case.number}, follow=True
    ).content.decode()
    assert "Minsen" in html


def test_the_export_holds_only_my_cases_and_is_logged(coordinator_client, mine_and_other):
    body = coordinator_client.get(reverse("plans:my_plans_export")).content.decode()
    assert "Minsen" in body
    assert "Andersen-Annen" not in body
    assert AccessLog.objects.filter(action=AccessLog.Action.EXPORT).count() == 1


def test_a_name_a_spreadsheet_would_run_is_exported_harmless(coordinator_client, coordinator_user):
    AppointmentFactory(
        coordinator=coordinator_user.coordinator,
        case__person__given_name='=HYPERLINK("https://angriper.example";"Klikk")',
        case__person__family_name="Ødegård",
    )
    response = coordinator_client.get(reverse("plans:my_plans_export"))
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeffSaksnummer;")
    assert ";\"'=HYPERLINK(" in body
    assert "Ødegård" in body


def test_overdue_evaluations_come_first(coordinator_client, coordinator_user):
    mine = coordinator_user.coordinator
    # By case number alone the order would be the other way round.
    no_plan = AppointmentFactory(coordinator=mine, case__number="2026/0900").case
    later = AppointmentFactory(coordinator=mine, case__number="2026/0901").case
    overdue = AppointmentFactory(coordinator=mine, case__number="2026/0902").case
    PlanFactory(case=later, active=True, next_evaluation_on=TODAY() + datetime.timedelta(days=5))
    PlanFactory(case=overdue, active=True, next_evaluation_on=TODAY() - datetime.timedelta(days=5))
    response = coordinator_client.get(reverse("plans:my_plans"))
    assert [row.case for row in response.context["rows"]] == [overdue, later, no_plan]
    html = response.content.decode()
    assert html.index("2026/0902") < html.index("2026/0901") < html.index("2026/0900")
    assert f"{TODAY() - datetime.timedelta(days=5):%d.%m.%Y} (over frist)" in html
    assert html.count("(over frist)") == 1


@pytest.mark.parametrize(
    "url_name",
    ["cases:detail", "coordinators:case_coordinator", "plans:case_plan", "cases:timeline"],
)
def test_another_cases_pages_give_404_and_the_attempt_is_logged(
    coordinator_client, mine_and_other, url_name
):
    _, other = mine_and_other
    response = coordinator_client.get(reverse(url_name, args=[other.case_id]))
    assert response.status_code == 404
    assert AccessLog.objects.filter(
        action=AccessLog.Action.DENIED, object_id=str(other.case_id)
    ).exists()


def test_another_persons_page_gives_404(coordinator_client, mine_and_other):
    mine, other = mine_and_other
    own = coordinator_client.get(reverse("cases:person_detail", args=[mine.case.person_id]))
    assert own.status_code == 200
    response = coordinator_client.get(reverse("cases:person_detail", args=[other.case.person_id]))
    assert response.status_code == 404
    assert AccessLog.objects.filter(
        action=AccessLog.Action.DENIED, object_type="person", object_id=str(other.case.person_id)
    ).exists()


@pytest.mark.parametrize("url_name", ["plans:list", "followup:deadlines"])
def test_other_list_pages_show_only_my_cases(coordinator_client, mine_and_other, url_name):
    # Both cases have a plan with an evaluation coming up, so both would be on both pages.
    for appointment in mine_and_other:
        PlanFactory(
            case=appointment.case, active=True, next_evaluation_on=TODAY() + datetime.timedelta(5)
        )
    html = coordinator_client.get(reverse(url_name)).content.decode()
    assert "Minsen" in html
    assert "Andersen-Annen" not in html


def test_a_former_coordinator_loses_access_when_the_appointment_ends(
    coordinator_client, coordinator_user, caseworker
):
    appointment = AppointmentFactory(
        coordinator=coordinator_user.coordinator, started_on=TODAY() - datetime.timedelta(days=9)
    )
    url = reverse("cases:detail", args=[appointment.case_id])
    assert coordinator_client.get(url).status_code == 200
    appointment_end(appointment=appointment, ended_on=TODAY(), reason="Flyttet", by=caseworker)
    assert coordinator_client.get(url).status_code == 404


@pytest.mark.parametrize(
    "url_name", ["coordinators:list", "coordinators:caseload", "coordinators:training"]
)
def test_ke_pages_are_closed_to_coordinators(coordinator_client, url_name):
    assert coordinator_client.get(reverse(url_name)).status_code == 403


# --- Registry --------------------------------------------------------------------------------


def test_a_leader_registers_a_coordinator(client, leader):
    client.force_login(leader)
    user = UserFactory(first_name="Nina", last_name="Ny")
    client.post(
        reverse("coordinators:create"),
        {
            "user": user.pk,
            "profession": "Lærer",
            "workplace": "Sentrum skole",
            "service_area": ServiceAreaFactory().pk,
            "capacity": 3,
            "active": "on",
        },
    )
    assert Coordinator.objects.get(user=user).capacity == 3
    assert user.groups.filter(name="Koordinator").exists()


def test_a_caseworker_cannot_register_coordinators(caseworker_client):
    assert caseworker_client.get(reverse("coordinators:create")).status_code == 403


def test_the_registry_shows_load_and_qualification(caseworker_client):
    coordinator = qualify(CoordinatorFactory(capacity=1))
    AppointmentFactory.create_batch(2, coordinator=coordinator)
    html = caseworker_client.get(reverse("coordinators:list")).content.decode()
    assert "2 / 1 (over kapasitet)" in html
    assert "Kvalifisert" in html


# --- Caseload overview -----------------------------------------------------------------------


def test_the_caseload_chart_is_an_accessible_inline_svg(caseworker_client):
    AppointmentFactory.create_batch(2, coordinator=CoordinatorFactory(capacity=1))
    html = caseworker_client.get(reverse("coordinators:caseload")).content.decode()
    assert '<svg role="img" aria-labelledby="belastning-tittel"' in html
    assert 'class="chart-bar-over"' in html


def test_the_caseload_is_filtered_by_service_area(caseworker_client):
    CoordinatorFactory(user__last_name="Omsorgsen")
    CoordinatorFactory(
        user__last_name="Barnehagesen",
        service_area=ServiceAreaFactory(name="Barnehage", slug="barnehage"),
    )
    html = caseworker_client.get(
        reverse("coordinators:caseload"), {"omrade": "barnehage"}
    ).content.decode()
    assert "Barnehagesen" in html
    assert "Omsorgsen" not in html


# --- Training and guidance -------------------------------------------------------------------


def test_marking_attendance_in_the_page_records_the_completion(caseworker_client):
    attendance = AttendanceFactory(session=TrainingSessionFactory(held=True))
    caseworker_client.post(
        reverse("coordinators:attendance_mark", args=[attendance.pk]), {"oppmote": "deltok"}
    )
    assert Completion.objects.filter(coordinator=attendance.coordinator).exists()


def test_booking_a_coordinator_on_a_session(caseworker_client):
    session = TrainingSessionFactory()
    coordinator = CoordinatorFactory()
    caseworker_client.post(
        reverse("coordinators:session_book", args=[session.pk]), {"coordinator": coordinator.pk}
    )
    assert session.attendances.get().coordinator == coordinator


def test_recording_group_guidance(caseworker_client):
    a, b = CoordinatorFactory(), CoordinatorFactory()
    caseworker_client.post(
        reverse("coordinators:guidance_add"),
        {
            "kind": "group",
            "held_on": TODAY(),
            "guide": "Lars Leder",
            "topic": "Møteledelse",
            "coordinators": [a.pk, b.pk],
        },
    )
    assert a.guidance_sessions.get().coordinators.count() == 2
