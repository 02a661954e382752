import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from cases.models import Case
from decisions.models import Decision
from followup.overview import months_back, percentile, processing_times
from tests.decisions.factories import DecisionFactory
from tests.factories import AppointmentFactory, CaseFactory, ServiceAreaFactory
from tests.plans.factories import PlanFactory
from tests.queries import assert_constant_queries


class TestFigures:
    def test_percentile_is_nearest_rank(self):
        assert percentile({value: 1 for value in range(1, 11)}, 90) == 9
        assert percentile({4: 1, 1: 1, 3: 1}, 50) == 3

    def test_percentile_counts_each_value_as_often_as_it_occurs(self):
        # 1, 1, 1, 5, 9: the median is the third value, the 90th percentile the fifth.
        assert percentile({9: 1, 1: 3, 5: 1}, 50) == 1
        assert percentile({9: 1, 1: 3, 5: 1}, 90) == 9

    def test_a_value_counted_zero_times_is_not_there(self):
        assert percentile({2: 0, 7: 2}, 50) == 7

    def test_percentile_of_nothing_is_none(self):
        assert percentile({}, 50) is None
        assert percentile({3: 0}, 50) is None

    def test_months_back_crosses_the_new_year(self):
        assert months_back(datetime.date(2026, 2, 10), 3) == [
            datetime.date(2025, 12, 1),
            datetime.date(2026, 1, 1),
            datetime.date(2026, 2, 1),
        ]

    def test_processing_time_is_grouped_by_the_month_of_the_decision(self):
        months = [datetime.date(2026, 10, 1), datetime.date(2026, 11, 1)]
        sent = [
            (datetime.date(2026, 10, 1), 20, 1),
            (datetime.date(2026, 11, 1), 30, 1),
            (datetime.date(2026, 11, 1), 20, 1),
        ]
        october, november = processing_times(sent, months)
        assert (october.decided, october.median_days) == (1, 20)
        assert (november.decided, november.median_days, november.p90_days) == (2, 20, 30)

    def test_decisions_with_the_same_days_count_each(self):
        months = [datetime.date(2026, 11, 1)]
        (november,) = processing_times([(datetime.date(2026, 11, 1), 12, 4)], months)
        assert (november.decided, november.median_days) == (4, 12)

    def test_a_decision_whose_days_are_not_worked_out_counts_as_decided_only(self):
        months = [datetime.date(2026, 11, 1)]
        sent = [(datetime.date(2026, 11, 1), None, 1), (datetime.date(2026, 11, 1), 8, 1)]
        (november,) = processing_times(sent, months)
        assert (november.decided, november.median_days, november.p90_days) == (2, 8, 8)

    def test_a_decision_outside_the_months_is_left_out(self):
        months = [datetime.date(2026, 11, 1)]
        sent = [(datetime.date(2026, 9, 1), 5, 2), (datetime.date(2026, 11, 1), 8, 1)]
        (november,) = processing_times(sent, months)
        assert (november.decided, november.median_days) == (1, 8)


def _decided(days_to_decision: int):
    """A case whose decision was sent today, `days_to_decision` days after it came in."""
    received = timezone.localdate() - datetime.timedelta(days=days_to_decision)
    case = CaseFactory(received_on=received, status=Case.Status.DECIDED)
    DecisionFactory(
        case=case, status=Decision.Status.SENT, sent_on=timezone.localdate(), received_on=None
    )
    return case


@pytest.mark.today("2026-06-15")
def test_the_page_draws_the_charts(caseworker_client):
    _decided(21)
    content = caseworker_client.get(reverse("followup:overview")).content.decode()
    assert content.count('<svg role="img"') >= 3
    assert "Median behandlingstid" in content
    # The case decided this month, 21 days after it came in: month, decided, median, p90.
    assert "<tr><td>juni 2026</td><td>" in content
    assert "</a></td><td>21</td><td>21</td></tr>" in content


def test_overdue_evaluations_are_counted_per_service_area(caseworker_client):
    plan = PlanFactory(active=True, next_evaluation_on=timezone.localdate() - datetime.timedelta(1))
    AppointmentFactory(
        case=plan.case,
        coordinator__service_area=ServiceAreaFactory(name="Barnehage", slug="barnehage"),
    )
    response = caseworker_client.get(reverse("followup:overview"))
    assert response.context["overdue_by_area"] == [("Barnehage", 1)]


def test_the_csv_export_has_the_same_figures(caseworker_client):
    _decided(10)
    response = caseworker_client.get(reverse("followup:overview_csv"))
    body = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "Saker etter status;Vedtak fattet;1" in body


@pytest.mark.today("2026-06-15")
def test_closed_cases_are_counted_for_the_period_and_the_label_says_so(caseworker_client):
    CaseFactory(status=Case.Status.CLOSED, closed_reason="moved", closed_on="2025-07-01")
    CaseFactory(status=Case.Status.CLOSED, closed_reason="moved", closed_on="2025-06-30")
    by_status = caseworker_client.get(reverse("followup:overview")).context["by_status"]
    assert ("Avsluttet siden 1. juli 2025", 1) in by_status


def test_coordinators_cannot_see_the_overview(coordinator_client):
    assert coordinator_client.get(reverse("followup:overview")).status_code == 403


@pytest.mark.today("2026-06-15")
def test_the_page_runs_a_constant_number_of_queries(caseworker_client):
    made = []

    def add_rows(k):
        made.extend(_decided(len(made) % 60 + 1) for _ in range(k))

    # session, user, groups and permissions (1), open cases by status, cases closed in the period,
    # new by month, decided pairs, plan and coordinator counts (the register and those
    # appointed now), overdue by area, active and quiet plans by area and without a
    # coordinator (2), participants who log in (1), saving the session (1). Nothing kept
    # (KE_OVERVIEW_FRESH_MINUTES is 0 in the tests; test_overview_kept.py keeps them).
    one, many = assert_constant_queries(
        lambda: caseworker_client.get(reverse("followup:overview")), add_rows, n=50, at_most=18
    )
    assert (one.status_code, many.status_code) == (200, 200)
    assert ("Vedtak fattet", 50) in many.context["by_status"]
    # All 50 were decided this month, and the table says so.
    assert (many.context["processing"][-1].month, many.context["processing"][-1].decided) == (
        datetime.date(2026, 6, 1),
        50,
    )


def test_a_month_without_data_shows_a_dash_not_a_zero_bar():
    from core.charts import bar_chart

    empty, full = bar_chart("Behandlingstid", [("okt", None), ("nov", 10)], unit=" d").bars
    assert (empty.display, empty.width, full.display) == ("–", 0, "10 d")


def test_a_bar_over_its_limit_is_flagged_and_shows_the_limit():
    from core.charts import bar_chart

    within, over = bar_chart("Belastning", [("Kari", 3), ("Ola", 6)], limits=[5, 5]).bars
    assert (within.display, within.over) == ("3 / 5", False)
    assert (over.display, over.over, over.limit_x) == ("6 / 5 !", True, within.limit_x)


class TestMonthBoundaries:
    """A decision sent on the last evening of a month counts in that month, in Oversikt and
    in the decision list alike: 30 November 23:30 in Oslo is 22:30 UTC."""

    @pytest.fixture
    def sent_last_evening_of_november(self, db):
        last_evening = datetime.datetime(2026, 11, 30, 22, 30, tzinfo=datetime.UTC)
        with time_machine.travel(last_evening, tick=False):
            case = CaseFactory(received_on=datetime.date(2026, 11, 2), status=Case.Status.DECIDED)
            return DecisionFactory(case=case, sent=True, sent_on=timezone.localdate())

    @pytest.mark.today("2026-12-01")
    def test_oversikt_counts_it_in_november_and_not_in_december(
        self, caseworker_client, sent_last_evening_of_november
    ):
        response = caseworker_client.get(reverse("followup:overview"))
        *_, november, december = response.context["processing"]
        assert (november.month, november.decided, november.median_days) == (
            datetime.date(2026, 11, 1),
            1,
            28,
        )
        assert december.decided == 0

    @pytest.mark.today("2026-12-01")
    def test_the_decision_list_for_november_holds_it(
        self, caseworker_client, sent_last_evening_of_november
    ):
        november = caseworker_client.get(reverse("decisions:list"), {"sendt": "2026-11"})
        december = caseworker_client.get(reverse("decisions:list"), {"sendt": "2026-12"})
        assert [d.pk for d in november.context["page"].items] == [sent_last_evening_of_november.pk]
        assert list(december.context["page"].items) == []

    @pytest.mark.today("2026-12-01")
    def test_oversikt_links_each_month_to_the_same_decisions_in_the_list(
        self, caseworker_client, sent_last_evening_of_november
    ):
        content = caseworker_client.get(reverse("followup:overview")).content.decode()
        assert f'href="{reverse("decisions:list")}?sendt=2026-11"' in content

    def test_month_names_come_from_the_norwegian_locale(self):
        from followup.overview_figures import month_label

        assert month_label(datetime.date(2026, 11, 1)) == "november 2026"


def test_a_chart_shows_a_decimal_comma():
    from core.charts import bar_chart

    (bar,) = bar_chart("Behandlingstid", [("nov", 20.5)], unit=" d").bars
    assert bar.display == "20,5 d"


def test_coordinators_appointed_now_are_counted_apart_from_the_register(caseworker_client):
    AppointmentFactory()  # appointed now
    AppointmentFactory(ended_on=timezone.localdate())  # no longer
    extra = dict(caseworker_client.get(reverse("followup:overview")).context["extra"])
    assert extra["Koordinatorer med minst én oppnevning nå"] == 1
    assert extra["Koordinatorer i registeret (aktive)"] == 2


def test_without_a_replica_oversikt_reads_from_the_primary(caseworker_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _decided(10)
    with CaptureQueriesContext(connection) as captured:
        caseworker_client.get(reverse("followup:overview"))
    assert [q for q in captured.captured_queries if '"cases_case"' in q["sql"]]
