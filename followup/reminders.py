"""Recording reminders from the daily scans, and emailing them (a link, never health data)."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from django.db import transaction
from django.utils import timezone

from followup.models import Reminder


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


def reminders_record(dues) -> list[int]:
    """Write each due item once, in one insert; those already recorded are skipped (the
    unique constraint, ON CONFLICT DO NOTHING). Returns the ids of the new ones.

    A run in parallel may insert some of the same items a moment earlier: they are read
    back with the rest and handed to the email task too, which claims each reminder under
    a row lock and sends it only while it is not yet emailed.
    """
    dues = list(dues)
    if not dues:
        return []
    started = timezone.now()
    Reminder.objects.bulk_create(
        [
            Reminder(
                kind=due.kind,
                object_type=due.object_type,
                object_id=str(due.object_id),
                due_on=due.due_on,
                recipient_id=due.recipient_id,
                text=due.text[:300],
                link=due.link,
            )
            for due in dues
        ],
        ignore_conflicts=True,
    )
    wanted = {(d.kind, d.object_type, str(d.object_id), d.due_on, d.recipient_id) for d in dues}
    rows = Reminder.objects.filter(
        kind__in={d.kind for d in dues},
        object_type__in={d.object_type for d in dues},
        object_id__in={str(d.object_id) for d in dues},
        created_at__gte=started,
        emailed_at__isnull=True,
    ).values_list("pk", "kind", "object_type", "object_id", "due_on", "recipient_id")
    ids = [pk for pk, *key in rows if tuple(key) in wanted]
    if ids:
        from followup.tasks import reminders_email_task

        transaction.on_commit(lambda: reminders_email_task.delay(ids))
    return ids


BATCH = 500


def batches(items: Iterable, size: int = BATCH) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def record(dues: Iterable[Due], *, dry_run: bool = False) -> int:
    """Record the dues not reminded before, a batch at a time; returns how many are new.

    One look-up per batch leaves out what an earlier run recorded, so an item that stays
    overdue for weeks costs one read a day, not a failed insert. `reminders_record` still
    guards against a run in parallel through the unique constraint.
    """
    new = 0
    for batch in batches(dues):
        seen = set(
            Reminder.objects.filter(
                kind__in={d.kind for d in batch},
                object_type__in={d.object_type for d in batch},
                object_id__in={str(d.object_id) for d in batch},
            ).values_list("kind", "object_type", "object_id", "due_on", "recipient_id")
        )
        fresh = []
        for due in batch:
            key = (due.kind, due.object_type, str(due.object_id), due.due_on, due.recipient_id)
            if key not in seen:
                seen.add(key)
                fresh.append(due)
        new += len(fresh) if dry_run else len(reminders_record(fresh))
    return new
