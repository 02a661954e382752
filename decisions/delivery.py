"""Sending a decision: the stored letters, their dispatches by email or post, the print
batch, and the day the party received the letter.

Each service either does all of its work or raises RuleViolation (a Norwegian message
for the caseworker) and changes nothing.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from cases import legal
from cases.models import Case, TimelineEntry
from cases.services import case_transition, timeline_add
from core.errors import RuleViolation
from core.history import save_with_history
from core.pdf import render_to_pdf
from decisions import (
    approval,
    deadlines,
    letter_checks,
    letter_content,
    receipts,
    selectors,
    writes,
)
from decisions.models import Decision, Dispatch, Letter

S = Decision.Status

LETTER_TEMPLATE = "decisions/pdf/decision_letter.html"


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


def _plan_channels(found) -> tuple[list[tuple[selectors.Recipient, str]], list[str]]:
    planned, notices, problems = [], [], []
    for recipient in found:
        if recipient.has_valid_email:
            planned.append((recipient, Dispatch.Channel.EMAIL))
            continue
        if not recipient.postal_lines:
            problems.append(
                f"{recipient.name} har verken gyldig e-postadresse eller postadresse. "
                "Registrer en adresse før vedtaket sendes."
            )
            continue
        if recipient.email:
            notices.append(
                f"E-postadressen til {recipient.name} er ikke gyldig. "
                "Brevet er lagt i utskriftsbunken og må sendes i posten."
            )
        else:
            notices.append(f"Brevet til {recipient.name} er lagt i utskriftsbunken.")
        planned.append((recipient, Dispatch.Channel.POST))
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
    """Email where the recipient has a valid address, otherwise the print batch; a recipient
    that cannot be reached at all refuses the whole plan (RuleViolation)."""
    planned, notices = _plan_channels(recipients)
    return DispatchPlan({r.key: channel for r, channel in planned}, notices)


def dispatch_queue(*, plan: DispatchPlan, letters: list[tuple[Letter, str]]) -> list[Dispatch]:
    """Queue stored letters (each with its recipient's key and email) by the plan, the way
    decision letters go, in the caller's transaction; email is sent after commit."""
    dispatches = []
    for letter, email in letters:
        channel = plan.channels[letter.recipient_key]
        address = email if channel == Dispatch.Channel.EMAIL else letter.recipient_address
        dispatches.append(Dispatch.objects.create(letter=letter, channel=channel, address=address))
    for dispatch in dispatches:
        if dispatch.channel == Dispatch.Channel.EMAIL:
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
    """Render and store one letter per recipient, covering this decision and the case's
    other drafts that are ready (letter_content.letter_decisions), start each letter's
    deadline, and queue the dispatches after commit."""
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
    for number, (recipient, channel, content) in enumerate(contents, start=1):
        _html, pdf = render_to_pdf(LETTER_TEMPLATE, {"letter": content})
        letter = Letter(
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
        writes.store_pdf(letter, pdf, f"vedtak-{locked.pk}-{number}.pdf")
        letter.save()
        letter.decisions.set(together)
        address = recipient.email if channel == Dispatch.Channel.EMAIL else letter.recipient_address
        dispatches.append(Dispatch.objects.create(letter=letter, channel=channel, address=address))

    # Each decision keeps its own row and outcome; its deadline is its letters' latest.
    letters_sent = [content for _r, _c, content in contents]
    for member in together:
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
    case = locked.case
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
        if dispatch.channel == Dispatch.Channel.EMAIL:
            _enqueue(dispatch.pk)
    return SendResult(decision=locked, notices=notices)


def _enqueue(dispatch_id: int) -> None:
    from decisions.tasks import dispatch_send_task

    def dispatch_send():
        dispatch_send_task.delay(dispatch_id)

    # After commit, so the worker finds the row; robust, so a failing broker or an eager
    # run that fails never turns a committed send into an error page.
    transaction.on_commit(dispatch_send, robust=True)


def _email_body() -> str:
    # A notice only: no name, no service, no outcome, nothing about health.
    unit, municipality = settings.KE_UNIT_NAME, settings.MUNICIPALITY_NAME
    return (
        "Hei!\n\n"
        f"Du har fått et brev fra {unit.lower()} i {municipality}. Brevet ligger vedlagt.\n\n"
        f"Har du spørsmål, kan du ringe oss på {settings.KE_PHONE}.\n\n"
        f"Med vennlig hilsen\n{unit}\n{municipality}\n"
    )


def dispatch_message_id(dispatch: Dispatch) -> str:
    """The email's Message-ID: the same for every attempt at one dispatch, so a copy sent
    twice (see dispatch_deliver) is recognisably the same message. Ids and a checksum only."""
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
    return f"<ke-forsendelse-{dispatch.pk}.{dispatch.letter.sha256[:16]}@{domain}>"


def dispatch_deliver(*, dispatch_id: int) -> bool:
    """Send one queued email dispatch. True if sent now; False if there was nothing to do.

    Exactly once, as far as SMTP allows. The row lock is taken before the message is handed
    over and the row is marked sent in that same transaction, so:
    - a second task for the same dispatch (a doubled enqueue, the resend scan, a message the
      broker redelivers) skips the locked row or finds it sent, and sends nothing;
    - a worker killed before the SMTP server accepted the message rolls the claim back; the
      row stays queued, and the resend scan (decisions.scans.dispatches_resend) queues it
      again, so the letter is neither lost nor doubled.
    Residual window: killed (or the database lost) after the server accepted the message and
    before the COMMIT, the row rolls back to queued and the scan sends the letter again. No
    protocol commits an SMTP hand-over and a database row together, so the choice is between
    a possible second copy and a possible lost letter marked "sent". We choose the copy: it is
    the identical letter with the same Message-ID (dispatch_message_id), which mail systems
    can drop as a duplicate, whereas a lost decision letter would start a complaint deadline
    the party never knew of. Committing "sent" (or "sending") before the hand-over would trade
    the one for the other. The window is the few milliseconds from the server's reply to the
    COMMIT.
    """
    with transaction.atomic():
        # skip_locked: a second worker running the same task skips the row instead of
        # waiting and sending it again.
        dispatch = (
            Dispatch.objects.select_for_update(skip_locked=True)
            .select_related("letter")
            .filter(pk=dispatch_id, channel=Dispatch.Channel.EMAIL)
            .first()
        )
        # Only a queued dispatch: a sent one is done, and a failed one waits for the
        # caseworker (retry, or the print batch) even if a stale task for it turns up.
        if dispatch is None or dispatch.status != Dispatch.Status.QUEUED:
            return False
        letter = dispatch.letter
        message = EmailMessage(
            subject=f"Brev fra {settings.KE_UNIT_NAME.lower()}, {settings.MUNICIPALITY_NAME}",
            body=_email_body(),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[dispatch.address],
            headers={"Message-ID": dispatch_message_id(dispatch)},
        )
        with letter.file.open("rb") as pdf:
            message.attach(f"brev-{letter.pk}.pdf", pdf.read(), "application/pdf")
        message.send(fail_silently=False)
        dispatch.status = Dispatch.Status.SENT
        dispatch.sent_at = timezone.now()
        dispatch.attempts += 1
        dispatch.last_error = ""
        dispatch.save(update_fields=["status", "sent_at", "attempts", "last_error"])
        return True


def dispatch_record_failure(*, dispatch_id: int, error: str, final: bool) -> None:
    """Note a failed attempt; after the last retry the caseworker sees the dispatch as failed."""
    fields = {"last_error": error[:100], "attempts": F("attempts") + 1}
    if final:
        fields["status"] = Dispatch.Status.FAILED
    Dispatch.objects.filter(pk=dispatch_id).exclude(status=Dispatch.Status.SENT).update(**fields)


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
    """Put a letter whose email failed into the print batch instead."""
    locked = Dispatch.objects.select_for_update().select_related("letter").get(pk=dispatch.pk)
    if locked.status != Dispatch.Status.FAILED or locked.channel != Dispatch.Channel.EMAIL:
        raise RuleViolation("Bare en e-post som har feilet, kan sendes i posten i stedet.")
    letter = locked.letter
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
    """Mark printed letters as posted; the deadline then runs from the posting day."""
    today = timezone.localdate()
    batch = list(
        Dispatch.objects.select_for_update()
        .select_related("letter__decision")
        .filter(pk__in=dispatch_ids, channel=Dispatch.Channel.POST, status=Dispatch.Status.QUEUED)
    )
    if not batch:
        raise RuleViolation("Ingen brev i utskriftsbunken er valgt.")
    for dispatch in batch:
        dispatch.status, dispatch.sent_at = Dispatch.Status.SENT, timezone.now()
        dispatch.save(update_fields=["status", "sent_at"])
        decision = dispatch.letter.decision
        assumed = deadlines.assumed_received_on(
            today, channel=deadlines.CHANNEL_POST, post_days=settings.KE_POST_DAYS
        )
        if dispatch.letter.kind == Letter.Kind.REJECTION:
            _rejection_posted(dispatch.letter, assumed, by)
        elif dispatch.letter.kind == Letter.Kind.DECISION:
            # Posted later than the decision was sent: the recipient gets the extra days.
            receipts.letter_assume_received(letter=dispatch.letter, assumed_on=assumed, by=by)
        timeline_add(
            case=decision.case,
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
    ).distinct()
    chosen = [letter] if letter is not None else list(covering)
    if not chosen:
        # Sent before its letters were stored with it (hand-made and demo rows).
        return receipts.decision_record_received(decision=locked, received_on=received_on, by=by)
    for one in chosen:
        receipts.letter_record_received(letter=one, received_on=received_on, by=by)
    locked.refresh_from_db()
    return locked
