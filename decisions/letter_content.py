"""Reads: what the decision letter to one recipient says, built from the decisions it
covers, and which of a case's decisions go in one letter.

A case's decisions that are sent together go in one letter per recipient, with an outcome,
legal basis, facts and reasons per service; each keeps its own Decision row.
"""

import datetime

from django.conf import settings
from django.templatetags.static import static
from django.utils import timezone

from cases.units import letterhead_for
from cases.vocabulary import ServiceKind
from decisions import approval, deadlines, letter_checks, letters, prefill, selectors
from decisions.models import Decision


def judgements_of(decision: Decision) -> tuple[letters.Judgement, ...]:
    """The discretionary findings the decision's assessment made for its service, each with
    the reason the caseworker recorded for the answer."""
    assessment = decision.assessment
    if assessment is None or not isinstance(assessment.result, dict):
        return ()
    findings = assessment.result.get(decision.service, {}).get("findings", [])
    answers = assessment.answers if isinstance(assessment.answers, dict) else {}
    found = []
    for finding in findings:
        key = prefill.JUDGEMENT_KEYS.get(finding.get("code"))
        if key is None or finding.get("met") is None:
            continue
        answer = answers.get(key)
        reason = answer.get("reason", "") if isinstance(answer, dict) else ""
        found.append(
            letters.Judgement(
                code=finding["code"],
                met=bool(finding["met"]),
                conclusion=finding.get("text") or "",
                reason=(reason or "").strip(),
            )
        )
    return tuple(found)


def every_condition_met(decision: Decision) -> bool:
    """Whether the decision's assessment found every condition for its service met."""
    assessment = decision.assessment
    if assessment is None or not isinstance(assessment.result, dict):
        return False
    findings = assessment.result.get(decision.service, {}).get("findings", [])
    return bool(findings) and all(f.get("met") is True for f in findings)


def service_decision(decision: Decision, *, voice: letters.Voice) -> letters.ServiceDecision:
    """What the letter says about one decision, in the reader's voice."""
    return letters.ServiceDecision(
        service=decision.service,
        outcome=decision.outcome,
        outcome_label=decision.get_outcome_display(),
        decision_text=letters.decision_text(
            service=decision.service, outcome=decision.outcome, voice=voice
        ),
        children=selectors.family_children(decision.case)
        if decision.service == ServiceKind.CHILD_COORDINATOR
        else (),
        starts_on=decision.starts_on,
        coordinator_text=letters.coordinator_text(
            service=decision.service,
            outcome=decision.outcome,
            coordinator=selectors.coordinator_name(decision),
            voice=voice,
        ),
        legal_basis=decision.legal_basis,
        facts=decision.facts,
        reasons=decision.reasons,
        granted_part=decision.granted_part if decision.outcome == "partly_granted" else "",
        refused_part=decision.refused_part if decision.outcome == "partly_granted" else "",
        judgements=judgements_of(decision),
        every_condition_met=every_condition_met(decision),
        plan_rights_text=letters.PLAN_RIGHTS_TEXT if decision.service == ServiceKind.PLAN else "",
        text_needs_review=decision.text_needs_review,
    )


def _ready(decision: Decision) -> bool:
    facts = approval.ApprovalFacts.of(
        decision, approval_required=settings.KE_DECISION_APPROVAL_REQUIRED
    )
    section = service_decision(decision, voice=letters.Voice())
    return not approval.send_refusals(facts) and not letter_checks.section_problems(section)


def letter_decisions(decision: Decision) -> list[Decision]:
    """The decisions one letter covers, the given one first.

    Sent: those its letters covered. Not yet sent: it and the case's other drafts that are
    ready to be sent with it (approved where approval is required, and complete); a draft
    that is not ready waits for a letter of its own.
    """
    if decision.is_sent:
        letter = decision.covering_letters.order_by("id").first()
        if letter is None:
            return [decision]
        covered = list(letter.decisions.order_by("created_at", "id"))
        return [decision] + [d for d in covered if d.pk != decision.pk]
    return [decision] + [d for d in selectors.unsent_companions(decision) if _ready(d)]


def _full_name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def expected_channel(recipient: selectors.Recipient | None = None) -> str:
    """The channel a letter is expected to go by, as delivery chooses it (one for all)."""
    return settings.KE_LETTER_CHANNEL


def decision_letter(
    decision: Decision,
    *,
    recipient: selectors.Recipient | None = None,
    letter_date: datetime.date | None = None,
    together: list[Decision] | None = None,
    channel: str | None = None,
) -> letters.Letter:
    """The letter to one recipient (the first, when none is given), covering `together`
    (by default `letter_decisions(decision)`), with the last day to complain worked out
    from the day it is expected to arrive by `channel`."""
    case = decision.case
    all_recipients = selectors.recipients(case)
    if recipient is None and all_recipients:
        recipient = all_recipients[0]
    voice = recipient.voice if recipient else letters.Voice()
    together = together if together is not None else letter_decisions(decision)
    letter_date = letter_date or timezone.localdate()
    assumed = deadlines.assumed_received_on(
        letter_date,
        channel=channel or expected_channel(recipient),
        post_days=settings.KE_POST_DAYS,
    )
    head = letterhead_for(case)
    municipality, unit = head.municipality, head.unit
    contact = decision.decided_by or case.caseworker
    signature = [_full_name(contact), f"saksbehandler, {head.unit_in_text}"] if contact else []
    approvers = []
    for d in together:
        if d.approved_by and d.approved_by not in approvers:
            approvers.append(d.approved_by)
    for approver in approvers:
        signature += [_full_name(approver), "leder"]
    return letters.Letter(
        municipality=municipality,
        unit=unit,
        sender_address=head.address,
        letter_date=letter_date,
        case_number=case.number,
        addressee=letters.Address(recipient.name, recipient.address_lines) if recipient else None,
        parties=tuple(f"{r.name} ({r.role.lower()})" for r in all_recipients),
        concerns=selectors.describe_child(case.person)
        if selectors.is_child(case.person, letter_date)
        else case.person.full_name,
        decisions=tuple(service_decision(d, voice=voice) for d in together),
        assumed_received_on=assumed,
        complaint_deadline=deadlines.complaint_deadline(assumed),
        **letters.complaint_texts(
            unit=unit,
            municipality=municipality,
            address=head.address,
            appeal_body=settings.KE_COUNTY_GOVERNOR,
        ),
        contact_name=_full_name(contact),
        contact_details=head.contact_details,
        signature="\n".join(signature),
        laws=letters.laws_listed(
            [d.service for d in together], texts=[d.legal_basis for d in together]
        ),
        logo=static(settings.KE_LETTER_LOGO) if settings.KE_LETTER_LOGO else "",
    )
