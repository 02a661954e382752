"""Every list and detail page issue 18 measured runs the same queries for 1 row as for 50.

Page-specific tests elsewhere check what each page shows; these hold the count level as
the rows grow, at the size of a page (50), on the pages the benchmark times.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import AccessLog
from decisions.models import Letter
from tests.coordinators.factories import CompletionFactory, CourseFactory
from tests.decisions.factories import DecisionFactory
from tests.factories import (
    AppointmentFactory,
    CaseFactory,
    CoordinatorFactory,
    PersonFactory,
    TimelineEntryFactory,
)
from tests.plans.factories import PlanFactory
from tests.queries import assert_page_constant

pytestmark = pytest.mark.django_db


def test_the_case_list(caseworker_client):
    assert_page_constant(caseworker_client, reverse("cases:list"), CaseFactory.create_batch)


def test_a_deep_page_of_the_case_list(caseworker_client):
    CaseFactory.create_batch(25)
    many = assert_page_constant(
        caseworker_client, reverse("cases:list") + "?side=2", CaseFactory.create_batch
    )
    assert len(many.context["page"].items) == 25


def test_a_name_search_in_the_case_list(caseworker_client):
    response = caseworker_client.post(reverse("cases:list"), {"q": "Berg"})
    many = assert_page_constant(
        caseworker_client,
        response["Location"],
        lambda k: [CaseFactory(person=PersonFactory(family_name="Berg")) for _ in range(k)],
    )
    assert len(many.context["page"].items) == 25


def test_the_decision_list(caseworker_client):
    assert_page_constant(
        caseworker_client,
        reverse("decisions:list"),
        lambda k: DecisionFactory.create_batch(k, sent=True),
    )


def test_the_decision_page(caseworker_client):
    decision = DecisionFactory(sent=True)

    def letters(k):
        start = Letter.objects.count()
        for i in range(start, start + k):
            letter = Letter.objects.create(
                kind=Letter.Kind.DECISION,
                decision=decision,
                recipient_key=f"relation:{i}",
                recipient_name=f"Mottaker {i}",
                sent_on=decision.sent_on,
            )
            letter.decisions.add(decision)

    many = assert_page_constant(
        caseworker_client, reverse("decisions:detail", args=[decision.pk]), letters
    )
    assert len(many.context["letters"]) == 50


def test_the_plan_list(caseworker_client):
    assert_page_constant(
        caseworker_client, reverse("plans:list"), lambda k: PlanFactory.create_batch(k, active=True)
    )


def test_frister(caseworker_client):
    long_ago = timezone.localdate() - datetime.timedelta(days=60)
    assert_page_constant(
        caseworker_client,
        reverse("followup:deadlines"),
        lambda k: CaseFactory.create_batch(k, received_on=long_ago),
    )


def test_the_case_journal(caseworker_client):
    case = CaseFactory()
    assert_page_constant(
        caseworker_client,
        reverse("cases:timeline", args=[case.pk]),
        lambda k: TimelineEntryFactory.create_batch(k, case=case),
    )


def test_the_case_coordinator_tab(caseworker_client):
    case = CaseFactory()
    DecisionFactory(case=case, sent=True)
    course = CourseFactory()

    def coordinators(k):
        for coordinator in CoordinatorFactory.create_batch(k):
            CompletionFactory(coordinator=coordinator, course=course)
            AppointmentFactory(coordinator=coordinator)

    many = assert_page_constant(
        caseworker_client, reverse("coordinators:case_coordinator", args=[case.pk]), coordinators
    )
    assert len(many.context["suggestions"]) == 25


def test_the_training_page(caseworker_client):
    assert_page_constant(
        caseworker_client, reverse("coordinators:training"), CoordinatorFactory.create_batch
    )


def test_the_access_log(client, leader):
    client.force_login(leader)
    case = CaseFactory()

    def rows(k):
        AccessLog.objects.bulk_create(
            AccessLog(
                username="x",
                object_type="case",
                object_id=str(case.pk),
                person_id=case.person_id,
                action="view",
            )
            for _ in range(k)
        )

    assert_page_constant(client, reverse("cases:access_log"), rows)
