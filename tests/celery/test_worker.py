import datetime

import pytest

from followup.models import Reminder
from followup.tasks import reminders_email_task
from tests.celery.conftest import wait_for
from tests.factories import UserFactory

pytestmark = pytest.mark.celery


def test_a_real_worker_runs_a_queued_task_to_completion(worker):
    user = UserFactory(email="saksbehandler@kommune.example")
    reminder = Reminder.objects.create(
        kind=Reminder.Kind.CONSENT_WAITING,
        object_type="case",
        object_id="1",
        due_on=datetime.date(2026, 11, 23),
        recipient=user,
        text="Påminnelse",
        link="/saker/1/",
    )
    reminders_email_task.delay([reminder.pk])
    assert wait_for(
        lambda: Reminder.objects.filter(pk=reminder.pk, emailed_at__isnull=False).exists()
    ), worker.log_path.read_text()[-2000:]
    assert len(list(worker.mail_dir.iterdir())) == 1
