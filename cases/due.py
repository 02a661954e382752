"""What is due in the cases themselves: the wait for consent, and the processing time.

"Frister" and the daily consent scan (both in followup) read these selectors, so the list
and the reminders agree.
"""

import datetime

from django.conf import settings
from django.db.models import QuerySet

from cases.models import Case


def consent_wait_ends(received_on: datetime.date) -> datetime.date:
    """The day a case waiting for consent is due a reminder (KE_CONSENT_WAIT_DAYS)."""
    return received_on + datetime.timedelta(days=settings.KE_CONSENT_WAIT_DAYS)


def consent_waits_due(*, until: datetime.date, cases: QuerySet | None = None) -> QuerySet:
    """Cases waiting for consent whose wait ends on or before `until`."""
    received_by = until - datetime.timedelta(days=settings.KE_CONSENT_WAIT_DAYS)
    return (
        (cases if cases is not None else Case.objects.all())
        .filter(status=Case.Status.AWAITING_CONSENT, received_on__lte=received_by)
        .order_by("received_on", "id")
    )


def processing_ends(received_on: datetime.date) -> datetime.date:
    """The day an undecided case is overdue a preliminary reply (fvl. § 11 a)."""
    return received_on + datetime.timedelta(days=settings.KE_CASE_PROCESSING_DAYS)


def processing_days(received_on: datetime.date, decided_on: datetime.date) -> int:
    """The days a case took to a decision: from its receipt to the day a decision was sent
    (Oversikt's processing time)."""
    return (decided_on - received_on).days


def processing_due(*, until: datetime.date, cases: QuerySet) -> QuerySet:
    """Of `cases` (those still owing a decision), the ones whose processing time ends by
    `until`."""
    received_by = until - datetime.timedelta(days=settings.KE_CASE_PROCESSING_DAYS)
    return cases.filter(received_on__lte=received_by).order_by("received_on", "id")
