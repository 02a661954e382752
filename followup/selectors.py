from django.db.models import BigIntegerField, OuterRef, Subquery, When
from django.db.models import Case as CaseWhen
from django.db.models.functions import Cast

from cases.models import Case
from cases.scoping import case_visible
from decisions import due as decisions_due
from decisions.models import Dispatch
from followup.models import Reminder
from plans.models import ActionPoint, Plan

# Where a reminder's object leads to the person it is about. Completions (training
# expiry) are about a coordinator, not a person in the register.
PERSON_OF = {
    "case": (Case, "person_id"),
    "plan": (Plan, "person_id"),
    "actionpoint": (ActionPoint, "meeting__plan__person_id"),
    "dispatch": (Dispatch, "letter__decision__case__person_id"),
}


def _person_of_item():
    """The person a reminder's item is about, as a column: None for a coordinator's."""
    object_pk = Cast(OuterRef("object_id"), BigIntegerField())
    return CaseWhen(
        *(
            When(
                object_type=object_type,
                then=Subquery(model.objects.filter(pk=object_pk).order_by().values(path)[:1]),
            )
            for object_type, (model, path) in PERSON_OF.items()
        ),
        default=None,
        output_field=BigIntegerField(),
    )


def open_reminders(user, limit: int = 20):
    """The user's open reminders, each with `person_id` for the access log."""
    return (
        Reminder.objects.filter(recipient=user, done_at__isnull=True)
        .annotate(person_id=_person_of_item())
        .order_by("due_on", "id")[:limit]
    )


def open_reminder_count(user) -> int:
    """How many open reminders the user has, for the count in the menu (one indexed query:
    `reminder_open_by_recipient`)."""
    return Reminder.objects.filter(recipient=user, done_at__isnull=True).count()


def failed_letters(user):
    """Letters in the user's own cases that did not get through, for the start page."""
    return decisions_due.dispatches_failed(
        Dispatch.objects.filter(
            case_visible(user, "letter__decision__case__"),
            letter__decision__case__caseworker=user,
        )
    ).select_related("letter__decision__case")
