"""The letters a complaint gives rise to, stored and queued the way decision letters are:
the forwarding letter to Statsforvalteren with a copy to each party, and the rejection
(avvisning), itself a decision with its own letter to each party and its own complaint right.

Called inside the complaint services' transactions (decisions.complaints); a party that
cannot be reached refuses the step (RuleViolation) and nothing is stored or queued.
"""

import datetime

from django.conf import settings
from django.templatetags.static import static

from cases.units import letterhead_for
from core.pdf import render_to_pdf
from decisions import deadlines, delivery, letters, selectors, writes
from decisions.models import Complaint, Letter

FORWARDING_TEMPLATE = "decisions/pdf/forwarding_letter.html"
REJECTION_TEMPLATE = "decisions/pdf/rejection_letter.html"
APPEAL_BODY_KEY = selectors.APPEAL_BODY_KEY


def _sender(by, today: datetime.date, case) -> dict:
    """The letterhead of the case's unit (cases.units), and who signs."""
    head = letterhead_for(case)
    return {
        "today": today,
        "municipality": head.municipality,
        "unit": head.unit,
        "address": head.address,
        "phone": head.phone,
        "email": head.email,
        "appeal_body": settings.KE_COUNTY_GOVERNOR,
        "caseworker": by.get_full_name() or by.get_username(),
        "logo": static(settings.KE_LETTER_LOGO) if settings.KE_LETTER_LOGO else "",
    }


def _store(*, kind, complaint, recipient, context, template, name, by) -> Letter:
    # Rendered here, unlike a decision letter: its content is the complaint step itself.
    _html, pdf = render_to_pdf(template, context, archival=True)
    letter = Letter(
        kind=kind,
        decision=complaint.decision,
        complaint=complaint,
        recipient_key=recipient.key,
        recipient_name=recipient.name,
        recipient_address="\n".join(recipient.postal_lines),
        sent_on=context["today"],
        created_by=by,
    )
    writes.store_pdf(letter, pdf, name)
    letter.save()
    return letter


def forwarding_send(*, complaint: Complaint, by, today: datetime.date) -> list[str]:
    """The forwarding letter to Statsforvalteren, and a copy to every party (the complainant
    among them). Returns notices for the caseworker (letters put in the print batch)."""
    decision = complaint.decision
    body = selectors.appeal_body()
    parties = selectors.recipients(decision.case, on=today)
    plan = delivery.dispatch_plan([body, *parties])
    context = {
        **_sender(by, today, decision.case),
        "complaint": complaint,
        "decision": decision,
        "case": decision.case,
        "letters": list(selectors.decision_letters(decision)),
        "copies_to": [p.name for p in parties],
    }
    stored = [
        _store(
            kind=Letter.Kind.FORWARDING,
            complaint=complaint,
            recipient=body,
            context={**context, "addressee": body, "is_copy": False},
            template=FORWARDING_TEMPLATE,
            name=f"oversendelse-{complaint.pk}.pdf",
            by=by,
        )
    ]
    for number, party in enumerate(parties, start=1):
        letter = _store(
            kind=Letter.Kind.FORWARDING_COPY,
            complaint=complaint,
            recipient=party,
            context={**context, "addressee": party, "is_copy": True},
            template=FORWARDING_TEMPLATE,
            name=f"oversendelse-{complaint.pk}-kopi-{number}.pdf",
            by=by,
        )
        stored.append(letter)
    delivery.dispatch_queue(plan=plan, letters=stored)
    return plan.notices


def rejection_send(*, complaint: Complaint, by, today: datetime.date) -> list[str]:
    """The rejection to every party, with the day its own complaint deadline ends; sets the
    complaint's rejection_received_on and rejection_complaint_deadline."""
    decision = complaint.decision
    parties = selectors.recipients(decision.case, on=today)
    plan = delivery.dispatch_plan(parties)
    complaint.rejection_received_on = plan.received_on(today)
    complaint.rejection_complaint_deadline = deadlines.complaint_deadline(
        complaint.rejection_received_on
    )
    head = letterhead_for(decision.case)
    context = {
        **_sender(by, today, decision.case),
        "complaint": complaint,
        "decision": decision,
        "case": decision.case,
        "parties": [f"{p.name} ({p.role.lower()})" for p in parties],
        "ground_reference": letters.reference(f"rejection_{complaint.rejection_ground}"),
        "rejection_reference": letters.reference("rejection"),
        "complaint_reference": letters.reference("rejection_complaint"),
        **letters.complaint_texts(
            unit=head.unit,
            municipality=head.municipality,
            address=head.address,
            appeal_body=settings.KE_COUNTY_GOVERNOR,
        ),
    }
    stored = []
    for number, party in enumerate(parties, start=1):
        letter = _store(
            kind=Letter.Kind.REJECTION,
            complaint=complaint,
            recipient=party,
            context={**context, "addressee": party},
            template=REJECTION_TEMPLATE,
            name=f"avvisning-{complaint.pk}-{number}.pdf",
            by=by,
        )
        stored.append(letter)
    delivery.dispatch_queue(plan=plan, letters=stored)
    return plan.notices
