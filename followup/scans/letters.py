"""The scan for letters that did not get through: the case's caseworker is reminded.

What is due comes from decisions.due.dispatches_failed, the same selector "Frister" reads.
"""

import datetime

from django.urls import reverse

from decisions import due
from followup.models import Reminder
from followup.reminders import Due, record


def dispatch_failures(today: datetime.date, dry_run: bool = False) -> int:
    """Each failed letter once, to the caseworker of its case, dated the day it failed."""
    failed = (
        due.dispatches_failed()
        .filter(letter__decision__case__caseworker__isnull=False)
        .values_list(
            "pk",
            "queued_at",
            "delivery_changed_at",
            "letter__decision_id",
            "letter__decision__case__number",
            "letter__decision__case__caseworker_id",
        )
    )
    dues = [
        Due(
            kind=Reminder.Kind.DISPATCH_FAILED,
            object_type="dispatch",
            object_id=pk,
            due_on=due.failed_on(queued_at, changed_at),
            recipient_id=caseworker_id,
            text=f"Et brev i sak {number} kom ikke fram. Send det på nytt eller i posten.",
            link=reverse("decisions:detail", args=[decision_id]),
        )
        for pk, queued_at, changed_at, decision_id, number, caseworker_id in failed.iterator(
            chunk_size=500
        )
    ]
    return record(dues, dry_run=dry_run)
