"""A case owes a decision while it is open and asks for a service with no decision on it
sent yet. The case keeps a flag per service (decisions.decided): set when a decision is
sent, backfilled from the decisions, and put right by the daily scan."""

import importlib

import pytest
from django.apps import apps
from django.test import TestCase

from cases.models import Case, owes_a_decision
from cases.vocabulary import ServiceKind
from decisions import decided, delivery
from decisions.due import cases_awaiting_a_decision
from decisions.models import Decision
from decisions.scans import decided_flags
from tests.decisions.factories import DecisionFactory
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

ONLY = {
    ServiceKind.COORDINATOR: {"requests_coordinator": True, "requests_plan": False},
    ServiceKind.CHILD_COORDINATOR: {
        "requests_coordinator": False,
        "requests_child_coordinator": True,
        "requests_plan": False,
    },
    ServiceKind.PLAN: {"requests_coordinator": False, "requests_plan": True},
}


def owing():
    return set(cases_awaiting_a_decision(Case.objects.all()).values_list("pk", flat=True))


@pytest.mark.parametrize("service", list(ServiceKind))
def test_a_case_asking_for_a_service_with_no_decision_sent_owes_one(service):
    case = CaseFactory(**ONLY[service])
    assert owing() == {case.pk}


@pytest.mark.parametrize("service", list(ServiceKind))
def test_a_sent_decision_on_the_service_asked_for_settles_it(service):
    case = CaseFactory(**ONLY[service])
    DecisionFactory(case=case, service=service, sent=True)
    assert owing() == set()


@pytest.mark.parametrize("status", [Decision.Status.FINAL, Decision.Status.APPEALED])
def test_a_final_or_appealed_decision_still_counts_as_sent(status):
    case = CaseFactory(**ONLY[ServiceKind.COORDINATOR])
    DecisionFactory(case=case, sent=True, status=status)
    assert owing() == set()


@pytest.mark.parametrize("status", [Decision.Status.DRAFT, Decision.Status.AWAITING_APPROVAL])
def test_a_decision_not_yet_sent_settles_nothing(status):
    case = CaseFactory(**ONLY[ServiceKind.COORDINATOR])
    DecisionFactory(case=case, status=status)
    assert owing() == {case.pk}


def test_a_decision_on_a_service_not_asked_for_settles_nothing():
    case = CaseFactory(**ONLY[ServiceKind.COORDINATOR])
    DecisionFactory(case=case, service=ServiceKind.PLAN, sent=True)
    assert owing() == {case.pk}


def test_a_case_decided_on_one_of_two_services_still_owes_the_other():
    case = CaseFactory(requests_coordinator=True, requests_plan=True)
    DecisionFactory(case=case, service=ServiceKind.COORDINATOR, sent=True)
    assert owing() == {case.pk}


def test_a_closed_case_owes_nothing():
    CaseFactory(closed=True, **ONLY[ServiceKind.COORDINATOR])
    assert owing() == set()


def test_the_partial_index_is_defined_by_the_rule():
    (index,) = [i for i in Case._meta.indexes if i.name == "case_owes_decision"]
    assert index.condition == owes_a_decision()


def send(decision):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return delivery.decision_send(decision=decision, by=decision.decided_by)


def test_sending_a_decision_marks_its_case_decided_on_that_service():
    case = CaseFactory(person__email="kari@epost.example", **ONLY[ServiceKind.PLAN])
    send(DecisionFactory(case=case, service=ServiceKind.PLAN))
    case.refresh_from_db()
    assert (case.plan_decided, case.coordinator_decided) == (True, False)


def test_a_case_whose_decision_is_sent_through_the_service_owes_nothing():
    case = CaseFactory(person__email="kari@epost.example", **ONLY[ServiceKind.COORDINATOR])
    decision = DecisionFactory(case=case, service=ServiceKind.COORDINATOR)
    assert owing() == {case.pk}
    send(decision)
    assert owing() == set()


def flags(case):
    case.refresh_from_db()
    return tuple(getattr(case, flag) for flag in Case.DECIDED_FIELDS.values())


def test_the_repair_sets_a_flag_left_unset_beside_a_sent_decision():
    case = CaseFactory(**ONLY[ServiceKind.COORDINATOR])
    DecisionFactory(case=case, service=ServiceKind.COORDINATOR, sent=True)
    Case.objects.filter(pk=case.pk).update(coordinator_decided=False)
    assert decided.decided_flags_repair() == 1
    assert flags(case) == (True, False, False)


def test_the_repair_clears_a_flag_set_with_no_sent_decision():
    case = CaseFactory(**ONLY[ServiceKind.COORDINATOR])
    DecisionFactory(case=case, service=ServiceKind.COORDINATOR)
    Case.objects.filter(pk=case.pk).update(coordinator_decided=True)
    assert decided.decided_flags_repair() == 1
    assert flags(case) == (False, False, False)


def test_the_repair_leaves_flags_that_agree_with_the_decisions():
    case = CaseFactory(requests_coordinator=True, requests_plan=True)
    DecisionFactory(case=case, service=ServiceKind.PLAN, sent=True)
    assert decided.decided_flags_repair() == 0
    assert flags(case) == (False, False, True)


def test_the_daily_scan_counts_the_wrong_flags_on_a_dry_run_and_changes_nothing(today):
    case = CaseFactory(**ONLY[ServiceKind.PLAN])
    Case.objects.filter(pk=case.pk).update(plan_decided=True)
    assert decided_flags(today, dry_run=True) == 1
    assert flags(case) == (False, False, True)


def test_the_daily_scan_repairs_a_wrong_flag_so_the_case_owes_again(today):
    case = CaseFactory(**ONLY[ServiceKind.PLAN])
    Case.objects.filter(pk=case.pk).update(plan_decided=True)
    assert decided_flags(today) == 1
    assert owing() == {case.pk}


def test_the_backfill_migration_sets_the_flags_of_the_decisions_already_sent():
    decided_case = CaseFactory(requests_coordinator=True, requests_plan=True)
    DecisionFactory(case=decided_case, service=ServiceKind.PLAN, sent=True)
    DecisionFactory(case=decided_case, service=ServiceKind.COORDINATOR)
    Case.objects.update(coordinator_decided=False, child_coordinator_decided=False)
    Case.objects.update(plan_decided=False)
    migration = importlib.import_module("decisions.migrations.0010_backfill_case_decided_flags")
    migration.backfill(apps, None)
    assert flags(decided_case) == (False, False, True)
