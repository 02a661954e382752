"""Oversikt's figures are kept worked out (followup.overview_store): a view reads the
kept ones while they are fresh, works them out itself when they are not, and the scan
works out every unit's and the municipality's."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import Case, Unit
from followup.models import OverviewFigures
from followup.overview_store import MUNICIPALITY, key_of, overview_figures
from tests.factories import CaseFactory, UnitFactory

pytestmark = pytest.mark.django_db

OSLO = ZoneInfo("Europe/Oslo")
MORNING = datetime.datetime(2026, 6, 15, 10, 0, tzinfo=OSLO)
OVERVIEW = reverse("followup:overview")


@pytest.fixture(autouse=True)
def kept(settings):
    # Under the 30 minutes a session stays idle, so one login lasts the test.
    settings.KE_OVERVIEW_FRESH_MINUTES = 20


def _at(moment):
    return time_machine.travel(moment, tick=False)


def _assessing(response) -> int:
    return dict(response.context["by_status"])[Case.Status.UNDER_ASSESSMENT.label]


def test_a_view_within_the_fresh_minutes_reads_the_kept_figures(caseworker_client):
    CaseFactory()
    with _at(MORNING):
        assert _assessing(caseworker_client.get(OVERVIEW)) == 1
    CaseFactory()
    later = MORNING + datetime.timedelta(minutes=19)
    with _at(later), CaptureQueriesContext(connection) as captured:
        response = caseworker_client.get(OVERVIEW)
    assert _assessing(response) == 1
    assert not [q for q in captured.captured_queries if '"cases_case"' in q["sql"]]
    assert "Tallene ble regnet ut 15. juni 2026 kl. 10:00." in response.content.decode()


def test_figures_older_than_the_fresh_minutes_are_worked_out_again(caseworker_client):
    with _at(MORNING):
        caseworker_client.get(OVERVIEW)
    CaseFactory()
    with _at(MORNING + datetime.timedelta(minutes=21)):
        response = caseworker_client.get(OVERVIEW)
    assert _assessing(response) == 1
    assert "kl. 10:21." in response.content.decode()


def test_yesterdays_figures_are_not_shown_after_midnight(caseworker_client):
    with _at(datetime.datetime(2026, 6, 15, 23, 55, tzinfo=OSLO)):
        caseworker_client.get(OVERVIEW)
    CaseFactory()
    with _at(datetime.datetime(2026, 6, 16, 0, 5, tzinfo=OSLO)):
        assert _assessing(caseworker_client.get(OVERVIEW)) == 1


def test_kept_figures_read_back_as_they_were_worked_out(caseworker_client):
    CaseFactory(status=Case.Status.DECIDED)
    with _at(MORNING):
        worked_out = caseworker_client.get(OVERVIEW).context
        kept = caseworker_client.get(OVERVIEW).context
    names = ["by_status", "new_by_month", "processing", "extra", "overdue_by_area"]
    assert [list(kept[n]) for n in names] == [list(worked_out[n]) for n in names]
    assert list(kept["plans_by_area"]) == list(worked_out["plans_by_area"])


def test_the_scan_works_out_every_units_figures_and_the_municipalitys(client, leader):
    frogner = UnitFactory(name="Bydel Frogner")
    CaseFactory(unit=frogner)
    with _at(MORNING):
        assert overview_figures(MORNING.date()) == Unit.objects.count() + 1
    keys = set(OverviewFigures.objects.values_list("key", flat=True))
    assert keys == {MUNICIPALITY, *(key_of(unit) for unit in Unit.objects.all())}
    client.force_login(leader)
    with _at(MORNING + datetime.timedelta(minutes=5)):
        response = client.get(OVERVIEW, {"enhet": frogner.pk})
    assert _assessing(response) == 1
    assert "kl. 10:00." in response.content.decode()


def test_a_dry_run_keeps_nothing():
    assert overview_figures(MORNING.date(), dry_run=True) == Unit.objects.count() + 1
    assert not OverviewFigures.objects.exists()


def test_a_caseworker_of_two_units_gets_figures_worked_out_on_each_view(client, caseworker):
    frogner, grorud = UnitFactory(name="Bydel Frogner"), UnitFactory(name="Bydel Grorud")
    frogner.staff.add(caseworker)
    grorud.staff.add(caseworker)
    CaseFactory(unit=frogner)
    client.force_login(caseworker)
    with _at(MORNING):
        client.get(OVERVIEW)
    CaseFactory(unit=grorud)
    with _at(MORNING + datetime.timedelta(minutes=1)):
        assert _assessing(client.get(OVERVIEW)) == 2
    assert not OverviewFigures.objects.exists()


def test_the_csv_says_when_its_figures_were_worked_out(caseworker_client):
    with _at(MORNING):
        content = caseworker_client.get(reverse("followup:overview_csv")).content.decode()
    assert "Regnet ut" in content and "2026-06-15T10:00+02:00" in content
