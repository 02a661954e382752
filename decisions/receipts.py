"""What SvarUt reports after it accepted a letter, and the day the party received it.

`record_letter_received(letter, on)` is the one way a receipt date reaches the decision
(the receipts scan, the print batch); the caseworker's own date (decision_set_received in
delivery) wins over both. `dispatches_poll` is the scan that asks SvarUt.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from cases.models import TimelineEntry
from cases.services import timeline_add
from core.history import save_with_history
from decisions import deadlines, writes
from decisions.models import Decision, Dispatch, DispatchEvent, Letter

D = Dispatch.Delivery

# SvarUt's statuses (forsendelse-status-api v2/v3) in our words.
SVARUT_STATUSES = {
    "MOTTATT": D.RECEIVED,
    "AKSEPTERT": D.RECEIVED,
    "KLAR_FOR_MOTTAK": D.RECEIVED,
    "VARSLET": D.DIGITAL,
    "SENDT_DIGITALT": D.DIGITAL,
    "SENDT_SDP": D.DIGITAL,
    "LEVERT_SDP": D.DIGITAL,
    "SENDT_NHN": D.DIGITAL,
    "LEST": D.READ,
    "SENDT_PRINT": D.PRINT,
    "PRINTET": D.PRINT,
    "MANUELT_HANDTERT": D.MANUAL,
    "AVVIST": D.FAILED,
    "IKKE_LEVERT": D.FAILED,
    "SLETTET": D.FAILED,
}

# SvarUt keeps a forsendelse three months: after that there is nothing left to ask about.
POLL_FOR = datetime.timedelta(days=90)


@transaction.atomic
def record_letter_received(letter: Letter, on: datetime.date, *, by=None) -> Decision:
    """The letter reached its recipient on `on`: the decision's received date and complaint
    deadline follow. With several parties the latest day counts (in the parties' favour);
    a letter not yet reported counts with the day assumed when it was sent. A date the
    caseworker registered (received_on_confirmed) is left alone, as is a decision already
    final or appealed."""
    Letter.objects.filter(pk=letter.pk).update(received_on=on)
    decision = writes.lock_decision(letter.decision)
    if decision.status != Decision.Status.SENT or decision.received_on_confirmed:
        return decision
    reported = Letter.objects.filter(decision=decision, kind=Letter.Kind.DECISION).values_list(
        "received_on", flat=True
    )
    fallback = decision.assumed_received_on or on
    received = max(day or fallback for day in reported)
    if decision.sent_on and received < decision.sent_on:
        received = decision.sent_on
    if received == decision.received_on:
        return decision
    decision.received_on = received
    decision.complaint_deadline = deadlines.complaint_deadline(received)
    save_with_history(
        decision, by=by, update_fields=["received_on", "complaint_deadline", "updated_at"]
    )
    timeline_add(
        case=decision.case,
        kind=TimelineEntry.Kind.SYSTEM,
        text=f"Brevet om vedtaket ble mottatt {received:%d.%m.%Y}. "
        f"Klagefristen er {decision.complaint_deadline:%d.%m.%Y}.",
        by=by,
    )
    return decision


def _local_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


@transaction.atomic
def dispatch_record_status(*, dispatch_id: int, svarut_status: str, changed_at: str) -> bool:
    """Record one status SvarUt reported; True if it was new. The received date follows
    from every event recorded so far (deadlines.received_on_from_deliveries)."""
    delivery = SVARUT_STATUSES.get(svarut_status)
    happened = parse_datetime(changed_at or "") or timezone.now()
    if timezone.is_naive(happened):
        happened = timezone.make_aware(happened)
    dispatch = Dispatch.objects.select_for_update().select_related("letter").get(pk=dispatch_id)
    if delivery is None or dispatch.delivery == delivery:
        return False
    _event, created = DispatchEvent.objects.get_or_create(
        dispatch=dispatch,
        svarut_status=svarut_status,
        happened_at=happened,
        defaults={"delivery": delivery},
    )
    if not created:
        return False
    dispatch.delivery, dispatch.delivery_changed_at = delivery, happened
    dispatch.save(update_fields=["delivery", "delivery_changed_at"])
    events = [(e.delivery, _local_day(e.happened_at)) for e in dispatch.events.all()]
    received = deadlines.received_on_from_deliveries(events, post_days=settings.KE_POST_DAYS)
    if received is not None and received != dispatch.letter.received_on:
        record_letter_received(dispatch.letter, received)
    if delivery == D.FAILED:
        timeline_add(
            case=dispatch.letter.decision.case,
            kind=TimelineEntry.Kind.LETTER,
            text=f"SvarUt kunne ikke levere brevet til {dispatch.letter.recipient_name}.",
            by=None,
        )
    return True


def awaiting_receipt(now: datetime.datetime):
    """SvarUt dispatches sent in the last three months whose delivery can still change."""
    return (
        Dispatch.objects.filter(
            channel=Dispatch.Channel.SVARUT,
            status=Dispatch.Status.SENT,
            sent_at__gte=now - POLL_FOR,
        )
        .exclude(delivery__in=Dispatch.FINAL_DELIVERIES)
        .exclude(forsendelse_id="")
    )
