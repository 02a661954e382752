"""The benchmark's own commands, at a tiny size: the fill makes a coherent decade, and
the bench answers every page it times with 200."""

import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from cases.models import AccessLog, Case, Person
from decisions.models import Decision, Letter
from plans.models import Plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled():
    call_command(
        "bench_fill", cases=60, coordinators=12, caseworkers=3, log_per_case=2, stdout=io.StringIO()
    )


def test_the_fill_writes_cases_people_and_their_reads(filled):
    assert Case.objects.count() == 60
    assert Person.objects.count() == int(60 * 0.82)
    assert AccessLog.objects.count() == 120


def test_every_sent_decision_has_its_letter(filled):
    sent = Decision.objects.filter(status__in=Decision.SENT_STATUSES)
    assert sent.exists()
    assert Letter.objects.filter(decision__in=sent).count() == sent.count()


def test_a_person_has_at_most_one_open_case_and_one_open_plan(filled):
    open_cases = Case.objects.exclude(status=Case.Status.CLOSED)
    assert open_cases.values("person").distinct().count() == open_cases.count()
    open_plans = Plan.objects.exclude(status=Plan.Status.CLOSED)
    assert open_plans.values("person").distinct().count() == open_plans.count()


def test_a_plans_goals_and_meetings_are_dated_when_they_happened_not_at_the_fill(filled):
    from django.db.models import F

    from plans.models import Goal, Meeting

    assert Goal.objects.exists() and Meeting.objects.exists()
    assert not Goal.objects.exclude(created_at=F("plan__created_at")).exists()
    assert not Meeting.objects.exclude(created_at__date=F("held_on")).exists()


def test_each_open_plan_is_dated_by_its_last_activity(filled):
    from plans.activity import last_active_repair

    open_plans = Plan.objects.exclude(status=Plan.Status.CLOSED)
    assert open_plans.exists()
    assert not open_plans.filter(last_active_on__isnull=True).exists()
    assert last_active_repair(dry_run=True) == 0


def test_each_sent_decision_keeps_its_processing_time(filled):
    from decisions.scans import processing_days

    assert Decision.objects.filter(processing_days__isnull=False).exists()
    assert processing_days(timezone.localdate(), dry_run=True) == 0


def test_the_fill_refuses_a_database_with_cases(filled):
    with pytest.raises(CommandError):
        call_command("bench_fill", cases=5, stdout=io.StringIO())


def test_the_bench_answers_each_page_it_times(filled, settings):
    out = io.StringIO()
    call_command("bench", requests=1, pdf_rounds=0, stdout=out, stderr=io.StringIO())
    lines = out.getvalue().splitlines()
    # The day's CPU comes first, so tables of other days compare.
    assert re.fullmatch(r"CPU reference: \d+ ms \(docs/benchmarks.md\)", lines[0])
    rows = [line for line in lines if line.startswith("| ")][1:]
    assert len(rows) > 30
    refused = [r for r in rows if "(HTTP" in r and not r.startswith("| Start page")]
    assert [r for r in refused if "Coordinator: start page" not in r] == []


def test_the_bench_times_the_letter_and_the_plan_pdf_against_bare_weasyprint(filled):
    out = io.StringIO()
    call_command("bench", only="pdf", pdf_rounds=1, stdout=out, stderr=io.StringIO())
    rows = [line for line in out.getvalue().splitlines() if line.startswith("| ")]
    names = [row.split("|")[1].strip() for row in rows if row.endswith("× |")]
    assert names == ["Vedtaksbrev (PDF/A)", "Individuell plan (PDF/UA)"]
