"""Daily scans at a city's size: reminders recorded in one insert a batch, a batch's
emails over one connection."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from followup import tasks
from followup.models import Reminder
from followup.reminders import Due, reminders_record
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _dues(user, n):
    return [
        Due(
            kind=Reminder.Kind.CONSENT_WAITING,
            object_type="case",
            object_id=i,
            due_on=datetime.date(2026, 12, 1),
            recipient_id=user.pk,
            text="Sak venter på samtykke.",
            link=f"/saker/{i}/samtykke/",
        )
        for i in range(1, n + 1)
    ]


def test_a_batch_is_recorded_in_the_same_queries_for_3_as_for_90(
    django_capture_on_commit_callbacks,
):
    user = UserFactory()
    counts = []
    # 90: what one INSERT holds within SQLite's limit on parameters (PostgreSQL: 500).
    for n, start in ((3, 0), (90, 1000)):
        dues = [
            d.__class__(**{**d.__dict__, "object_id": d.object_id + start}) for d in _dues(user, n)
        ]
        with CaptureQueriesContext(connection) as captured:
            ids = reminders_record(dues)
        counts.append(len(captured.captured_queries))
        assert len(ids) == n
    assert counts[0] == counts[1] <= 3


def test_an_item_recorded_before_is_not_recorded_again():
    user = UserFactory()
    reminders_record(_dues(user, 2))
    assert reminders_record(_dues(user, 3)) != []
    assert Reminder.objects.count() == 3


def test_a_batch_of_emails_goes_over_one_connection(monkeypatch):
    user = UserFactory(email="sara@kommune.example")
    ids = reminders_record(_dues(user, 3))
    opened = []
    real = tasks.get_connection

    def counting(*args, **kwargs):
        opened.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(tasks, "get_connection", counting)
    assert tasks.reminders_email_task.apply(args=[ids]).get() == 3
    assert len(mail.outbox) == 3
    assert len(opened) == 1
