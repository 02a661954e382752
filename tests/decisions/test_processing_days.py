"""A sent decision keeps its processing time (days from the case's receipt to the day it
was sent), so Oversikt reads its months from one index; the daily scan puts it right when
the receipt day is corrected afterwards."""

import datetime
import importlib

import pytest
from django.apps import apps

from cases.models import Case
from decisions.models import Decision
from decisions.scans import processing_days
from tests.decisions.factories import DecisionFactory
from tests.factories import CaseFactory

TODAY = datetime.date(2026, 11, 23)

pytestmark = [pytest.mark.django_db, pytest.mark.today(TODAY)]


def days_of(decision) -> int | None:
    return Decision.objects.values_list("processing_days", flat=True).get(pk=decision.pk)


def sent_after(days: int) -> Decision:
    case = CaseFactory(received_on=TODAY - datetime.timedelta(days=days))
    return DecisionFactory(case=case, sent=True, sent_on=TODAY)


def test_a_sent_decision_keeps_the_days_since_its_case_came_in():
    assert days_of(sent_after(23)) == 23


def test_a_draft_has_no_processing_time():
    assert days_of(DecisionFactory()) is None


def test_saving_the_sent_day_alone_saves_the_days_with_it():
    decision = sent_after(23)
    decision.sent_on = TODAY - datetime.timedelta(days=2)
    decision.save(update_fields=["sent_on"])
    assert days_of(decision) == 21


def test_a_receipt_day_corrected_afterwards_is_put_right_by_the_scan():
    decision = sent_after(23)
    Case.objects.filter(pk=decision.case_id).update(received_on=TODAY - datetime.timedelta(30))
    assert processing_days(TODAY, dry_run=True) == 1
    assert days_of(decision) == 23
    assert processing_days(TODAY) == 1
    assert days_of(decision) == 30
    assert processing_days(TODAY) == 0


def test_the_migration_fills_the_decisions_already_sent():
    decision = sent_after(23)
    draft = DecisionFactory()
    Decision.objects.update(processing_days=None)
    migration = importlib.import_module("decisions.migrations.0011_decision_processing_days")
    migration.fill_processing_days(apps, None)
    assert (days_of(decision), days_of(draft)) == (23, None)
