"""The case tabs, the person page and the other detail pages the benchmark times run the
same queries for 1 row as for 50 (the list pages: test_page_queries.py). Each adds 50 of
what the page lists; page-specific tests elsewhere check what it shows."""

import pytest
from django.urls import reverse

from cases.models import AccessLog, FamilyMember
from tests.decisions.factories import AssessmentFactory, DecisionFactory
from tests.factories import (
    AppointmentFactory,
    CaseFactory,
    ConsentFactory,
    CoordinatorFactory,
    FamilyMemberFactory,
    PersonServiceFactory,
    RelationFactory,
    ServiceFactory,
)
from tests.plans.factories import GoalFactory, PlanFactory
from tests.queries import assert_page_constant

pytestmark = pytest.mark.django_db


def _services(person):
    return lambda k: [
        PersonServiceFactory(person=person, service=ServiceFactory()) for _ in range(k)
    ]


def test_the_case_overview_tab_with_many_relations_and_family_members(caseworker_client):
    case = CaseFactory()
    family = FamilyMemberFactory(person=case.person, role=FamilyMember.Role.GUARDIAN).family

    def relatives(k):
        RelationFactory.create_batch(k, person=case.person)
        FamilyMemberFactory.create_batch(k, family=family)

    assert_page_constant(caseworker_client, reverse("cases:detail", args=[case.pk]), relatives)


def test_the_case_services_tab(caseworker_client):
    case = CaseFactory()
    assert_page_constant(
        caseworker_client, reverse("cases:services", args=[case.pk]), _services(case.person)
    )


def test_the_case_consent_tab(caseworker_client):
    case = CaseFactory()
    assert_page_constant(
        caseworker_client,
        reverse("cases:consent", args=[case.pk]),
        lambda k: ConsentFactory.create_batch(k, case=case),
    )


def test_the_person_page_with_many_cases(caseworker_client):
    person = CaseFactory().person
    assert_page_constant(
        caseworker_client,
        reverse("cases:person_detail", args=[person.pk]),
        lambda k: CaseFactory.create_batch(k, person=person),
    )


def test_the_case_assessment_tab(caseworker_client):
    case = CaseFactory()
    assert_page_constant(
        caseworker_client,
        reverse("eligibility:case_assessment", args=[case.pk]),
        lambda k: AssessmentFactory.create_batch(k, case=case),
    )


def test_the_case_decisions_tab(caseworker_client):
    case = CaseFactory()
    assert_page_constant(
        caseworker_client,
        reverse("decisions:case_decisions", args=[case.pk]),
        lambda k: DecisionFactory.create_batch(k, case=case),
    )


def test_the_plan_history(caseworker_client):
    plan = PlanFactory(active=True)
    assert_page_constant(
        caseworker_client,
        reverse("plans:history", args=[plan.case_id]),
        lambda k: GoalFactory.create_batch(k, plan=plan),
    )


def test_the_coordinator_page_with_many_appointments(caseworker_client):
    coordinator = CoordinatorFactory()
    assert_page_constant(
        caseworker_client,
        reverse("coordinators:detail", args=[coordinator.pk]),
        lambda k: AppointmentFactory.create_batch(k, coordinator=coordinator),
    )


@pytest.mark.parametrize(
    ("path", "add_rows"),
    [
        ("/admin/cases/case/", CaseFactory.create_batch),
        ("/admin/cases/person/", lambda k: [CaseFactory().person for _ in range(k)]),
        (
            "/admin/cases/accesslog/",
            lambda k: AccessLog.objects.bulk_create(
                AccessLog(username="x", object_type="case", object_id=str(i), action="view")
                for i in range(k)
            ),
        ),
    ],
)
def test_the_admin_lists(admin_client, path, add_rows):
    assert_page_constant(admin_client, path, add_rows)
