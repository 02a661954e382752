"""Sending a decision: the letters, their dispatches through KS Fiks SvarUt (or the local
outbox, or the municipality's own print batch, decisions.print_batch), and the day the
party received the letter.

The request checks the letters and queues them: the decision letters' PDFs are rendered
and sent by the dispatch task (decisions.dispatching). Each service either does all of its
work or raises RuleViolation (a Norwegian message for the caseworker) and changes nothing.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cases import legal
from cases.models import Case, TimelineEntry
from cases.services import case_transition, timeline_add
from core.errors import RuleViolation
from core.history import save_with_history
from decisions import (
    approval,
    deadlines,
    decided,
    letter_checks,
    letter_content,
    receipts,
    selectors,
    writes,
)
from decisions.dispatching import LETTER_TEMPLATE
from decisions.models import Decision, Dispatch, Letter

__all__ = ["LETTER_TEMPLATE", "SendResult", "decision_send"]

S = Decision.Status


@dataclass
class SendResult:
    decision: Decision
    notices: list[str] = field(default_factory=list)


def _plan_dispatches(case: Case) -> tuple[list[tuple[selectors.Recipient, str]], list[str]]:
    """(recipient, channel) for each recipient, and notices for the caseworker."""
    found = selectors.recipients(case)
    if not found:
        raise RuleViolation(
            "Vedtaket har ingen mottaker. Registrer foreldre med foreldreansvar eller verge "
            "under «Person og familie» før vedtaket sendes."
        )
    return _plan_channels(found)


def letter_channel() -> str:
    """SvarUt where it is configured; the local outbox in development; the municipality's
    own print batch where it has no SvarUt account (KE_LETTER_CHANNEL=post)."""
    return settings.KE_LETTER_CHANNEL


def _plan_channels(found) -> tuple[list[tuple[selectors.Recipient, str]], list[str]]:
    """One channel for every recipient (letter_channel). A protected address goes only
    through SvarUt, by national identity number; our print batch needs a postal address;
    SvarUt needs a national identity (or organisation) number or a postal address."""
    channel = letter_channel()
    planned, notices, problems = [], [], []
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
        elif channel == Dispatch.Channel.POST:
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
        planned.append((recipient, channel))
    if problems:
        raise RuleViolation(problems)
    return planned, notices


def _lock_case_drafts(decision: Decision) -> list[Decision]:
    # Lock every unsent decision of the case, in id order: two caseworkers sending two of
    # them at once would otherwise each lock one and wait for the other.
    return list(
        Decision.objects.select_for_update()
        .filter(case=decision.case_id, status__in=(S.DRAFT, S.AWAITING_APPROVAL))
        .order_by("pk")
    )


@dataclass
class DispatchPlan:
    """How each recipient of a set of letters is reached, as decision letters are."""

    channels: dict[str, str]  # recipient key -> Dispatch.Channel
    notices: list[str]

    def received_on(self, sent_on: datetime.date) -> datetime.date:
        """The day the last of the letters is assumed to arrive (the deadline runs from it)."""
        return _received_on(sent_on, set(self.channels.values()))


def dispatch_plan(recipients) -> DispatchPlan:
    """The channel for each recipient (_plan_channels); a recipient that cannot be reached
    refuses the whole plan (RuleViolation)."""
    planned, notices = _plan_channels(recipients)
    return DispatchPlan({r.key: channel for r, channel in planned}, notices)


def dispatch_queue(*, plan: DispatchPlan, letters: list[Letter]) -> list[Dispatch]:
    """Queue stored letters by the plan, the way decision letters go, in the caller's
    transaction; the dispatch task takes them after commit."""
    dispatches = []
    for letter in letters:
        channel = plan.channels[letter.recipient_key]
        address = letter.recipient_address if channel == Dispatch.Channel.POST else ""
        dispatches.append(Dispatch.objects.create(letter=letter, channel=channel, address=address))
    for dispatch in dispatches:
        _enqueue(dispatch.pk)
    return dispatches


def _received_on(sent_on: datetime.date, channels) -> datetime.date:
    # With several recipients the latest assumed day counts, in the parties' favour.
    return max(
        deadlines.assumed_received_on(sent_on, channel=c, post_days=settings.KE_POST_DAYS)
        for c in channels
    )


@transaction.atomic
def decision_send(*, decision: Decision, by) -> SendResult:
    """Store one letter per recipient, covering this decision and the case's other drafts
    that are ready (letter_content.letter_decisions), start each letter's deadline by its
    channel, and queue the dispatches after commit (the task renders the PDFs)."""
    _lock_case_drafts(decision)
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
    writes.check_text(
        locked.reasons, f"Et vedtak må ha en begrunnelse ({legal.citation('reasons')})."
    )
    together = letter_content.letter_decisions(locked)
    together[0] = locked
    planned, notices = _plan_dispatches(locked.case)
    today = timezone.localdate()
    contents = []
    for recipient, channel in planned:
        content = letter_content.decision_letter(
            locked, recipient=recipient, letter_date=today, together=together, channel=channel
        )
        missing = letter_checks.missing_parts(content)
        if missing:
            raise RuleViolation(f"Brevet mangler: {', '.join(missing)}. Det kan ikke sendes.")
        contents.append((recipient, channel, content))

    dispatches = []
    for recipient, channel, content in contents:
        # The PDF is rendered by the dispatch task (dispatching.letter_render, with the
        # letter's decisions), not here: a request does not wait seconds for WeasyPrint.
        letter = Letter.objects.create(
            kind=Letter.Kind.DECISION,
            decision=locked,
            recipient_key=recipient.key,
            recipient_name=recipient.name,
            recipient_address="\n".join(recipient.postal_lines),
            sent_on=today,
            assumed_received_on=content.assumed_received_on,
            received_on=content.assumed_received_on,
            complaint_deadline=content.complaint_deadline,
            created_by=by,
        )
        letter.decisions.set(together)
        address = letter.recipient_address if channel == Dispatch.Channel.POST else ""
        dispatches.append(Dispatch.objects.create(letter=letter, channel=channel, address=address))

    # Each decision keeps its own row and outcome; its deadline is its letters' latest.
    letters_sent = [content for _r, _c, content in contents]
    case = locked.case
    for member in together:
        # One case for all: its receipt day gives each decision's processing time on save.
        member.case = case
        member.status = S.SENT
        member.sent_on = today
        member.assumed_received_on = max(c.assumed_received_on for c in letters_sent)
        member.received_on = member.assumed_received_on
        member.complaint_deadline = max(c.complaint_deadline for c in letters_sent)
        member.decided_by = member.decided_by or by
        save_with_history(
            member,
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
    decided.case_mark_decided(case=case, services={m.service for m in together})
    if case.status == Case.Status.UNDER_ASSESSMENT:
        case_transition(
            case=case, to=Case.Status.DECIDED, by=by, reason="Vedtak er sendt.", decision_sent=True
        )
    sent_to = ", ".join(
        f"{d.letter.recipient_name} ({d.get_channel_display().lower()})" for d in dispatches
    )
    what = " og ".join(
        f"{writes.service_label(m)} ({m.get_outcome_display().lower()})" for m in together
    )
    timeline_add(
        case=case,
        kind=TimelineEntry.Kind.LETTER,
        text=f"Vedtak om {what} sendt i ett brev til {sent_to}. "
        f"Klagefrist {locked.complaint_deadline:%d.%m.%Y}.",
        by=by,
    )
    if len(together) > 1:
        others = " og ".join(writes.service_label(m) for m in together[1:])
        notices.append(f"Brevet dekker også vedtaket om {others}, som er sendt samtidig.")
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
    post = Dispatch.objects.create(
        letter=letter, channel=Dispatch.Channel.POST, address=letter.recipient_address
    )
    if not letter.file:
        _enqueue(post.pk)  # the task renders it for the print batch
    return post


@transaction.atomic
def decision_set_received(
    *, decision: Decision, by, received_on: datetime.date, letter: Letter | None = None
) -> Decision:
    """The caseworker records the day the decision was received: for one letter, or for
    every letter of the decision (receipts.letter_record_received does the counting)."""
    locked = writes.lock_decision(decision)
    if locked.status != S.SENT:
        raise RuleViolation(
            "Mottaksdatoen kan bare endres på et sendt vedtak som ikke er endelig eller påklaget."
        )
    covering = Letter.objects.filter(
        receipts.covering_decisions_q(locked), kind=Letter.Kind.DECISION
    )
    chosen = [letter] if letter is not None else list(covering)
    if not chosen:
        # Sent before its letters were stored with it (hand-made and demo rows).
        return receipts.decision_record_received(decision=locked, received_on=received_on, by=by)
    for one in chosen:
        receipts.letter_record_received(letter=one, received_on=received_on, by=by)
    locked.refresh_from_db()
    return locked
