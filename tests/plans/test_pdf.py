import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from cases.vocabulary import ServiceKind
from core.pdf import RefusedURL, static_path_for, url_fetcher
from plans.models import Plan


@pytest.fixture
def demo_plan(db, settings):
    settings.KE_DEMO_PASSWORD = "demo-passord-for-test"
    call_command("seed_demo", stdout=io.StringIO())
    return Plan.objects.select_related("case__person").get(person__family_name="Demo-Johansen")


@pytest.fixture
def pdf_text(client, demo_plan, django_user_model):
    client.force_login(django_user_model.objects.get(username="koordinator"))
    response = client.get(reverse("plans:pdf", args=[demo_plan.case_id]))
    reader = PdfReader(io.BytesIO(response.content))
    # Text extraction may break lines anywhere; compare with whitespace collapsed.
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.mark.django_db
def test_the_demo_plan_is_active_and_kept_by_the_demo_coordinator(demo_plan):
    assert demo_plan.status == Plan.Status.ACTIVE
    assert demo_plan.case.appointments.get().coordinator.user.username == "koordinator"


def test_the_pdf_holds_every_goal_of_the_person(pdf_text, demo_plan):
    assert all(goal.text in pdf_text for goal in demo_plan.goals.all())


def test_the_pdf_holds_every_measure_with_its_provider(pdf_text, demo_plan):
    measures = list(demo_plan.measures.all())
    assert len(measures) == 3
    assert all(m.title in pdf_text and m.provider in pdf_text for m in measures)


def test_the_pdf_names_the_coordinator(pdf_text):
    assert "Kari Koordinator" in pdf_text


def test_the_pdf_gives_the_next_evaluation_date(pdf_text, demo_plan):
    from django.template.defaultfilters import date

    assert date(demo_plan.next_evaluation_on, "j. F Y") in pdf_text


def test_the_pdf_gives_the_next_meeting_the_plan_page_shows(pdf_text, demo_plan):
    from django.template.defaultfilters import date

    from plans.selectors import next_meeting, plan_for_case

    meeting = next_meeting(plan_for_case(demo_plan.case).meetings.all())
    assert date(meeting.next_meeting_on, "j. F Y") in pdf_text


def test_the_demo_grant_has_its_received_date_and_complaint_deadline(demo_plan, settings):
    from decisions import deadlines
    from decisions.models import Decision

    decision = Decision.objects.get(case=demo_plan.case, service=ServiceKind.CHILD_COORDINATOR)
    assert decision.status == Decision.Status.SENT
    assert decision.received_on == decision.assumed_received_on
    assert decision.assumed_received_on == deadlines.assumed_received_on(
        decision.sent_on, channel=deadlines.CHANNEL_POST, post_days=settings.KE_POST_DAYS
    )
    assert decision.complaint_deadline == deadlines.complaint_deadline(decision.received_on)
    assert decision.sent_on <= decision.received_on < decision.complaint_deadline
    decision.full_clean()


def test_the_demo_plan_was_granted_by_a_sent_decision(demo_plan):
    from decisions.models import Decision

    plan_decision = Decision.objects.get(case=demo_plan.case, service=ServiceKind.PLAN)
    assert plan_decision.status == Decision.Status.SENT


@pytest.mark.django_db
def test_seeding_the_demo_twice_adds_nothing(demo_plan):
    from decisions.models import Decision
    from plans import demo

    counts = (Plan.objects.count(), Decision.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    demo.seed()
    assert (Plan.objects.count(), Decision.objects.count()) == counts


def test_the_pdf_puts_the_goals_before_the_measures(pdf_text):
    assert pdf_text.index("Mål") < pdf_text.index("Tiltak")


# --- The URL fetcher: our static files and nothing else ------------------------------------


def test_the_fetcher_serves_the_print_stylesheet():
    path = static_path_for("https://pdf.invalid/static/plans/print-plan.css")
    assert path.name == "print-plan.css"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "https://example.com/static/plans/print-plan.css",
        "http://pdf.invalid/static/plans/print-plan.css",
        "https://pdf.invalid/etc/passwd",
        "https://pdf.invalid/static/../../etc/passwd",
        "https://pdf.invalid/static/%2e%2e/%2e%2e/etc/passwd",
        "https://pdf.invalid/static/nope.css",
        "data:text/css,body{}",
    ],
)
def test_the_fetcher_refuses_anything_else(url):
    with pytest.raises(RefusedURL):
        url_fetcher(url)
