"""Recording reminders from the daily scans, and emailing them (a link, never health data)."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction

from cases.models import Reminder


@dataclass(frozen=True)
class Due:
    """One due item for one recipient, as a scan finds it."""

    kind: str
    object_type: str
    object_id: int | str
    due_on: object
    recipient_id: int
    text: str
    link: str


def reminders_record(dues) -> list[Reminder]:
    """Write each due item once; those already recorded are skipped. Returns the new ones."""
    created = []
    for due in dues:
        try:
            with transaction.atomic():
                created.append(
                    Reminder.objects.create(
                        kind=due.kind,
                        object_type=due.object_type,
                        object_id=str(due.object_id),
                        due_on=due.due_on,
                        recipient_id=due.recipient_id,
                        text=due.text[:300],
                        link=due.link,
                    )
                )
        except IntegrityError:
            # Already reminded for this item and date: a doubled or late scan.
            continue
    if created:
        from cases.tasks import reminders_email_task

        ids = [r.pk for r in created]
        transaction.on_commit(lambda: reminders_email_task.delay(ids))
    return created
