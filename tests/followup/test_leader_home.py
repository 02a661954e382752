"""The leader's start page: approvals, overdue work by caseworker, unassigned cases."""

import datetime

import pytest
from django.urls import reverse

from cases.models import AccessLog
from decisions.models import Decision
from tests.decisions.factories import DecisionFactory
from tests.factories import CaseFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def leader_client(client, leader):
    client.force_login(leader)
    return client


def test_a_leader_starts_on_the_leaders_page(leader_client):
    assert leader_client.get(reverse("home"))["Location"] == reverse("followup:leader_home")


def test_a_caseworker_still_starts_on_mine_saker(caseworker_client):
    assert caseworker_client.get(reverse("home"))["Location"] == reverse("followup:dashboard")


def test_it_lists_decisions_waiting_for_approval(leader_client):
    decision = DecisionFactory(status=Decision.Status.AWAITING_APPROVAL)
    html = leader_client.get(reverse("followup:leader_home")).content.decode()
    assert reverse("decisions:detail", args=[decision.pk]) in html


def test_it_logs_the_cases_it_names(leader_client, leader):
    case = CaseFactory(caseworker=None)
    leader_client.get(reverse("followup:leader_home"))
    assert AccessLog.objects.filter(user=leader, person_id=case.person_id).exists()


@pytest.mark.today("2026-11-23")
def test_it_counts_overdue_work_per_caseworker(leader_client, today):
    away = UserFactory(caseworker=True, first_name="Anne", last_name="Borte")
    CaseFactory.create_batch(
        2, caseworker=away, status="awaiting_consent", received_on=today - datetime.timedelta(60)
    )
    loads = leader_client.get(reverse("followup:leader_home")).context["loads"]
    anne = next(load for load in loads if load.name == "Anne Borte")
    assert "venter på samtykke: 2" in anne.overdue_kinds


def test_a_caseworker_may_not_open_it(caseworker_client):
    assert caseworker_client.get(reverse("followup:leader_home")).status_code == 403
