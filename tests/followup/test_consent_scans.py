import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command

from followup.models import Reminder
from followup.scans import consent_waits, run_all
from tests.factories import CaseFactory
from tests.queries import assert_constant_queries

TODAY = datetime.date(2026, 11, 23)

pytestmark = [pytest.mark.today(TODAY)]
WAIT = 14


@pytest.fixture(autouse=True)
def _wait(settings):
    settings.KE_CONSENT_WAIT_DAYS = WAIT


def waiting(days: int):
    return CaseFactory(awaiting_consent=True, received_on=TODAY - datetime.timedelta(days=days))


def test_a_case_waiting_exactly_the_limit_is_due_today(db):
    case = waiting(WAIT)
    assert consent_waits(TODAY) == 1
    assert Reminder.objects.get().recipient == case.caseworker


def test_a_case_waiting_one_day_less_is_not_due_yet(db):
    waiting(WAIT - 1)
    assert consent_waits(TODAY) == 0


def test_a_case_already_reminded_is_not_reminded_again(db):
    waiting(WAIT + 3)
    consent_waits(TODAY)
    assert consent_waits(TODAY) == 0
    assert consent_waits(TODAY + datetime.timedelta(days=1)) == 0


def test_running_every_scan_twice_sends_nothing_twice(db, django_capture_on_commit_callbacks):
    waiting(WAIT + 1)
    with django_capture_on_commit_callbacks(execute=True):
        run_all(today=TODAY)
    with django_capture_on_commit_callbacks(execute=True):
        run_all(today=TODAY)
    assert len(mail.outbox) == 1


def test_the_reminder_email_carries_a_link_and_no_personal_data(
    db, django_capture_on_commit_callbacks
):
    case = waiting(WAIT)
    with django_capture_on_commit_callbacks(execute=True):
        consent_waits(TODAY)
    body = mail.outbox[0].body
    assert f"/saker/{case.pk}/samtykke/" in body
    assert case.person.family_name not in body
    assert case.number not in body


def test_a_dry_run_counts_but_records_nothing(db):
    waiting(WAIT + 5)
    assert consent_waits(TODAY, dry_run=True) == 1
    assert Reminder.objects.count() == 0


def test_a_closed_or_assessed_case_is_never_due(db):
    CaseFactory(received_on=TODAY - datetime.timedelta(days=60))
    CaseFactory(closed=True, received_on=TODAY - datetime.timedelta(days=60))
    assert consent_waits(TODAY) == 0


def test_the_scan_runs_a_constant_number_of_queries_whatever_is_not_due(db):
    waiting(WAIT)
    # the due rows, the reminders already recorded for them, and per new reminder a
    # savepoint, insert and release (3)
    one, many = assert_constant_queries(
        lambda: consent_waits(TODAY),
        lambda k: [waiting(1) for _ in range(k)],
        n=40,
        at_most=5,
        undo=True,
    )
    assert one == many == 1  # the one reminder recorded, with 1 or 40 cases not yet due


def test_the_command_runs_every_scan(db):
    waiting(WAIT)
    out = io.StringIO()
    call_command("run_scans", "--dry-run", stdout=out)
    assert "consent_waits: 1 forfalt" in out.getvalue()


def test_a_user_sees_their_open_reminders_on_their_start_page(client, db):
    case = waiting(WAIT + 2)
    consent_waits(TODAY)
    client.force_login(case.caseworker)
    content = client.get("/saker/mine/").content.decode()
    assert f"Sak {case.number} har ventet på samtykke" in content


def test_a_user_can_close_their_own_reminder_but_not_anothers(client, db):
    case = waiting(WAIT + 2)
    consent_waits(TODAY)
    reminder = Reminder.objects.get()
    other = CaseFactory().caseworker
    client.force_login(other)
    assert client.post(f"/saker/paminnelser/{reminder.pk}/lukk/").status_code == 404
    reminder.refresh_from_db()
    assert reminder.done_at is None
    client.force_login(case.caseworker)
    client.post(f"/saker/paminnelser/{reminder.pk}/lukk/")
    reminder.refresh_from_db()
    assert reminder.done_at is not None


def test_every_scheduled_scan_is_a_known_scan(settings):
    from followup.scans import SCANS

    scheduled = [e["args"][0] for e in settings.CELERY_BEAT_SCHEDULE.values() if e.get("args")]
    assert scheduled and set(scheduled) <= set(SCANS)


def test_an_unknown_scan_is_refused(db):
    from followup.scans import run_one

    with pytest.raises(ValueError):
        run_one("followup.scans:nothing")
