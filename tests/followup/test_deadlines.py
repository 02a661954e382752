import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from followup.deadlines import DeadlineRow, gather, select_rows
from tests.coordinators.factories import CompletionFactory, CourseFactory
from tests.decisions.factories import DecisionFactory
from tests.factories import AppointmentFactory, CaseFactory, CoordinatorFactory
from tests.plans.factories import ActionPointFactory, MeetingFactory, PlanFactory
from tests.queries import assert_constant_queries

TODAY = datetime.date(2026, 11, 23)

pytestmark = [pytest.mark.today(TODAY)]


def row(kind="evaluation", days=0, **kwargs):
    return DeadlineRow(kind=kind, due_on=TODAY + datetime.timedelta(days=days), link="/", **kwargs)


class TestSelectRows:
    def test_overdue_rows_come_first_then_upcoming_by_date(self):
        rows = [row(days=5), row(days=-1), row(days=1), row(days=-10)]
        ordered = select_rows(rows, today=TODAY)
        assert [r.due_on - TODAY for r in ordered] == [
            datetime.timedelta(days=d) for d in (-10, -1, 1, 5)
        ]

    def test_it_filters_by_kind_caseworker_and_coordinator(self):
        wanted = row(kind="complaint", caseworker_id=1, coordinator_ids=(7,))
        rows = [
            wanted,
            row(kind="complaint", caseworker_id=2),
            row(kind="consent", caseworker_id=1),
        ]
        assert select_rows(
            rows, today=TODAY, kind="complaint", caseworker_id=1, coordinator_id=7
        ) == [wanted]

    def test_a_deadline_due_today_is_not_overdue(self):
        assert row(days=0).is_overdue(TODAY) is False


@pytest.fixture
def every_kind(db):
    today = timezone.localdate()
    plan = PlanFactory(active=True, next_evaluation_on=today - datetime.timedelta(days=2))
    appointment = AppointmentFactory(case=plan.case)
    DecisionFactory(sent=True)
    CaseFactory(awaiting_consent=True, received_on=today - datetime.timedelta(days=20))
    completion = CompletionFactory(
        coordinator=appointment.coordinator,
        course=CourseFactory(child=True),
        completed_on=today - datetime.timedelta(days=700),
    )
    return plan, appointment, completion


def test_it_gathers_every_kind_of_deadline(every_kind, caseworker):
    kinds = {r.kind for r in gather(caseworker, today=timezone.localdate(), horizon_days=60)}
    assert kinds == {"evaluation", "complaint", "consent", "processing", "training"}


def test_a_coordinator_sees_only_the_deadlines_of_their_own_plans(every_kind):
    plan, appointment, _ = every_kind
    other = PlanFactory(active=True)
    AppointmentFactory(case=other.case)
    rows = gather(appointment.coordinator.user, today=timezone.localdate(), horizon_days=365)
    assert {r.case_number for r in rows if r.case_number} == {plan.case.number}
    # The plan has had no activity: by the horizon it will have gone quiet too.
    assert {r.kind for r in rows} == {"evaluation", "quiet_plan", "training"}


def test_the_page_lists_overdue_first_for_ke_staff(every_kind, caseworker_client):
    response = caseworker_client.get(reverse("followup:deadlines"))
    rows = [r for r, _ in response.context["rows"]]
    assert rows[0].due_on < timezone.localdate()


def test_the_page_filters_by_coordinator(every_kind, caseworker_client):
    _, appointment, _ = every_kind
    response = caseworker_client.get(
        reverse("followup:deadlines"), {"coordinator": appointment.coordinator.pk}
    )
    kinds = {r.kind for r, _ in response.context["rows"]}
    assert kinds - {"quiet_plan"} == {"evaluation", "training"}


def test_the_page_runs_a_constant_number_of_queries(caseworker_client):
    today = timezone.localdate()
    appointments = []

    def add_rows(k):
        for _ in range(k):
            plan = PlanFactory(active=True, next_evaluation_on=today + datetime.timedelta(days=3))
            appointments.append(
                AppointmentFactory(case=plan.case, coordinator=CoordinatorFactory())
            )
            DecisionFactory(sent=True)
            CaseFactory(awaiting_consent=True, received_on=today - datetime.timedelta(days=40))

    # session, user, permissions (2), evaluations, their coordinators, action points,
    # meetings, quiet plans (with their case columns and coordinators when there are any),
    # complaint deadlines, cases awaiting decision, training, letters that did not get
    # through, the two filter choice lists, the access-log rows and the role they name (2),
    # saving the session (3)
    one, many = assert_constant_queries(
        lambda: caseworker_client.get(reverse("followup:deadlines")), add_rows, n=25, at_most=23
    )
    assert (one.status_code, many.status_code) == (200, 200)
    # Fifty rows a page: the overdue ones (consent, processing) fill the first.
    second = caseworker_client.get(reverse("followup:deadlines") + "?side=2")
    assert len(many.context["rows"]) == 50 and many.context["page"].has_next
    kinds = [row.kind for page in (many, second) for row, _ in page.context["rows"]]
    assert (kinds.count("evaluation"), kinds.count("complaint")) == (25, 25)
    html = many.content.decode() + second.content.decode()
    for appointment in appointments:
        assert appointment.case.number in html
        assert str(appointment.coordinator) in html


def test_a_case_decided_on_one_request_still_owes_a_decision_on_the_other(caseworker):
    today = timezone.localdate()
    case = CaseFactory(
        status="follow_up",
        requests_coordinator=True,
        requests_plan=True,
        received_on=today - datetime.timedelta(days=40),
    )
    DecisionFactory(case=case, sent=True, service="koordinator")
    rows = gather(caseworker, today=today, horizon_days=60)
    assert [(r.kind, r.case_number) for r in rows if r.kind == "processing"] == [
        ("processing", case.number)
    ]


def test_a_case_decided_on_everything_it_asked_for_owes_nothing(caseworker):
    today = timezone.localdate()
    case = CaseFactory(status="decided", requests_coordinator=True, requests_plan=False)
    DecisionFactory(case=case, sent=True, service="koordinator")
    rows = gather(caseworker, today=today, horizon_days=60)
    assert [r for r in rows if r.kind == "processing"] == []


def processing_case_numbers(user):
    rows = gather(user, today=timezone.localdate(), horizon_days=60)
    return [r.case_number for r in rows if r.kind == "processing"]


def test_a_sent_decision_on_a_service_not_asked_for_does_not_settle_the_one_asked_for(
    caseworker,
):
    case = CaseFactory(
        status="decided",
        requests_coordinator=True,
        requests_plan=False,
        received_on=timezone.localdate() - datetime.timedelta(days=40),
    )
    DecisionFactory(case=case, sent=True, service="individuell_plan")
    assert processing_case_numbers(caseworker) == [case.number]


def test_a_draft_decision_settles_nothing_and_two_sent_ones_on_one_service_count_once(
    caseworker,
):
    case = CaseFactory(
        status="decided",
        requests_coordinator=True,
        requests_plan=True,
        received_on=timezone.localdate() - datetime.timedelta(days=40),
    )
    DecisionFactory(case=case, sent=True, service="koordinator")
    DecisionFactory(case=case, sent=True, service="koordinator")
    DecisionFactory(case=case, service="individuell_plan")
    assert processing_case_numbers(caseworker) == [case.number]


def test_a_closed_case_owes_no_decision(caseworker):
    CaseFactory(
        closed=True,
        requests_coordinator=True,
        received_on=timezone.localdate() - datetime.timedelta(days=40),
    )
    assert processing_case_numbers(caseworker) == []


class TestTheCoordinatorsFrister:
    """A coordinator's own plans' action points and next meetings are deadlines too."""

    @pytest.fixture
    def coordinators_plan(self, db):
        today = timezone.localdate()
        plan = PlanFactory(active=True, next_evaluation_on=today + datetime.timedelta(days=200))
        appointment = AppointmentFactory(case=plan.case)
        meeting = MeetingFactory(
            plan=plan,
            held_on=today - datetime.timedelta(days=7),
            next_meeting_on=today + datetime.timedelta(days=10),
        )
        ActionPointFactory(meeting=meeting, due_on=today + datetime.timedelta(days=7))
        return appointment

    def test_they_see_the_action_point_due_in_a_week(self, coordinators_plan):
        rows = gather(
            coordinators_plan.coordinator.user, today=timezone.localdate(), horizon_days=60
        )
        assert [r.due_on for r in rows if r.kind == "action_point"] == [
            timezone.localdate() + datetime.timedelta(days=7)
        ]

    def test_they_see_the_next_meeting_agreed(self, coordinators_plan):
        rows = gather(
            coordinators_plan.coordinator.user, today=timezone.localdate(), horizon_days=60
        )
        assert [(r.kind, r.case_number) for r in rows if r.kind == "meeting"] == [
            ("meeting", coordinators_plan.case.number)
        ]

    def test_a_meeting_held_since_is_no_longer_due(self, coordinators_plan):
        today = timezone.localdate()
        plan = coordinators_plan.case.plan
        MeetingFactory(plan=plan, held_on=today + datetime.timedelta(days=10))
        rows = gather(coordinators_plan.coordinator.user, today=today, horizon_days=60)
        assert [r for r in rows if r.kind == "meeting"] == []

    def test_the_page_shows_them_by_kind(self, coordinators_plan, client):
        client.force_login(coordinators_plan.coordinator.user)
        content = client.get(reverse("followup:deadlines")).content.decode()
        assert "Oppfølgingspunkt fra møte" in content
        assert "Ansvarsgruppemøte</a>" in content
