"""The day a letter reached its recipient, and the complaint deadline that runs from it.

The deadline runs per letter (pbrl. § 7-5: four weeks from the day the party received the
decision). Each decision the letter covers keeps, for the scans and reports, the latest
deadline of its letters: it is final only when no party can still complain.

`letter_record_received` is the one function that records the day a letter was actually
received: the caseworker's form, and SvarUt's receipts (`dispatch_record_status`, from the
`dispatch_receipts` scan) as `reported=True`. The caseworker's day wins over a receipt.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q, Subquery
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from cases import legal
from cases.models import TimelineEntry
from cases.services import timeline_add
from core.errors import RuleViolation
from core.history import save_with_history
from core.lookups import AnyOf
from decisions import deadlines
from decisions.models import Decision, Dispatch, DispatchEvent, Letter

S = Decision.Status
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


def _refresh_decisions(letter: Letter, *, by) -> list[Decision]:
    """Give each still-open decision in the letter its letters' latest received day and
    deadline; a final or appealed decision keeps the deadline it was judged by."""
    refreshed = []
    covered = list(letter.decisions.select_for_update()) or [letter.decision]
    for decision in covered:
        if decision.status != S.SENT:
            continue
        own = Letter.objects.filter(covering_decisions_q(decision), kind=Letter.Kind.DECISION)
        dated = [x for x in own if x.complaint_deadline is not None]
        if not dated:
            continue
        decision.received_on = max(x.received_on for x in dated)
        decision.assumed_received_on = max(x.assumed_received_on or x.received_on for x in dated)
        decision.received_on_confirmed = all(x.received_on_confirmed for x in dated)
        decision.complaint_deadline = max(x.complaint_deadline for x in dated)
        save_with_history(
            decision,
            by=by,
            update_fields=[
                "received_on",
                "assumed_received_on",
                "received_on_confirmed",
                "complaint_deadline",
                "updated_at",
            ],
        )
        refreshed.append(decision)
    return refreshed


def covering_decisions_q(decision: Decision):
    """The letters that carry `decision`: those sent from it, and those that list it.

    Not Q(decisions=decision): that joins the list and ORs across the join, which no
    index serves (a scan of every letter, and DISTINCT). Here the two are a BitmapOr of
    the letter's decision index and its primary key."""
    listing = Letter.decisions.through.objects.filter(decision=decision).values("letter_id")
    return Q(decision=decision) | Q(AnyOf("pk", Subquery(listing)))


def _check_day(received_on: datetime.date, sent_on: datetime.date | None) -> None:
    if sent_on is not None and received_on < sent_on:
        raise RuleViolation("Mottaksdatoen kan ikke være før vedtaket ble sendt.")
    if received_on > timezone.localdate():
        raise RuleViolation("Mottaksdatoen kan ikke være fram i tid.")


def decision_record_received(*, decision: Decision, received_on: datetime.date, by) -> Decision:
    """A sent decision with no stored letter (hand-made rows): its own day and deadline."""
    _check_day(received_on, decision.sent_on)
    decision.received_on = received_on
    decision.received_on_confirmed = True
    decision.complaint_deadline = deadlines.complaint_deadline(received_on)
    save_with_history(
        decision,
        by=by,
        update_fields=["received_on", "received_on_confirmed", "complaint_deadline", "updated_at"],
    )
    timeline_add(
        case=decision.case,
        kind=TimelineEntry.Kind.SYSTEM,
        text=f"Vedtaket ble mottatt {received_on:%d.%m.%Y}. "
        f"Klagefristen er {decision.complaint_deadline:%d.%m.%Y}.",
        by=by,
    )
    return decision


def _lock(letter: Letter) -> Letter:
    # Read the stored row under a lock: a receipt and the caseworker may arrive together.
    return (
        Letter.objects.select_for_update()
        .select_related("decision", "decision__case")
        .get(pk=letter.pk)
    )


@transaction.atomic
def letter_record_received(
    *, letter: Letter, received_on: datetime.date, by=None, reported: bool = False
) -> Letter:
    """Record the day the recipient actually received `letter`, and count its complaint
    deadline (and its decisions', each taking its letters' latest) from that day.

    The caseworker's form (reported=False) raises RuleViolation, changing nothing, for a
    day before the letter was sent or in the future, or when none of its decisions is
    still open for complaint; the day is then confirmed. A delivery receipt (reported=True,
    SvarUt) never raises: it leaves a confirmed day alone, counts no earlier than the day
    the letter was sent, and moves no decision already final or appealed.
    """
    locked = _lock(letter)
    if reported:
        return _receipt_reported(locked, received_on, by=by)
    if locked.kind != Letter.Kind.DECISION:
        raise RuleViolation("Bare et vedtaksbrev har klagefrist.")
    covered = list(locked.decisions.all()) or [locked.decision]
    if not any(d.status == S.SENT for d in covered):
        raise RuleViolation(
            "Mottaksdatoen kan bare endres på et sendt vedtak som ikke er endelig eller påklaget."
        )
    _check_day(received_on, locked.sent_on or locked.decision.sent_on)
    locked.received_on = received_on
    locked.received_on_confirmed = True
    locked.complaint_deadline = deadlines.complaint_deadline(received_on)
    locked.save(update_fields=["received_on", "received_on_confirmed", "complaint_deadline"])
    _refresh_decisions(locked, by=by)
    _note_received(locked, by=by)
    return locked


def _receipt_reported(locked: Letter, received_on: datetime.date, *, by) -> Letter:
    if locked.received_on_confirmed:
        return locked
    sent_on = locked.sent_on or locked.decision.sent_on
    if sent_on is not None and received_on < sent_on:
        received_on = sent_on
    if received_on == locked.received_on:
        return locked
    locked.received_on = received_on
    if locked.kind != Letter.Kind.DECISION:
        locked.save(update_fields=["received_on"])
        return locked
    locked.complaint_deadline = deadlines.complaint_deadline(received_on)
    locked.save(update_fields=["received_on", "complaint_deadline"])
    if _refresh_decisions(locked, by=by):
        _note_received(locked, by=by)
    return locked


def _note_received(letter: Letter, *, by) -> None:
    timeline_add(
        case=letter.decision.case,
        kind=TimelineEntry.Kind.SYSTEM,
        text=f"Brevet til {letter.recipient_name} ble mottatt {letter.received_on:%d.%m.%Y}. "
        f"Klagefristen er {letter.complaint_deadline:%d.%m.%Y} ({legal.citation('complaint')}).",
        by=by,
    )


def letter_assume_received(*, letter: Letter, assumed_on: datetime.date, by=None) -> bool:
    """A later assumed day of receipt (the letter was posted after it was sent): the
    recipient gets the extra days. True if the deadline moved; an actual day, once known,
    is never replaced by an assumed one."""
    locked = _lock(letter)
    later = locked.assumed_received_on is None or assumed_on > locked.assumed_received_on
    if locked.received_on_confirmed or not later:
        return False
    locked.assumed_received_on = locked.received_on = assumed_on
    locked.complaint_deadline = deadlines.complaint_deadline(assumed_on)
    locked.save(update_fields=["assumed_received_on", "received_on", "complaint_deadline"])
    _refresh_decisions(locked, by=by)
    return True


# --- SvarUt's receipts --------------------------------------------------------------------


def _local_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


@transaction.atomic
def dispatch_record_status(*, dispatch_id: int, svarut_status: str, changed_at: str) -> bool:
    """Record one status SvarUt reported; True if it was new. The letter's received day
    follows from every event recorded so far (deadlines.received_on_from_deliveries), through
    letter_record_received: its own deadline, and its decisions' latest."""
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
        letter_record_received(letter=dispatch.letter, received_on=received, reported=True)
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
