"""Every change to decisions, letters, dispatches and complaints goes through here.

Each service either does all of its work or raises RuleViolation (a Norwegian message
for the caseworker) and changes nothing.
"""

import datetime
import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from cases.models import Case, TimelineEntry
from cases.services import case_transition, timeline_add
from core.errors import RuleViolation
from core.pdf import render_to_pdf
from decisions import deadlines, letters, prefill, selectors
from decisions.models import Complaint, Decision, Dispatch, Letter

S = Decision.Status

LETTER_TEMPLATE = "decisions/pdf/decision_letter.html"
FORWARDING_TEMPLATE = "decisions/pdf/forwarding_letter.html"

EDITABLE_FIELDS = ("outcome", "legal_basis", "facts", "reasons", "starts_on")

_REQUESTED = {
    Decision.Service.COORDINATOR: "requests_coordinator",
    Decision.Service.CHILD_COORDINATOR: "requests_child_coordinator",
    Decision.Service.PLAN: "requests_plan",
}


def _service_label(decision: Decision) -> str:
    return decision.get_service_display().lower()


def _lock(decision: Decision) -> Decision:
    # Read the stored row under a lock: another request may have changed it since.
    return (
        Decision.objects.select_for_update()
        .select_related("case", "case__person")
        .get(pk=decision.pk)
    )


def _check_text(value: str, message: str) -> None:
    if not (value or "").strip():
        raise RuleViolation(message)


def _check_not_future(day: datetime.date, what: str) -> None:
    if day > timezone.localdate():
        raise RuleViolation(f"{what} kan ikke være fram i tid.")


def current_decision(case: Case, service: str) -> Decision | None:
    """The decision on this service that has not been replaced by a newer one."""
    return Decision.objects.filter(case=case, service=service, replaced_by__isnull=True).first()


def services_to_decide(case: Case) -> list[str]:
    """Requested services that have no decision yet."""
    decided = set(Decision.objects.filter(case=case).values_list("service", flat=True))
    return [s for s, flag in _REQUESTED.items() if getattr(case, flag) and s not in decided]


# --- Drafting and approval ------------------------------------------------------------------


@transaction.atomic
def decision_draft(*, case: Case, service: str, by) -> Decision:
    """A draft decision on one requested service, pre-filled from the latest assessment."""
    if not case.is_open:
        raise RuleViolation("Saken er avsluttet; det kan ikke skrives vedtak i den.")
    if service not in _REQUESTED:
        raise RuleViolation("Ukjent tjeneste.")
    label = Decision.Service(service).label.lower()
    if not getattr(case, _REQUESTED[service]):
        raise RuleViolation(f"Saken gjelder ikke {label}; det er ikke søkt om det.")
    if current_decision(case, service) is not None:
        raise RuleViolation(f"Saken har allerede et vedtak om {label}.")
    try:
        assessment = case.assessments.latest()
    except case.assessments.model.DoesNotExist:
        raise RuleViolation(
            "Saken har ingen lagret vurdering. Vurder retten før du skriver vedtak."
        ) from None
    result = assessment.result.get(service, {})
    outcome = prefill.outcome_from_assessment(result.get("outcome", ""))
    if outcome is None:
        raise RuleViolation(
            f"Vurderingen av {label} har ubesvarte skjønnsspørsmål. "
            "Svar på dem og lagre vurderingen før du skriver vedtak."
        )
    stored = assessment.facts.get("services") if isinstance(assessment.facts, dict) else None
    texts = prefill.draft_texts(
        service=service,
        outcome=outcome,
        findings=result["findings"],
        services=stored if isinstance(stored, list) else None,
    )
    decision = Decision(
        case=case,
        assessment=assessment,
        service=service,
        outcome=outcome,
        starts_on=timezone.localdate() if outcome in Decision.GRANTING_OUTCOMES else None,
        decided_by=by,
        **texts,
    )
    decision.full_clean()
    decision.save()
    timeline_add(
        case=case, kind=TimelineEntry.Kind.SYSTEM, text=f"Utkast til vedtak om {label}.", by=by
    )
    return decision


@transaction.atomic
def decision_update(*, decision: Decision, by, **fields) -> Decision:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    locked = _lock(decision)
    if not locked.is_editable:
        raise RuleViolation("Et sendt vedtak kan ikke endres. Et nytt vedtak må fattes.")
    edited = [name for name, value in fields.items() if getattr(locked, name) != value]
    for name in edited:
        setattr(locked, name, fields[name])
    _check_text(locked.reasons, "Et vedtak må ha en begrunnelse (fvl. §§ 24 og 25).")
    _check_text(locked.legal_basis, "Et vedtak må vise til reglene det bygger på.")
    _check_text(locked.facts, "Et vedtak må nevne de faktiske forholdene det bygger på.")
    if not edited:
        # Saving what is stored changes nothing, and keeps a leader's approval.
        return locked
    changed = [*edited, "updated_at"]
    if locked.status == S.AWAITING_APPROVAL:
        # An edited decision is no longer the one the leader approved.
        locked.status, locked.approved_by, locked.approved_at = S.DRAFT, None, None
        changed += ["status", "approved_by", "approved_at"]
    locked.full_clean()
    locked.save(update_fields=changed)
    return locked


def _letter_problems(decision: Decision) -> list[str]:
    missing = letters.missing_parts(selectors.decision_letter(decision))
    return [f"Brevet mangler: {', '.join(missing)}."] if missing else []


@transaction.atomic
def decision_submit_for_approval(*, decision: Decision, by) -> Decision:
    locked = _lock(decision)
    if locked.status != S.DRAFT:
        raise RuleViolation("Bare et utkast kan sendes til godkjenning.")
    problems = _letter_problems(locked)
    if problems:
        raise RuleViolation(problems)
    locked.status = S.AWAITING_APPROVAL
    locked.save(update_fields=["status", "updated_at"])
    timeline_add(
        case=locked.case,
        kind=TimelineEntry.Kind.SYSTEM,
        text=f"Vedtak om {_service_label(locked)} sendt til godkjenning.",
        by=by,
    )
    return locked


@transaction.atomic
def decision_approve(*, decision: Decision, by) -> Decision:
    if not by.has_perm("decisions.approve_decision"):
        raise RuleViolation("Bare en leder i koordinerende enhet kan godkjenne vedtak.")
    locked = _lock(decision)
    if locked.status != S.AWAITING_APPROVAL:
        raise RuleViolation("Vedtaket venter ikke på godkjenning.")
    if locked.approved_at is not None:
        raise RuleViolation("Vedtaket er allerede godkjent.")
    if locked.decided_by_id == by.pk:
        raise RuleViolation("Du kan ikke godkjenne et vedtak du selv har skrevet.")
    locked.approved_by, locked.approved_at = by, timezone.now()
    locked.save(update_fields=["approved_by", "approved_at", "updated_at"])
    timeline_add(
        case=locked.case,
        kind=TimelineEntry.Kind.SYSTEM,
        text=f"Vedtak om {_service_label(locked)} godkjent av leder.",
        by=by,
    )
    return locked


# --- Sending ------------------------------------------------------------------------------------


@dataclass
class SendResult:
    decision: Decision
    notices: list[str] = field(default_factory=list)


def _store_pdf(letter: Letter, pdf: bytes, name: str) -> None:
    letter.sha256 = hashlib.sha256(pdf).hexdigest()
    letter.file.save(name, ContentFile(pdf), save=False)


def _plan_dispatches(case: Case) -> tuple[list[tuple[selectors.Recipient, str]], list[str]]:
    """(recipient, channel) for each recipient, and notices for the caseworker."""
    planned, notices, problems = [], [], []
    found = selectors.recipients(case)
    if not found:
        raise RuleViolation(
            "Vedtaket har ingen mottaker. Registrer foreldre med foreldreansvar eller verge "
            "under «Person og familie» før vedtaket sendes."
        )
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


def _received_on(sent_on: datetime.date, channels) -> datetime.date:
    # With several recipients the latest assumed day counts, in the parties' favour.
    return max(
        deadlines.assumed_received_on(sent_on, channel=c, post_days=settings.KE_POST_DAYS)
        for c in channels
    )


@transaction.atomic
def decision_send(*, decision: Decision, by) -> SendResult:
    """Render and store the letter, start the deadline, and queue the dispatch after commit."""
    locked = _lock(decision)
    if locked.is_sent:
        raise RuleViolation("Vedtaket er allerede sendt. Det sendes ikke på nytt.")
    if settings.KE_DECISION_APPROVAL_REQUIRED and locked.approved_at is None:
        raise RuleViolation("Vedtaket må godkjennes av en leder før det sendes.")
    if not locked.case.is_open:
        raise RuleViolation("Saken er avsluttet; vedtaket kan ikke sendes.")
    _check_text(locked.reasons, "Et vedtak må ha en begrunnelse (fvl. §§ 24 og 25).")
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
        _store_pdf(letter, pdf, f"vedtak-{locked.pk}-{number}.pdf")
        letter.save()
        address = recipient.email if channel == Dispatch.Channel.EMAIL else letter.recipient_address
        dispatches.append(Dispatch.objects.create(letter=letter, channel=channel, address=address))

    locked.status = S.SENT
    locked.sent_on = today
    locked.assumed_received_on = _received_on(today, {d.channel for d in dispatches})
    locked.received_on = locked.assumed_received_on
    locked.complaint_deadline = deadlines.complaint_deadline(locked.received_on)
    locked.decided_by = locked.decided_by or by
    locked.save(
        update_fields=[
            "status",
            "sent_on",
            "assumed_received_on",
            "received_on",
            "complaint_deadline",
            "decided_by",
            "updated_at",
        ]
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
        text=f"Vedtak om {_service_label(locked)} ({locked.get_outcome_display().lower()}) "
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
        later = decision.assumed_received_on is None or assumed > decision.assumed_received_on
        if decision.status == S.SENT and not decision.received_on_confirmed and later:
            # Posted later than the decision was sent: the party gets the extra days.
            decision.assumed_received_on = decision.received_on = assumed
            decision.complaint_deadline = deadlines.complaint_deadline(assumed)
            decision.save(
                update_fields=[
                    "assumed_received_on",
                    "received_on",
                    "complaint_deadline",
                    "updated_at",
                ]
            )
        timeline_add(
            case=decision.case,
            kind=TimelineEntry.Kind.LETTER,
            text=f"Brev til {dispatch.letter.recipient_name} er sendt i posten.",
            by=by,
        )
    return len(batch)


# --- Received date and deadline ------------------------------------------------------------------


@transaction.atomic
def decision_set_received(*, decision: Decision, by, received_on: datetime.date) -> Decision:
    locked = _lock(decision)
    if locked.status != S.SENT:
        raise RuleViolation(
            "Mottaksdatoen kan bare endres på et sendt vedtak som ikke er endelig eller påklaget."
        )
    if locked.sent_on is not None and received_on < locked.sent_on:
        raise RuleViolation("Mottaksdatoen kan ikke være før vedtaket ble sendt.")
    _check_not_future(received_on, "Mottaksdatoen")
    locked.received_on = received_on
    locked.received_on_confirmed = True
    locked.complaint_deadline = deadlines.complaint_deadline(received_on)
    locked.save(
        update_fields=["received_on", "received_on_confirmed", "complaint_deadline", "updated_at"]
    )
    timeline_add(
        case=locked.case,
        kind=TimelineEntry.Kind.SYSTEM,
        text=f"Vedtaket ble mottatt {received_on:%d.%m.%Y}. "
        f"Klagefristen er {locked.complaint_deadline:%d.%m.%Y}.",
        by=by,
    )
    return locked


def decisions_due_final(today: datetime.date):
    """Sent decisions with no complaint whose complaint deadline and grace ended before today."""
    cutoff = today - datetime.timedelta(days=settings.KE_COMPLAINT_GRACE_DAYS)
    # NOT EXISTS rather than a LEFT JOIN: PostgreSQL cannot lock the nullable side of one.
    return Decision.objects.filter(status=S.SENT, complaint_deadline__lt=cutoff).exclude(
        Exists(Complaint.objects.filter(decision=OuterRef("pk")))
    )


@transaction.atomic
def decisions_finalize_due(*, today: datetime.date | None = None, batch_size: int = 500) -> int:
    """Mark sent decisions with no complaint final once the deadline and grace have passed.

    Selects everything due up to today, not just what fell due today, so a missed or
    doubled run of the daily scan is harmless.
    """
    today = today or timezone.localdate()
    due = decisions_due_final(today)
    total = 0
    while True:
        batch = list(
            due.select_for_update(skip_locked=True)
            .order_by("id")
            .values_list("pk", "case_id")[:batch_size]
        )
        if not batch:
            return total
        ids = [pk for pk, _ in batch]
        total += Decision.objects.filter(pk__in=ids, status=S.SENT).update(
            status=S.FINAL, finalized_on=today
        )
        now = timezone.now()
        TimelineEntry.objects.bulk_create(
            TimelineEntry(
                case_id=case_id,
                kind=TimelineEntry.Kind.SYSTEM,
                text="Klagefristen er ute uten at det er kommet klage. Vedtaket er endelig.",
                occurred_at=now,
            )
            for _, case_id in batch
        )


# --- Complaints -----------------------------------------------------------------------------------


@transaction.atomic
def complaint_register(
    *,
    decision: Decision,
    by,
    complainant: str,
    received_on: datetime.date,
    posted_on: datetime.date | None = None,
    summary: str = "",
    late_reason: str = "",
) -> Complaint:
    locked = _lock(decision)
    if locked.status in (S.DRAFT, S.AWAITING_APPROVAL):
        raise RuleViolation("Vedtaket er ikke sendt ennå, og kan ikke påklages.")
    if locked.status == S.APPEALED:
        raise RuleViolation("Vedtaket er allerede påklaget, og klagen er under behandling.")
    _check_text(complainant, "Oppgi hvem som klager.")
    _check_not_future(received_on, "Datoen klagen kom inn")
    sent_on = locked.sent_on or datetime.date.min  # unknown only in hand-made (demo) rows
    if received_on < sent_on:
        raise RuleViolation("En klage kan ikke ha kommet inn før vedtaket ble sendt.")
    if posted_on is not None and not sent_on <= posted_on <= received_on:
        raise RuleViolation(
            "Postleggingsdatoen må være etter at vedtaket ble sendt og før klagen kom inn."
        )
    # fvl. § 30: a complaint posted before the deadline is in time. With no deadline worked
    # out (the day the letter arrived is unknown) the party cannot be late.
    deadline = locked.complaint_deadline
    is_late = deadline is not None and (posted_on or received_on) > deadline
    complaint = Complaint(
        decision=locked,
        complainant=complainant,
        received_on=received_on,
        posted_on=posted_on,
        summary=summary,
        is_late=is_late,
        late_reason=late_reason,
        registered_by=by,
    )
    complaint.full_clean()
    complaint.save()
    locked.status = S.APPEALED
    locked.save(update_fields=["status", "updated_at"])
    text = f"Klage på vedtak om {_service_label(locked)} mottatt {received_on:%d.%m.%Y}."
    if is_late:
        text += f" Klagen kom etter klagefristen ({locked.complaint_deadline:%d.%m.%Y})."
    if complaint.beyond_one_year:
        text += " Den kom mer enn ett år etter vedtaket (fvl. § 31 tredje ledd)."
    timeline_add(case=locked.case, kind=TimelineEntry.Kind.LETTER, text=text, by=by)
    return complaint


def _lock_open_complaint(complaint: Complaint, late_reason: str) -> Complaint:
    locked = (
        Complaint.objects.select_for_update()
        .select_related("decision", "decision__case", "decision__case__person")
        .get(pk=complaint.pk)
    )
    if locked.status != Complaint.Status.RECEIVED:
        raise RuleViolation("Klagen er allerede behandlet av koordinerende enhet.")
    if locked.beyond_one_year:
        raise RuleViolation(
            "Klagen kom mer enn ett år etter vedtaket og kan ikke tas under behandling "
            "(fvl. § 31 tredje ledd). En avvisning er selv et enkeltvedtak."
        )
    if late_reason.strip():
        locked.late_reason = late_reason
    if locked.is_late and not locked.late_reason.strip():
        raise RuleViolation(
            "Klagen kom for sent. Skriv hvorfor den likevel tas under behandling "
            "(fvl. § 31) før du går videre."
        )
    return locked


@transaction.atomic
def complaint_uphold_and_forward(
    *, complaint: Complaint, by, ke_assessment: str, late_reason: str = ""
) -> Complaint:
    """The KE keeps its decision and sends the case to Statsforvalteren with a cover letter."""
    _check_text(ke_assessment, "Skriv koordinerende enhets vurdering av klagen.")
    locked = _lock_open_complaint(complaint, late_reason)
    decision = locked.decision
    today = timezone.localdate()
    locked.status = Complaint.Status.FORWARDED
    locked.ke_assessment = ke_assessment
    locked.forwarded_on = today
    context = {
        "complaint": locked,
        "decision": decision,
        "case": decision.case,
        "today": today,
        "municipality": settings.MUNICIPALITY_NAME,
        "unit": settings.KE_UNIT_NAME,
        "address": settings.KE_ADDRESS,
        "phone": settings.KE_PHONE,
        "email": settings.KE_EMAIL,
        "appeal_body": settings.KE_COUNTY_GOVERNOR,
        "letters": list(decision.letters.filter(kind=Letter.Kind.DECISION)),
        "caseworker": by.get_full_name() or by.get_username(),
    }
    _html, pdf = render_to_pdf(FORWARDING_TEMPLATE, context)
    letter = Letter(
        kind=Letter.Kind.FORWARDING,
        decision=decision,
        complaint=locked,
        recipient_key="statsforvalteren",
        recipient_name=settings.KE_COUNTY_GOVERNOR,
        created_by=by,
    )
    _store_pdf(letter, pdf, f"oversendelse-{locked.pk}.pdf")
    letter.save()
    locked.save(update_fields=["status", "ke_assessment", "forwarded_on", "late_reason"])
    timeline_add(
        case=decision.case,
        kind=TimelineEntry.Kind.LETTER,
        text=f"Klagen er vurdert, vedtaket opprettholdt og saken oversendt "
        f"{settings.KE_COUNTY_GOVERNOR}.",
        by=by,
    )
    return locked


@transaction.atomic
def complaint_reverse(
    *,
    complaint: Complaint,
    by,
    outcome: str,
    reasons: str,
    ke_assessment: str = "",
    late_reason: str = "",
) -> Decision:
    """The KE changes its decision: a new draft decision replaces the one complained of."""
    _check_text(reasons, "Et nytt vedtak må ha en begrunnelse (fvl. §§ 24 og 25).")
    if outcome not in Decision.Outcome.values:
        raise RuleViolation("Velg utfallet av det nye vedtaket.")
    locked = _lock_open_complaint(complaint, late_reason)
    old = locked.decision
    new = Decision(
        case=old.case,
        assessment=old.assessment,
        service=old.service,
        outcome=outcome,
        legal_basis=old.legal_basis,
        facts=old.facts,
        reasons=reasons,
        starts_on=timezone.localdate() if outcome in Decision.GRANTING_OUTCOMES else None,
        decided_by=by,
        replaces=old,
    )
    new.full_clean()
    new.save()
    locked.status = Complaint.Status.REVERSED
    locked.new_decision = new
    locked.ke_assessment = ke_assessment
    locked.save(update_fields=["status", "new_decision", "ke_assessment", "late_reason"])
    case = old.case
    if case.status == Case.Status.DECIDED and case.consents.in_force().exists():
        case_transition(
            case=case, to=Case.Status.UNDER_ASSESSMENT, by=by, reason="Klagen tas til følge."
        )
    timeline_add(
        case=case,
        kind=TimelineEntry.Kind.SYSTEM,
        text=f"Klagen er tatt til følge. Utkast til nytt vedtak om {_service_label(old)}.",
        by=by,
    )
    return new


@transaction.atomic
def statsforvalteren_result_record(
    *, complaint: Complaint, by, result: str, result_on: datetime.date, notes: str = ""
) -> Complaint:
    locked = Complaint.objects.select_for_update().select_related("decision").get(pk=complaint.pk)
    if locked.status != Complaint.Status.FORWARDED:
        raise RuleViolation("Klagen er ikke oversendt Statsforvalteren.")
    if result not in Complaint.Result.values:
        raise RuleViolation("Velg resultatet fra Statsforvalteren.")
    _check_not_future(result_on, "Datoen for Statsforvalterens avgjørelse")
    if result_on < locked.forwarded_on:
        raise RuleViolation("Statsforvalteren kan ikke ha avgjort klagen før den ble oversendt.")
    locked.status = Complaint.Status.CLOSED
    locked.result, locked.result_on, locked.result_notes = result, result_on, notes
    locked.save(update_fields=["status", "result", "result_on", "result_notes"])
    decision = locked.decision
    if result in (Complaint.Result.UPHELD, Complaint.Result.DISMISSED):
        decision.status, decision.finalized_on = S.FINAL, result_on
        decision.save(update_fields=["status", "finalized_on", "updated_at"])
    timeline_add(
        case=decision.case,
        kind=TimelineEntry.Kind.LETTER,
        text=f"Svar fra Statsforvalteren: {Complaint.Result(result).label.lower()}.",
        by=by,
    )
    return locked
