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

from cases.models import Case, TimelineEntry
from cases.services import case_transition, timeline_add
from core.errors import RuleViolation
from core.history import save_with_history
from core.pdf import render_to_pdf
from decisions import approval, deadlines, letters, selectors, writes
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
    planned, notices = _plan_dispatches(locked.case)
    today = timezone.localdate()
    contents = []
    for recipient, channel in planned:
        content = selectors.decision_letter(locked, recipient=recipient, letter_date=today)
        missing = letters.missing_parts(content)
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
            created_by=by,
        )
        writes.store_pdf(letter, pdf, f"vedtak-{locked.pk}-{number}.pdf")
        letter.save()
        address = recipient.email if channel == Dispatch.Channel.EMAIL else letter.recipient_address
        dispatches.append(Dispatch.objects.create(letter=letter, channel=channel, address=address))

    locked.status = S.SENT
    locked.sent_on = today
    locked.assumed_received_on = _received_on(today, {d.channel for d in dispatches})
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
        later = decision.assumed_received_on is None or assumed > decision.assumed_received_on
        is_decision_letter = dispatch.letter.kind == Letter.Kind.DECISION
        if (
            is_decision_letter
            and decision.status == S.SENT
            and not decision.received_on_confirmed
            and later
        ):
            # Posted later than the decision was sent: the party gets the extra days.
            decision.assumed_received_on = decision.received_on = assumed
            decision.complaint_deadline = deadlines.complaint_deadline(assumed)
            save_with_history(
                decision,
                by=by,
                update_fields=[
                    "assumed_received_on",
                    "received_on",
                    "complaint_deadline",
                    "updated_at",
                ],
            )
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
