"""Sending a decision: the letters, their dispatches through SvarUt (or the local outbox,
or the municipality's own print batch), and the day the party received the letter.

The request only checks the letter and queues it: the PDFs are rendered and sent by the
dispatch task (decisions.dispatching). Each service either does all of its work or raises
RuleViolation (a Norwegian message for the caseworker) and changes nothing.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cases.models import Case, TimelineEntry
from cases.services import case_transition, timeline_add
from core.errors import RuleViolation
from core.history import save_with_history
from decisions import approval, deadlines, letters, receipts, selectors, writes
from decisions.dispatching import LETTER_TEMPLATE
from decisions.models import Decision, Dispatch, Letter

__all__ = ["LETTER_TEMPLATE", "SendResult", "decision_send"]

S = Decision.Status

CHANNELS = ("svarut", "outbox", "post")


@dataclass
class SendResult:
    decision: Decision
    notices: list[str] = field(default_factory=list)


def letter_channel() -> str:
    """SvarUt where it is configured; the local outbox in development; the municipality's
    own print batch where it has no SvarUt account (KE_LETTER_CHANNEL=post)."""
    return settings.KE_LETTER_CHANNEL


def _plan_dispatches(case: Case, channel: str) -> tuple[list[selectors.Recipient], list[str]]:
    """The recipients, and notices for the caseworker; RuleViolation if one cannot be sent."""
    notices, problems = [], []
    found = selectors.recipients(case)
    if not found:
        raise RuleViolation(
            "Vedtaket har ingen mottaker. Registrer foreldre med foreldreansvar eller verge "
            "under «Person og familie» før vedtaket sendes."
        )
    for recipient in found:
        if recipient.protected:
            if channel == Dispatch.Channel.POST:
                problems.append(
                    f"{recipient.name} har skjermet adresse. Brevet kan bare sendes gjennom "
                    "KS SvarUt, ikke i egen utskrift."
                )
            elif not recipient.national_id:
                problems.append(
                    f"{recipient.name} har skjermet adresse og må ha fødselsnummer eller "
                    "D-nummer registrert, så SvarUt kan finne fram."
                )
            continue
        if channel == Dispatch.Channel.POST:
            if not recipient.postal_lines:
                problems.append(
                    f"{recipient.name} har ingen postadresse. Registrer en før vedtaket sendes."
                )
            else:
                notices.append(f"Brevet til {recipient.name} er lagt i utskriftsbunken.")
        elif not recipient.national_id and not recipient.postal_lines:
            problems.append(
                f"{recipient.name} har verken fødselsnummer eller postadresse. "
                "Registrer en av dem før vedtaket sendes."
            )
    if problems:
        raise RuleViolation(problems)
    return found, notices


@transaction.atomic
def decision_send(*, decision: Decision, by) -> SendResult:
    """Render and store the letter, start the deadline, and queue the dispatch after commit."""
    locked = writes.lock_decision(decision)
    if locked.is_sent:
        raise RuleViolation("Vedtaket er allerede sendt. Det sendes ikke på nytt.")
    problems = approval.send_refusals(
        approval.ApprovalFacts.of(locked, approval_required=settings.KE_DECISION_APPROVAL_REQUIRED)
    )
    if problems:
        raise RuleViolation(problems)
    if not locked.case.is_open:
        raise RuleViolation("Saken er avsluttet; vedtaket kan ikke sendes.")
    writes.check_text(locked.reasons, "Et vedtak må ha en begrunnelse (fvl. §§ 24 og 25).")
    channel = letter_channel()
    planned, notices = _plan_dispatches(locked.case, channel)
    today = timezone.localdate()
    for recipient in planned:
        content = selectors.decision_letter(locked, recipient=recipient, letter_date=today)
        missing = letters.missing_parts(content)
        if missing:
            raise RuleViolation(f"Brevet mangler: {', '.join(missing)}. Det kan ikke sendes.")

    dispatches = []
    for recipient in planned:
        # The PDF is rendered by the dispatch task (or, for the print batch, right after
        # commit), not here: a request does not wait seconds for WeasyPrint.
        letter = Letter.objects.create(
            kind=Letter.Kind.DECISION,
            decision=locked,
            recipient_key=recipient.key,
            recipient_name=recipient.name,
            recipient_address="\n".join(recipient.postal_lines),
            created_by=by,
        )
        address = letter.recipient_address if channel == Dispatch.Channel.POST else ""
        dispatches.append(Dispatch.objects.create(letter=letter, channel=channel, address=address))

    locked.status = S.SENT
    locked.sent_on = today
    # Until SvarUt says how and when it delivered, assume the post (in the parties' favour:
    # it may print the letter); its receipts then move the date (receipts.py).
    locked.assumed_received_on = deadlines.assumed_received_on(
        today, channel=deadlines.CHANNEL_POST, post_days=settings.KE_POST_DAYS
    )
    locked.received_on = locked.assumed_received_on
    locked.complaint_deadline = deadlines.complaint_deadline(locked.received_on)
    locked.decided_by = locked.decided_by or by
    save_with_history(
        locked,
        by=by,
        update_fields=[
            "status",
            "sent_on",
            "assumed_received_on",
            "received_on",
            "complaint_deadline",
            "decided_by",
            "updated_at",
        ],
    )
    case = locked.case
    if case.status == Case.Status.UNDER_ASSESSMENT:
        case_transition(
            case=case, to=Case.Status.DECIDED, by=by, reason="Vedtak er sendt.", decision_sent=True
        )
    sent_to = ", ".join(
        f"{d.letter.recipient_name} ({d.get_channel_display().lower()})" for d in dispatches
    )
    timeline_add(
        case=case,
        kind=TimelineEntry.Kind.LETTER,
        text=f"Vedtak om {writes.service_label(locked)} ({locked.get_outcome_display().lower()}) "
        f"sendt til {sent_to}. Klagefrist {locked.complaint_deadline:%d.%m.%Y}.",
        by=by,
    )
    for dispatch in dispatches:
        _enqueue(dispatch.pk)
    return SendResult(decision=locked, notices=notices)


def _enqueue(dispatch_id: int) -> None:
    from decisions.tasks import dispatch_send_task

    def dispatch_send():
        dispatch_send_task.delay(dispatch_id)

    # After commit, so the worker finds the row; robust, so a failing broker or an eager
    # run that fails never turns a committed send into an error page.
    transaction.on_commit(dispatch_send, robust=True)


@transaction.atomic
def dispatch_retry(*, dispatch: Dispatch, by) -> Dispatch:
    """Queue a failed dispatch again. The task looks up its external reference first, so a
    letter SvarUt did get after all is not sent twice."""
    locked = Dispatch.objects.select_for_update().get(pk=dispatch.pk)
    if locked.status != Dispatch.Status.FAILED:
        raise RuleViolation("Bare en forsendelse som har feilet, kan prøves på nytt.")
    locked.status, locked.attempts, locked.last_error = Dispatch.Status.QUEUED, 0, ""
    locked.save(update_fields=["status", "attempts", "last_error"])
    _enqueue(locked.pk)
    return locked


@transaction.atomic
def dispatch_to_post(*, dispatch: Dispatch, by) -> Dispatch:
    """Put a letter SvarUt could not get out into our own print batch instead."""
    locked = Dispatch.objects.select_for_update().select_related("letter").get(pk=dispatch.pk)
    if not locked.needs_attention or locked.channel == Dispatch.Channel.POST:
        raise RuleViolation(
            "Bare et brev som ikke kom fram gjennom SvarUt, kan sendes i posten i stedet."
        )
    letter = locked.letter
    recipient = selectors.recipient_of(letter)
    if recipient is not None and recipient.protected:
        raise RuleViolation(
            f"{letter.recipient_name} har skjermet adresse. Brevet kan bare sendes gjennom "
            "KS SvarUt. Kontakt SvarUt-forvaltningen i kommunen."
        )
    if not letter.recipient_address.strip():
        raise RuleViolation(
            f"{letter.recipient_name} har ingen postadresse. Registrer en og prøv igjen."
        )
    if letter.dispatches.filter(channel=Dispatch.Channel.POST).exists():
        raise RuleViolation("Brevet ligger allerede i utskriftsbunken.")
    return Dispatch.objects.create(
        letter=letter, channel=Dispatch.Channel.POST, address=letter.recipient_address
    )


@transaction.atomic
def print_batch_mark_posted(*, dispatch_ids: list[int], by) -> int:
    """Mark printed letters as posted; each is received the post days after posting."""
    today = timezone.localdate()
    batch = list(
        Dispatch.objects.select_for_update()
        .select_related("letter__decision")
        .filter(pk__in=dispatch_ids, channel=Dispatch.Channel.POST, status=Dispatch.Status.QUEUED)
        .exclude(letter__file="")
    )
    if not batch:
        raise RuleViolation("Ingen brev i utskriftsbunken er valgt.")
    arrives = deadlines.assumed_received_on(
        today, channel=deadlines.CHANNEL_POST, post_days=settings.KE_POST_DAYS
    )
    for dispatch in batch:
        dispatch.status, dispatch.sent_at = Dispatch.Status.SENT, timezone.now()
        dispatch.save(update_fields=["status", "sent_at"])
        receipts.record_letter_received(dispatch.letter, arrives, by=by)
        timeline_add(
            case=dispatch.letter.decision.case,
            kind=TimelineEntry.Kind.LETTER,
            text=f"Brev til {dispatch.letter.recipient_name} er sendt i posten.",
            by=by,
        )
    return len(batch)


@transaction.atomic
def decision_set_received(*, decision: Decision, by, received_on: datetime.date) -> Decision:
    locked = writes.lock_decision(decision)
    if locked.status != S.SENT:
        raise RuleViolation(
            "Mottaksdatoen kan bare endres på et sendt vedtak som ikke er endelig eller påklaget."
        )
    if locked.sent_on is not None and received_on < locked.sent_on:
        raise RuleViolation("Mottaksdatoen kan ikke være før vedtaket ble sendt.")
    writes.check_not_future(received_on, "Mottaksdatoen")
    locked.received_on = received_on
    locked.received_on_confirmed = True
    locked.complaint_deadline = deadlines.complaint_deadline(received_on)
    save_with_history(
        locked,
        by=by,
        update_fields=["received_on", "received_on_confirmed", "complaint_deadline", "updated_at"],
    )
    timeline_add(
        case=locked.case,
        kind=TimelineEntry.Kind.SYSTEM,
        text=f"Vedtaket ble mottatt {received_on:%d.%m.%Y}. "
        f"Klagefristen er {locked.complaint_deadline:%d.%m.%Y}.",
        by=by,
    )
    return locked
