"""One scan that raises does not stop the daily run: the others still run, and the run
fails afterwards naming it (followup.scans.run_all)."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from followup import scans

TODAY = datetime.date(2026, 11, 23)

pytestmark = [pytest.mark.django_db, pytest.mark.today(TODAY)]


@pytest.fixture
def first_scan_fails(monkeypatch):
    first = next(iter(scans.SCANS))

    def fails(today, dry_run):
        raise RuntimeError("the database refused")

    monkeypatch.setitem(scans.SCANS, first, fails)
    return first


def test_the_scans_after_a_failed_one_still_run(first_scan_fails):
    with pytest.raises(scans.ScansFailed) as failure:
        scans.run_all(today=TODAY)
    assert set(failure.value.results) == set(scans.SCANS) - {first_scan_fails}


def test_the_run_names_the_scan_that_failed(first_scan_fails):
    with pytest.raises(scans.ScansFailed) as failure:
        scans.run_all(today=TODAY)
    assert failure.value.failed == [first_scan_fails]


def test_the_failure_is_logged_with_its_traceback(first_scan_fails, caplog):
    with pytest.raises(scans.ScansFailed):
        scans.run_all(today=TODAY)
    record = next(r for r in caplog.records if r.getMessage() == f"scan {first_scan_fails} failed")
    assert record.exc_info[0] is RuntimeError


def test_the_command_reports_the_others_and_then_fails_in_norwegian(first_scan_fails):
    out = io.StringIO()
    with pytest.raises(CommandError, match=f"Disse skanningene feilet: {first_scan_fails}"):
        call_command("run_scans", "--dry-run", stdout=out)
    last = list(scans.SCANS)[-1]
    assert f"\n{last}: " in out.getvalue()
