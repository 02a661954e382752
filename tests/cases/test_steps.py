"""The case's next-step checklist (issue 17, item 3), registered by each app."""

import pytest

from cases import tabs
from cases.models import Case
from tests.decisions.factories import AssessmentFactory, DecisionFactory
from tests.factories import (
    AppointmentFactory,
    CaseFactory,
    ConsentFactory,
    PersonServiceFactory,
)

pytestmark = pytest.mark.django_db


def shown(case):
    return {s.step.key: s for s in tabs.case_steps(Case.objects.get(pk=case.pk), is_ke=True)}


def next_key(case):
    return next(key for key, s in shown(case).items() if s.is_next)


def test_a_new_notification_asks_for_consent_first():
    assert next_key(CaseFactory(awaiting_consent=True, requests_coordinator=True)) == "consent"


def test_with_consent_the_services_come_next():
    case = CaseFactory(requests_coordinator=True)
    ConsentFactory(case=case)
    assert next_key(case) == "services"


def test_the_steps_come_in_the_order_of_the_work():
    case = CaseFactory(requests_coordinator=True, requests_plan=True)
    assert list(shown(case)) == [
        "consent",
        "services",
        "assessment",
        "decision",
        "sent",
        "coordinator",
        "plan",
    ]


def test_a_case_not_asking_for_a_plan_has_no_plan_step():
    assert "plan" not in shown(CaseFactory(requests_coordinator=True, requests_plan=False))


def test_a_refused_coordinator_needs_no_appointment():
    case = CaseFactory(requests_coordinator=True)
    DecisionFactory(case=case, service="koordinator", refused=True, sent=True)
    assert "coordinator" not in shown(case)


def test_after_a_sent_grant_the_coordinator_is_next():
    case = CaseFactory(requests_coordinator=True, requests_plan=False)
    ConsentFactory(case=case)
    PersonServiceFactory(person=case.person)
    AssessmentFactory(case=case)
    DecisionFactory(case=case, service="koordinator", sent=True)
    assert next_key(case) == "coordinator"


def test_an_appointment_completes_the_coordinator_step():
    case = CaseFactory(requests_coordinator=True)
    AppointmentFactory(case=case)
    assert shown(case)["coordinator"].done


def test_a_coordinator_sees_no_checklist():
    assert tabs.case_steps(CaseFactory(), is_ke=False) == []


def test_the_case_page_says_what_to_do_next(caseworker_client):
    case = CaseFactory(awaiting_consent=True)
    html = caseworker_client.get(case.get_absolute_url()).content.decode()
    assert "Neste steg:" in html and "Registrer samtykke" in html


def test_a_decision_sent_for_one_of_two_services_is_shown_half_done():
    case = CaseFactory(requests_coordinator=True, requests_plan=True)
    DecisionFactory(case=case, service="koordinator", sent=True)
    DecisionFactory(case=case, service="individuell_plan")  # still a draft
    assert shown(case)["sent"].note == "1 av 2 sendt"


def test_a_sent_decision_proves_the_case_was_assessed():
    case = CaseFactory(requests_coordinator=True, requests_plan=False)
    DecisionFactory(case=case, service="koordinator", sent=True)
    assert shown(case)["assessment"].done


def test_the_checklist_says_how_far_a_half_done_step_has_come(caseworker_client):
    case = CaseFactory(requests_coordinator=True, requests_plan=True)
    DecisionFactory(case=case, service="koordinator", sent=True)
    html = caseworker_client.get(case.get_absolute_url()).content.decode()
    assert "Vedtak sendt (1 av 2 sendt)" in html
