import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import AccessLog
from core.locking import edit_stamp
from plans.models import Goal, Measure, Meeting, Plan
from plans.services import PLAN_CONTENT_FIELDS
from tests.decisions.pdf_text import pdf_text
from tests.factories import AppointmentFactory, ConsentFactory
from tests.plans.factories import (
    ActionPointFactory,
    EvaluationFactory,
    GoalFactory,
    MeasureFactory,
    MeetingFactory,
    ParticipantFactory,
    PlanFactory,
    ready_plan,
)
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def in_days(n: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=n)).isoformat()


@pytest.fixture
def my_plan(coordinator_user):
    return ready_plan(coordinator=coordinator_user.coordinator)


def url(name, plan, *args):
    return reverse(f"plans:{name}", args=[plan.case_id, *args])


# --- Who may see and edit ---------------------------------------------------------------------


def test_the_appointed_coordinator_sees_their_plan(coordinator_client, my_plan):
    response = coordinator_client.get(url("case_plan", my_plan))
    assert response.status_code == 200
    assert "Legg til mål" in response.content.decode()


def test_a_coordinator_of_another_plan_gets_404(coordinator_client, my_plan):
    other = ready_plan()
    assert coordinator_client.get(url("case_plan", other)).status_code == 404


@pytest.mark.parametrize("name", ["case_plan", "goal_add", "history", "pdf", "edit"])
def test_a_coordinator_of_another_plan_gets_404_on_every_plan_page(
    coordinator_client, my_plan, name
):
    # The page itself works for the coordinator's own plan: the 404 is the scope's.
    assert coordinator_client.get(url(name, my_plan)).status_code == 200
    assert coordinator_client.get(url(name, ready_plan())).status_code == 404


def test_a_coordinator_of_another_plan_cannot_add_a_goal(coordinator_client, my_plan):
    other = ready_plan()
    response = coordinator_client.post(url("goal_add", other), {"text": "x", "horizon": "long"})
    assert response.status_code == 404
    assert other.goals.count() == 1


def test_the_denied_attempt_is_logged(coordinator_client, my_plan):
    coordinator_client.get(url("case_plan", ready_plan()))
    assert AccessLog.objects.filter(action=AccessLog.Action.DENIED).count() == 1


def test_a_coordinator_whose_appointment_ended_gets_404(coordinator_client, my_plan):
    assert coordinator_client.get(url("case_plan", my_plan)).status_code == 200
    my_plan.case.appointments.update(ended_on=timezone.localdate())
    assert coordinator_client.get(url("case_plan", my_plan)).status_code == 404


def test_a_caseworker_reads_every_plan(caseworker_client):
    plan = ready_plan()
    response = caseworker_client.get(url("case_plan", plan))
    assert response.status_code == 200
    assert "Bare den oppnevnte koordinatoren kan endre den" in response.content.decode()


def test_a_leader_reads_every_plan(client, leader):
    client.force_login(leader)
    plan = ready_plan()
    response = client.get(url("case_plan", plan))
    assert response.status_code == 200
    content = response.content.decode()
    assert plan.goals.get().text in content
    assert "Bare den oppnevnte koordinatoren kan endre den" in content


def test_a_caseworker_may_not_edit_a_plan(caseworker_client):
    plan = ready_plan()
    response = caseworker_client.post(url("goal_add", plan), {"text": "x", "horizon": "long"})
    assert response.status_code == 403
    assert plan.goals.count() == 1


def test_a_caseworker_creates_a_draft_plan(caseworker_client):
    case = ConsentFactory().case
    caseworker_client.post(reverse("plans:create", args=[case.pk]))
    assert Plan.objects.get().case == case


def test_the_appointed_coordinator_creates_a_draft_plan(coordinator_client, coordinator_user):
    appointment = AppointmentFactory(coordinator=coordinator_user.coordinator)
    ConsentFactory(case=appointment.case)
    coordinator_client.post(reverse("plans:create", args=[appointment.case_id]))
    assert Plan.objects.filter(case=appointment.case).exists()


def test_a_user_without_a_role_sees_no_plan(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("ingen", password="x" * 12))
    assert client.get(url("case_plan", ready_plan())).status_code == 404


def test_the_plan_list_shows_a_coordinator_only_their_own_plans(coordinator_client, my_plan):
    other = ready_plan()
    page = coordinator_client.get(reverse("plans:list")).content.decode()
    assert my_plan.person.full_name in page
    assert other.person.full_name not in page


def test_the_plan_list_shows_ke_staff_every_plan(caseworker_client):
    plans = [ready_plan(), ready_plan()]
    page = caseworker_client.get(reverse("plans:list")).content.decode()
    assert all(p.person.full_name in page for p in plans)


# --- Editing through the pages -----------------------------------------------------------------


def test_the_coordinator_adds_a_goal(coordinator_client, my_plan):
    coordinator_client.post(
        url("goal_add", my_plan), {"text": "Jeg vil sykle til skolen.", "horizon": "short"}
    )
    assert my_plan.goals.filter(text="Jeg vil sykle til skolen.").exists()


def test_a_100000_character_goal_is_refused_with_a_norwegian_message(coordinator_client, my_plan):
    before = my_plan.goals.count()
    response = coordinator_client.post(
        url("goal_add", my_plan), {"text": "a" * 100_000, "horizon": "short"}, follow=True
    )
    assert response.status_code == 200
    assert "4000 eller færre tegn (den har nå 100000)" in response.content.decode()
    assert my_plan.goals.count() == before


def test_a_measure_without_a_provider_is_shown_as_an_error_and_not_saved(
    coordinator_client, my_plan
):
    response = coordinator_client.post(
        url("measure_add", my_plan),
        {"title": "Fysioterapi", "responsible": "Per", "starts_on": in_days(0)},
    )
    assert "Et tiltak må ha en som gir det." in response.content.decode()
    assert not Measure.objects.exists()


def test_a_measure_period_ending_before_it_starts_is_shown_as_an_error(coordinator_client, my_plan):
    response = coordinator_client.post(
        url("measure_add", my_plan),
        {
            "title": "Fysioterapi",
            "provider": "Kommunen",
            "responsible": "Per",
            "starts_on": in_days(10),
            "ends_on": in_days(1),
        },
    )
    assert "Perioden kan ikke slutte før den begynner." in response.content.decode()
    assert not Measure.objects.exists()


def test_the_coordinator_activates_a_ready_plan(coordinator_client, my_plan):
    coordinator_client.post(url("activate", my_plan))
    my_plan.refresh_from_db()
    assert my_plan.status == Plan.Status.ACTIVE


def test_a_refused_activation_says_what_is_missing(coordinator_client, my_plan):
    my_plan.goals.all().delete()
    response = coordinator_client.post(url("activate", my_plan), follow=True)
    assert "Planen må ha minst ett mål." in response.content.decode()
    assert Plan.objects.get().status == Plan.Status.DRAFT


def test_the_draft_page_lists_what_activation_needs(coordinator_client, my_plan):
    my_plan.goals.all().delete()
    response = coordinator_client.get(url("case_plan", my_plan))
    assert "Planen må ha minst ett mål." in response.content.decode()


def test_an_evaluation_date_in_the_past_is_shown_as_an_error(coordinator_client, my_plan):
    response = coordinator_client.post(
        url("evaluation_add", my_plan),
        {"held_on": in_days(-3), "what_worked": "Bra", "next_evaluation_on": in_days(-1)},
    )
    assert "Neste evaluering kan ikke ligge tilbake i tid." in response.content.decode()
    assert not my_plan.evaluations.exists()


def test_an_evaluation_date_years_ahead_is_refused_before_the_rules_see_it(
    coordinator_client, my_plan
):
    response = coordinator_client.post(
        url("evaluation_add", my_plan),
        {"held_on": in_days(-3), "what_worked": "Bra", "next_evaluation_on": "9999-12-31"},
    )
    assert response.status_code == 200
    assert "Datoen kan ikke være etter" in response.content.decode()
    assert not my_plan.evaluations.exists()


def test_the_coordinator_records_a_meeting_with_an_action_point(coordinator_client, my_plan):
    coordinator_client.post(
        url("meeting_add", my_plan),
        {
            "held_on": in_days(0),
            "place": "Skolen",
            "agreements": "Vi prøver ny timeplan.",
            "punkt-TOTAL_FORMS": "3",
            "punkt-INITIAL_FORMS": "0",
            "punkt-0-what": "Ringe PPT",
            "punkt-0-who": "Kari",
            "punkt-0-due_on": in_days(7),
        },
    )
    meeting = Meeting.objects.get()
    assert [p.what for p in meeting.action_points.all()] == ["Ringe PPT"]


def test_the_meeting_form_says_once_by_the_agreements_that_the_group_cannot_decide(
    coordinator_client, my_plan
):
    page = coordinator_client.get(url("meeting_add", my_plan)).content.decode()
    assert page.count("ingen vedtaksmyndighet") == 1
    # It is the help text of "Omforente avtaler", read out with that field.
    help_text = page[page.index('id="id_agreements_helptext"') :]
    assert help_text.index("ingen vedtaksmyndighet") < help_text.index("</div>")


def meeting_post(held_on, *rows):
    """A meeting form post with up to three action-point rows of what, who, due."""
    data = {
        "held_on": held_on,
        "place": "Skolen",
        "punkt-TOTAL_FORMS": "3",
        "punkt-INITIAL_FORMS": "0",
    }
    for i, row in enumerate(rows):
        data.update({f"punkt-{i}-{key}": value for key, value in row.items()})
    return data


def test_an_action_point_due_before_the_meeting_is_refused_and_nothing_saved(
    coordinator_client, my_plan
):
    response = coordinator_client.post(
        url("meeting_add", my_plan),
        meeting_post(in_days(-3), {"what": "Ringe PPT", "who": "Kari", "due_on": "2025-01-01"}),
    )
    assert response.status_code == 200
    held_on = timezone.localdate() - datetime.timedelta(days=3)
    assert (
        f"Fristen for et oppfølgingspunkt kan ikke være før møtedatoen ({held_on:%d.%m.%Y})."
        in response.content.decode()
    )
    assert not Meeting.objects.exists()


def test_an_action_point_due_on_the_meeting_day_is_accepted(coordinator_client, my_plan):
    coordinator_client.post(
        url("meeting_add", my_plan),
        meeting_post(in_days(-3), {"what": "Ringe PPT", "who": "Kari", "due_on": in_days(-3)}),
    )
    assert Meeting.objects.get().action_points.get().due_on == timezone.localdate() - (
        datetime.timedelta(days=3)
    )


def test_the_due_date_is_checked_even_when_the_meeting_itself_has_an_error(
    coordinator_client, my_plan
):
    data = meeting_post(in_days(0), {"what": "Ringe PPT", "who": "Kari", "due_on": in_days(-1)})
    data["place"] = ""
    page = coordinator_client.post(url("meeting_add", my_plan), data).content.decode()
    assert "kan ikke være før møtedatoen" in page
    assert not Meeting.objects.exists()


def test_an_empty_post_to_the_meeting_form_shows_the_errors(coordinator_client, my_plan):
    response = coordinator_client.post(url("meeting_add", my_plan), {})
    assert response.status_code == 200
    assert "held_on" in response.context["form"].errors
    assert not Meeting.objects.exists()


def test_the_action_point_rows_are_optional_and_not_marked_required(coordinator_client, my_plan):
    page = coordinator_client.get(url("meeting_add", my_plan)).content.decode()
    for i in range(3):
        row = page[page.index(f'id="div_id_punkt-{i}-what"') : page.index(f"punkt-{i}-due_on")]
        assert "asteriskField" not in row
        assert "required" not in row
    coordinator_client.post(url("meeting_add", my_plan), meeting_post(in_days(0)))
    assert not Meeting.objects.get().action_points.exists()


@pytest.mark.parametrize(
    ("row", "errors"),
    [
        ({"what": "Ringe PPT"}, ["Skriv hvem som skal gjøre det."]),
        ({"who": "Kari"}, ["Skriv hva som skal gjøres."]),
        ({"due_on": in_days(7)}, ["Skriv hva som skal gjøres.", "Skriv hvem som skal gjøre det."]),
    ],
    ids=["what only", "who only", "date only"],
)
def test_a_started_action_point_needs_both_what_and_who(coordinator_client, my_plan, row, errors):
    page = coordinator_client.post(
        url("meeting_add", my_plan), meeting_post(in_days(0), {}, row)
    ).content.decode()
    assert all(error in page for error in errors)
    assert not Meeting.objects.exists()


def test_each_action_point_row_is_a_fieldset_with_its_own_legend(coordinator_client, my_plan):
    page = coordinator_client.get(url("meeting_add", my_plan)).content.decode()
    for n in (1, 2, 3):
        assert re.search(rf"<fieldset[^>]*>\s*<legend[^>]*>Oppfølgingspunkt {n}</legend>", page)
    assert "Påminnelse til" in page
    assert "påminnelse til" not in page


PLAN_PAGES = [
    "case_plan",
    "edit",
    "close",
    "goal_add",
    "measure_add",
    "participant_add",
    "meeting_add",
    "evaluation_add",
    "history",
]


@pytest.mark.parametrize("name", PLAN_PAGES)
def test_every_form_on_the_plan_pages_has_exactly_one_csrf_token(coordinator_client, my_plan, name):
    page = coordinator_client.get(url(name, my_plan)).content.decode()
    forms = re.findall(r"<form\b.*?</form>", page, flags=re.S)
    assert forms
    assert [form.count('name="csrfmiddlewaretoken"') for form in forms] == [1] * len(forms)


def test_a_closed_plan_refuses_edits_from_the_pages(coordinator_client, my_plan):
    Plan.objects.filter(pk=my_plan.pk).update(
        status=Plan.Status.CLOSED, closed_reason=Plan.ClosedReason.MOVED
    )
    response = coordinator_client.post(
        url("goal_add", my_plan), {"text": "x", "horizon": "long"}, follow=True
    )
    assert "En avsluttet plan kan ikke endres." in response.content.decode()
    assert my_plan.goals.count() == 1


def test_the_coordinator_marks_a_goal_reached(coordinator_client, my_plan):
    goal = my_plan.goals.get()
    coordinator_client.post(url("goal_status", my_plan, goal.pk), {"status": "reached"})
    goal.refresh_from_db()
    assert goal.status == "reached"


def test_the_history_page_shows_who_changed_what(coordinator_client, coordinator_user, my_plan):
    stamp = edit_stamp(my_plan, PLAN_CONTENT_FIELDS)
    coordinator_client.post(
        url("edit", my_plan), {"needs": "Avlastning hver helg", "edit_stamp": stamp}
    )
    page = coordinator_client.get(url("history", my_plan)).content.decode()
    assert "Avlastning hver helg" in page
    assert coordinator_user.get_full_name() in page


# --- Access log -------------------------------------------------------------------------------


def test_opening_the_plan_writes_one_access_log_row(caseworker_client):
    plan = ready_plan()
    caseworker_client.get(url("case_plan", plan))
    row = AccessLog.objects.get()
    assert (row.object_type, row.person_id, row.action) == ("plan", plan.person_id, "view")


def test_the_pdf_download_writes_an_export_row(caseworker_client):
    plan = ready_plan()
    caseworker_client.get(url("pdf", plan))
    assert AccessLog.objects.get().action == AccessLog.Action.EXPORT


# --- Constant queries ----------------------------------------------------------------------


def _fill(plan, n, goals):
    for _ in range(n):
        goal = GoalFactory(plan=plan, horizon=Goal.Horizon.SHORT_TERM)
        MeasureFactory(plan=plan, goal=goal)
        ParticipantFactory(plan=plan)
        ActionPointFactory(meeting=MeetingFactory(plan=plan))
        EvaluationFactory(plan=plan)
        goals.append(goal)


# Session and user (2), the user's permissions for the scope and menu (2), the user's
# coordinator record for the scope (1), the case (1),
# the plan and its goals, measures, participants, their access consents in force,
# meetings, action points and evaluations (8), is-editor (1), the coordinator (1),
# consents (1), the access-log row and the role it names (2), saving the session in a
# savepoint (3).
PLAN_PAGE_QUERIES = 22


def test_the_plan_page_runs_a_constant_number_of_queries(coordinator_client, my_plan):
    goals = []
    one, many = assert_constant_queries(
        lambda: coordinator_client.get(url("case_plan", my_plan)),
        lambda k: _fill(my_plan, k, goals),
        n=50,
        at_most=PLAN_PAGE_QUERIES,
    )
    assert (one.status_code, many.status_code) == (200, 200)
    html = many.content.decode()
    assert all(goal.text in html for goal in goals)
    assert my_plan.measures.order_by("id").last().title in html


# As the plan page, without is-editor, with the case's consents it lists (one query).
PDF_QUERIES = 21


def test_the_pdf_runs_a_constant_number_of_queries(coordinator_client, my_plan):
    goals = []
    one, many = assert_constant_queries(
        lambda: coordinator_client.get(url("pdf", my_plan)),
        lambda k: _fill(my_plan, k, goals),
        n=20,
        at_most=PDF_QUERIES,
    )
    assert (one.status_code, many.status_code) == (200, 200)
    assert many["Content-Type"] == "application/pdf"
    text = pdf_text(many.content)
    assert all(goal.text in text for goal in goals)


def test_the_plan_list_runs_a_constant_number_of_queries(caseworker_client):
    plans = []
    # session, user, permissions (2), the user's coordinator record (for the case scope),
    # the page of plans, the access-log rows and the role they name (2), saving the
    # session (3)
    one, many = assert_constant_queries(
        lambda: caseworker_client.get(reverse("plans:list")),
        lambda k: plans.extend(PlanFactory.create_batch(k, active=True)),
        n=20,
        at_most=11,
    )
    assert (one.status_code, many.status_code) == (200, 200)
    html = many.content.decode()
    assert all(plan.person.full_name in html for plan in plans)


def test_the_coordinator_marks_an_action_point_done(coordinator_client, my_plan):
    point = ActionPointFactory(meeting=MeetingFactory(plan=my_plan))
    coordinator_client.post(url("action_point_done", my_plan, point.pk), {"done": "1"})
    point.refresh_from_db()
    assert point.done is True


def test_the_coordinator_removes_a_participant(coordinator_client, my_plan):
    participant = ParticipantFactory(plan=my_plan)
    coordinator_client.post(url("participant_remove", my_plan, participant.pk))
    assert not my_plan.participants.exists()


def test_the_coordinator_closes_the_plan_with_a_reason(coordinator_client, my_plan):
    coordinator_client.post(url("close", my_plan), {"closed_reason": "persons_wish"})
    my_plan.refresh_from_db()
    assert (my_plan.status, my_plan.closed_reason) == (Plan.Status.CLOSED, "persons_wish")


def test_another_plans_goal_cannot_be_changed_through_this_plan(coordinator_client, my_plan):
    own = my_plan.goals.get()
    foreign = GoalFactory()
    response = coordinator_client.post(url("goal_status", my_plan, foreign.pk), {"status": "ended"})
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.status != "ended"
    # The same request for the plan's own goal goes through.
    coordinator_client.post(url("goal_status", my_plan, own.pk), {"status": "ended"})
    own.refresh_from_db()
    assert own.status == "ended"
