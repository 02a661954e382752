"""Complaints on a sent decision, and a decision becoming final when none comes.

Each service either does all of its work or raises RuleViolation (a Norwegian message
for the caseworker) and changes nothing.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from cases.models import Case, TimelineEntry
from cases.services import case_transition, timeline_add
from core.errors import RuleViolation
from core.history import save_with_history
from core.pdf import render_to_pdf
from decisions import due, writes
from decisions.models import Complaint, Decision, Letter

S = Decision.Status

FORWARDING_TEMPLATE = "decisions/pdf/forwarding_letter.html"


FINAL_REASON = "Klagefristen er ute uten klage."


@transaction.atomic
def decisions_finalize_due(*, today: datetime.date | None = None, batch_size: int = 500) -> int:
    """Mark sent decisions with no complaint final once the deadline and grace have passed.

    Selects everything due up to today, not just what fell due today, so a missed or
    doubled run of the daily scan is harmless. No one makes the change: the history rows
    have no user and say why instead (FINAL_REASON).
    """
    today = today or timezone.localdate()
    final = due.decisions_due_final(today)
    total = 0
    while True:
        # Whole rows, read under the lock, so the history rows copy what is stored now;
        # skip_locked leaves a decision someone is changing (a complaint coming in) alone.
        batch = list(final.select_for_update(skip_locked=True).order_by("id")[:batch_size])
        if not batch:
            return total
        for decision in batch:
            decision.status, decision.finalized_on = S.FINAL, today
        # Not .update(): that writes no history row, and finality is part of the record.
        total += bulk_update_with_history(
            batch, Decision, ["status", "finalized_on"], default_change_reason=FINAL_REASON
        )
        now = timezone.now()
        TimelineEntry.objects.bulk_create(
            TimelineEntry(
                case_id=decision.case_id,
                kind=TimelineEntry.Kind.SYSTEM,
                text="Klagefristen er ute uten at det er kommet klage. Vedtaket er endelig.",
                occurred_at=now,
            )
            for decision in batch
        )


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
    locked = writes.lock_decision(decision)
    if locked.status in (S.DRAFT, S.AWAITING_APPROVAL):
        raise RuleViolation("Vedtaket er ikke sendt ennå, og kan ikke påklages.")
    if locked.status == S.APPEALED:
        raise RuleViolation("Vedtaket er allerede påklaget, og klagen er under behandling.")
    writes.check_text(complainant, "Oppgi hvem som klager.")
    writes.check_not_future(received_on, "Datoen klagen kom inn")
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
    save_with_history(complaint, by=by)
    locked.status = S.APPEALED
    save_with_history(locked, by=by, update_fields=["status", "updated_at"])
    text = f"Klage på vedtak om {writes.service_label(locked)} mottatt {received_on:%d.%m.%Y}."
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
    writes.check_text(ke_assessment, "Skriv koordinerende enhets vurdering av klagen.")
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
    _html, pdf = render_to_pdf(FORWARDING_TEMPLATE, context, archival=True)
    letter = Letter(
        kind=Letter.Kind.FORWARDING,
        decision=decision,
        complaint=locked,
        recipient_key="statsforvalteren",
        recipient_name=settings.KE_COUNTY_GOVERNOR,
        created_by=by,
    )
    writes.store_pdf(letter, pdf, f"oversendelse-{locked.pk}.pdf")
    letter.save()
    save_with_history(
        locked, by=by, update_fields=["status", "ke_assessment", "forwarded_on", "late_reason"]
    )
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
    writes.check_text(reasons, "Et nytt vedtak må ha en begrunnelse (fvl. §§ 24 og 25).")
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
    save_with_history(new, by=by)
    locked.status = Complaint.Status.REVERSED
    locked.new_decision = new
    locked.ke_assessment = ke_assessment
    save_with_history(
        locked, by=by, update_fields=["status", "new_decision", "ke_assessment", "late_reason"]
    )
    case = old.case
    if case.status == Case.Status.DECIDED and case.consents.in_force().exists():
        case_transition(
            case=case, to=Case.Status.UNDER_ASSESSMENT, by=by, reason="Klagen tas til følge."
        )
    timeline_add(
        case=case,
        kind=TimelineEntry.Kind.SYSTEM,
        text=f"Klagen er tatt til følge. Utkast til nytt vedtak om {writes.service_label(old)}.",
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
    writes.check_not_future(result_on, "Datoen for Statsforvalterens avgjørelse")
    if result_on < locked.forwarded_on:
        raise RuleViolation("Statsforvalteren kan ikke ha avgjort klagen før den ble oversendt.")
    locked.status = Complaint.Status.CLOSED
    locked.result, locked.result_on, locked.result_notes = result, result_on, notes
    save_with_history(
        locked, by=by, update_fields=["status", "result", "result_on", "result_notes"]
    )
    decision = locked.decision
    if result in (Complaint.Result.UPHELD, Complaint.Result.DISMISSED):
        decision.status, decision.finalized_on = S.FINAL, result_on
        save_with_history(decision, by=by, update_fields=["status", "finalized_on", "updated_at"])
    timeline_add(
        case=decision.case,
        kind=TimelineEntry.Kind.LETTER,
        text=f"Svar fra Statsforvalteren: {Complaint.Result(result).label.lower()}.",
        by=by,
    )
    return locked
