import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from followup.deadlines import DeadlineRow, find
from plans.models import Plan
from tests.coordinators.factories import CompletionFactory, CourseFactory
from tests.decisions.factories import DecisionFactory
from tests.factories import AppointmentFactory, CaseFactory, CoordinatorFactory
from tests.plans.factories import ActionPointFactory, MeetingFactory, PlanFactory
from tests.queries import assert_constant_queries

TODAY = datetime.date(2026, 11, 23)

pytestmark = [pytest.mark.today(TODAY)]


def evaluation_due(days: int, **case) -> Plan:
    return PlanFactory(
        active=True,
        next_evaluation_on=TODAY + datetime.timedelta(days=days),
        **{f"case__{field}": value for field, value in case.items()},
    )


def test_overdue_deadlines_come_first_then_upcoming_by_date(caseworker):
    for days in (5, -1, 1, -10):
        evaluation_due(days)
    rows = find(caseworker, today=TODAY, horizon_days=60, kind="evaluation").rows
    assert [(r.due_on - TODAY).days for r in rows] == [-10, -1, 1, 5]


def test_a_deadline_due_today_is_not_overdue():
    row = DeadlineRow(kind="evaluation", due_on=TODAY, link="/")
    assert row.is_overdue(TODAY) is False


def test_the_kind_filter_reads_that_kind_only(every_kind, caseworker):
    rows = find(caseworker, today=TODAY, horizon_days=60, kind="consent").rows
    assert {r.kind for r in rows} == {"consent"}


def test_the_caseworker_filter_keeps_their_cases_and_leaves_out_training(every_kind, caseworker):
    mine = evaluation_due(3, caseworker=caseworker)
    evaluation_due(3)
    rows = find(caseworker, today=TODAY, horizon_days=60, caseworker_id=caseworker.pk).rows
    assert {r.case_number for r in rows} == {mine.case.number}
    assert "evaluation" in {r.kind for r in rows}


def test_the_coordinator_filter_keeps_their_plans_and_training(every_kind, caseworker):
    plan, appointment, _ = every_kind
    evaluation_due(3)
    rows = find(
        caseworker, today=TODAY, horizon_days=60, coordinator_id=appointment.coordinator.pk
    ).rows
    assert {r.case_number for r in rows if r.case_number} == {plan.case.number}
    assert "training" in {r.kind for r in rows}


def test_reading_further_gives_the_same_rows_first(caseworker):
    """Each page reads only as far as it needs, and the pages still follow each other:
    rows due the same day keep one order however far the list is read."""
    for days in (-3, -3, -3, 2, 2, 2, 2, 9):
        evaluation_due(days)
    for days in (-3, 2):
        ActionPointFactory(due_on=TODAY + datetime.timedelta(days=days), meeting__plan__active=True)
    everything = find(caseworker, today=TODAY, horizon_days=60).rows
    for wanted in (1, 3, 5, 8):
        assert (
            find(caseworker, today=TODAY, horizon_days=60, wanted=wanted).rows
            == (everything[:wanted])
        )


def test_the_overdue_count_counts_past_the_rows_read(caseworker):
    for days in (-9, -8, -7, -6, -5, 4):
        evaluation_due(days)
    found = find(caseworker, today=TODAY, horizon_days=60, kind="evaluation", wanted=2)
    assert (len(found.rows), found.overdue, found.complete) == (2, 5, True)


def test_the_overdue_count_stops_where_it_is_counted_to(caseworker, monkeypatch):
    monkeypatch.setattr("followup.deadlines.OVERDUE_COUNTED", 2)
    for days in (-9, -8, -7):
        evaluation_due(days)
    found = find(caseworker, today=TODAY, horizon_days=60, kind="evaluation", wanted=1)
    assert (found.overdue, found.overdue_exact) == (2, False)


def test_the_page_says_or_more_when_the_count_stopped(caseworker_client, monkeypatch):
    monkeypatch.setattr("followup.deadlines.OVERDUE_COUNTED", 2)
    monkeypatch.setattr("followup.views.DEADLINES_PER_PAGE", 1)
    for days in (-9, -8, -7):
        evaluation_due(days)
    response = caseworker_client.get(reverse("followup:deadlines"), {"kind": "evaluation"})
    assert "2 eller flere er forfalt" in response.content.decode()


def test_a_kind_with_more_rows_than_it_sorts_says_the_list_is_not_complete(
    caseworker_client, monkeypatch
):
    monkeypatch.setattr("followup.deadlines.LIMIT", 2)
    course = CourseFactory(child=True)
    for _ in range(3):
        CompletionFactory(course=course, completed_on=TODAY - datetime.timedelta(days=700))
    # A course's validity is worked out per row: these are sorted here, not in the query.
    response = caseworker_client.get(reverse("followup:deadlines"), {"kind": "training"})
    assert len(response.context["rows"]) == 2
    assert "Det er flere frister enn listen kan vise" in response.content.decode()


def test_a_page_past_the_last_one_is_not_found(caseworker_client):
    response = caseworker_client.get(reverse("followup:deadlines"), {"side": 41})
    assert response.status_code == 404


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
    kinds = {r.kind for r in find(caseworker, today=timezone.localdate(), horizon_days=60).rows}
    assert kinds == {"evaluation", "complaint", "consent", "processing", "training"}


def test_a_coordinator_sees_only_the_deadlines_of_their_own_plans(every_kind):
    plan, appointment, _ = every_kind
    other = PlanFactory(active=True)
    AppointmentFactory(case=other.case)
    rows = find(appointment.coordinator.user, today=timezone.localdate(), horizon_days=365).rows
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


def test_the_coordinator_filter_offers_those_named_and_keeps_the_one_chosen(caseworker_client):
    wanted = CoordinatorFactory(user__first_name="Solveig", user__last_name="Qvistgaard")
    chosen = CoordinatorFactory(user__first_name="Per", user__last_name="Berg")
    CoordinatorFactory.create_batch(30)
    response = caseworker_client.get(
        reverse("followup:deadlines"), {"coordinator_name": "qvistgaard", "coordinator": chosen.pk}
    )
    offered = set(response.context["form"].fields["coordinator"].queryset)
    assert offered == {wanted, chosen}


def test_the_coordinator_filter_offers_a_select_of_a_few_not_the_whole_register(
    caseworker_client,
):
    CoordinatorFactory.create_batch(30)
    response = caseworker_client.get(reverse("followup:deadlines"))
    assert response.context["form"].fields["coordinator"].queryset.count() == 25


def test_a_filter_without_a_period_shows_the_period_the_list_covers(caseworker_client):
    response = caseworker_client.get(reverse("followup:deadlines"), {"kind": "consent"})
    assert '<option value="60" selected>' in response.content.decode()


def test_the_page_runs_a_constant_number_of_queries(caseworker_client):
    today = timezone.localdate()
    appointments = []

    def add_rows(k):
        for _ in range(k):
            # Long overdue, so the first page has plan rows and their coordinators.
            plan = PlanFactory(active=True, next_evaluation_on=today - datetime.timedelta(days=90))
            appointments.append(
                AppointmentFactory(case=plan.case, coordinator=CoordinatorFactory())
            )
            DecisionFactory(sent=True)
            CaseFactory(awaiting_consent=True, received_on=today - datetime.timedelta(days=40))

    # session, user, permissions (2), evaluations, action points, meetings, quiet plans,
    # consent waits, cases awaiting decision, complaint deadlines, training, letters that
    # did not get through, the overdue rows past those read (one query for all kinds), the
    # coordinators of the page's plan rows (one for all), the two filter choice lists, the
    # access-log rows and the role they name (2), saving the session (3)
    one, many = assert_constant_queries(
        lambda: caseworker_client.get(reverse("followup:deadlines")), add_rows, n=25, at_most=23
    )
    assert (one.status_code, many.status_code) == (200, 200)
    # Fifty rows a page, the longest overdue first.
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
    rows = find(caseworker, today=today, horizon_days=60).rows
    assert [(r.kind, r.case_number) for r in rows if r.kind == "processing"] == [
        ("processing", case.number)
    ]


def test_a_case_decided_on_everything_it_asked_for_owes_nothing(caseworker):
    today = timezone.localdate()
    case = CaseFactory(status="decided", requests_coordinator=True, requests_plan=False)
    DecisionFactory(case=case, sent=True, service="koordinator")
    rows = find(caseworker, today=today, horizon_days=60).rows
    assert [r for r in rows if r.kind == "processing"] == []


def processing_case_numbers(user):
    rows = find(user, today=timezone.localdate(), horizon_days=60).rows
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
        rows = find(
            coordinators_plan.coordinator.user, today=timezone.localdate(), horizon_days=60
        ).rows
        assert [r.due_on for r in rows if r.kind == "action_point"] == [
            timezone.localdate() + datetime.timedelta(days=7)
        ]

    def test_they_see_the_next_meeting_agreed(self, coordinators_plan):
        rows = find(
            coordinators_plan.coordinator.user, today=timezone.localdate(), horizon_days=60
        ).rows
        assert [(r.kind, r.case_number) for r in rows if r.kind == "meeting"] == [
            ("meeting", coordinators_plan.case.number)
        ]

    def test_a_meeting_held_since_is_no_longer_due(self, coordinators_plan):
        today = timezone.localdate()
        plan = coordinators_plan.case.plan
        MeetingFactory(plan=plan, held_on=today + datetime.timedelta(days=10))
        rows = find(coordinators_plan.coordinator.user, today=today, horizon_days=60).rows
        assert [r for r in rows if r.kind == "meeting"] == []

    def test_the_page_shows_them_by_kind(self, coordinators_plan, client):
        client.force_login(coordinators_plan.coordinator.user)
        content = client.get(reverse("followup:deadlines")).content.decode()
        assert "Oppfølgingspunkt fra møte" in content
        assert "Ansvarsgruppemøte</a>" in content


def test_each_row_names_its_case_person_and_caseworker(caseworker):
    plan = evaluation_due(3, caseworker=caseworker)
    (row,) = find(caseworker, today=TODAY, horizon_days=60, kind="evaluation").rows
    person = plan.case.person
    assert (row.case_number, row.person_id, row.person_name, row.caseworker_name) == (
        plan.case.number,
        person.pk,
        f"{person.given_name} {person.family_name}",
        f"{caseworker.first_name} {caseworker.last_name}",
    )


def test_the_person_and_caseworker_are_read_once_for_every_kind(every_kind, caseworker):
    with CaptureQueriesContext(connection) as captured:
        rows = find(caseworker, today=TODAY, horizon_days=60).rows
    assert len({r.kind for r in rows}) > 3
    reading_people = [q for q in captured.captured_queries if '"cases_person"' in q["sql"]]
    assert len(reading_people) == 1
