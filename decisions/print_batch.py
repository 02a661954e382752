"""Our own print batch: letters printed and posted by the municipality (KE_LETTER_CHANNEL=
post, or a letter SvarUt could not get out). Posted later than it was sent, a letter's
recipient gets the extra days.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cases.models import TimelineEntry
from cases.services import timeline_add
from core.errors import RuleViolation
from core.history import save_with_history
from decisions import deadlines, receipts
from decisions.models import Dispatch, Letter


@transaction.atomic
def print_batch_mark_posted(*, dispatch_ids: list[int], by) -> int:
    """Mark printed letters as posted; the deadline then runs from the posting day."""
    today = timezone.localdate()
    batch = list(
        Dispatch.objects.select_for_update()
        .select_related("letter__decision")
        .filter(pk__in=dispatch_ids, channel=Dispatch.Channel.POST, status=Dispatch.Status.QUEUED)
        .exclude(letter__file="")
    )
    if not batch:
        raise RuleViolation("Ingen brev i utskriftsbunken er valgt.")
    assumed = deadlines.assumed_received_on(
        today, channel=deadlines.CHANNEL_POST, post_days=settings.KE_POST_DAYS
    )
    for dispatch in batch:
        dispatch.status, dispatch.sent_at = Dispatch.Status.SENT, timezone.now()
        dispatch.save(update_fields=["status", "sent_at"])
        if dispatch.letter.kind == Letter.Kind.REJECTION:
            _rejection_posted(dispatch.letter, assumed, by)
        elif dispatch.letter.kind == Letter.Kind.DECISION:
            receipts.letter_assume_received(letter=dispatch.letter, assumed_on=assumed, by=by)
        timeline_add(
            case=dispatch.letter.decision.case,
            kind=TimelineEntry.Kind.LETTER,
            text=f"Brev til {dispatch.letter.recipient_name} er sendt i posten.",
            by=by,
        )
    return len(batch)


def _rejection_posted(letter: Letter, assumed: datetime.date, by) -> None:
    # A rejection is a decision of its own: posted late, its own deadline moves.
    complaint = letter.complaint
    if complaint.rejection_received_on is None or assumed > complaint.rejection_received_on:
        complaint.rejection_received_on = assumed
        complaint.rejection_complaint_deadline = deadlines.complaint_deadline(assumed)
        save_with_history(
            complaint,
            by=by,
            update_fields=["rejection_received_on", "rejection_complaint_deadline"],
        )
