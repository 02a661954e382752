"""What is due in the decisions: cases still owing one, complaint deadlines, and letters that
did not get through.

"Frister" and the daily scans (both in followup) read these selectors, so the list and
the reminders agree.
"""

import datetime

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from cases.models import owes_a_decision
from decisions.models import Complaint, Decision, Dispatch


def cases_awaiting_a_decision(cases: QuerySet) -> QuerySet:
    """Open cases with something asked for that has no sent decision yet.

    A case granted a koordinator but not yet decided on its plan still owes a decision.
    Read from the case's own flags (decisions.decided keeps them), so the selection is a
    scan of the partial index `case_owes_decision`: only the cases that owe one.
    """
    return cases.filter(owes_a_decision())


def complaint_deadlines_due(*, until: datetime.date, decisions: QuerySet | None = None) -> QuerySet:
    """Sent decisions with no complaint whose complaint deadline is on or before `until`."""
    return (
        (decisions if decisions is not None else Decision.objects.all())
        .filter(status=Decision.Status.SENT, complaint_deadline__lte=until)
        # NOT EXISTS rather than a LEFT JOIN: PostgreSQL cannot lock the nullable side of one.
        # A rejected complaint no longer holds the decision open once the rejection's own
        # complaint deadline has passed too.
        .exclude(
            Exists(
                Complaint.objects.filter(decision=OuterRef("pk")).filter(
                    ~Q(status=Complaint.Status.REJECTED) | Q(rejection_complaint_deadline__gt=until)
                )
            )
        )
        .order_by("complaint_deadline", "id")
    )


def decisions_due_final(today: datetime.date) -> QuerySet:
    """Sent decisions with no complaint whose complaint deadline and grace ended before today.

    A complaint posted on the last day may still be in the post: KE_COMPLAINT_GRACE_DAYS.
    """
    grace = datetime.timedelta(days=settings.KE_COMPLAINT_GRACE_DAYS)
    return complaint_deadlines_due(until=today - grace - datetime.timedelta(days=1))


def dispatches_failed(dispatches: QuerySet | None = None) -> QuerySet:
    """Letters that did not get through (our sending gave up, or SvarUt reports them not
    delivered) and that the caseworker has not put in the print batch instead."""
    replaced = Dispatch.objects.filter(letter=OuterRef("letter"), channel=Dispatch.Channel.POST)
    return (
        (dispatches if dispatches is not None else Dispatch.objects.all())
        .filter(Q(status=Dispatch.Status.FAILED) | Q(delivery=Dispatch.Delivery.FAILED))
        .exclude(channel=Dispatch.Channel.POST)
        .exclude(Exists(replaced))
        .order_by("queued_at", "id")
    )


def failed_on(dispatch_queued_at, delivery_changed_at) -> datetime.date:
    """The day a failed letter is listed under: when SvarUt reported it, else when queued."""
    return timezone.localtime(delivery_changed_at or dispatch_queued_at).date()
