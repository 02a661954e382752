"""Drafting a decision from the assessment, editing it, the leader's approval, and the edit
form's save-then-submit, -approve or -send.

Each service either does all of its work or raises RuleViolation (a Norwegian message
for the caseworker) and changes nothing; decision_edit keeps a saved edit when the step
after it is refused, and says so in its result.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cases import legal
from cases.models import Case, TimelineEntry
from cases.services import timeline_add
from cases.vocabulary import ServiceKind
from core.errors import RuleViolation
from core.history import save_with_history
from core.locking import refuse_if_changed
from decisions import (
    approval,
    delivery,
    letter_checks,
    letter_content,
    prefill,
    selectors,
    writes,
)
from decisions.models import Decision

S = Decision.Status

EDITABLE_FIELDS = (
    "outcome",
    "legal_basis",
    "facts",
    "reasons",
    "granted_part",
    "refused_part",
    "starts_on",
)
TEXT_FIELDS = ("legal_basis", "facts", "reasons")


def _subject(case: Case) -> str:
    """Who the drafted facts are about, as every party's letter can say it: "Du" to an
    adult; to the parents (and a 16–17-year-old beside them), the child by name."""
    person = case.person
    if not selectors.is_child(person, timezone.localdate()):
        return "Du"
    return "Barnet" if person.is_unborn else person.given_name


def _texts(decision: Decision, outcome: str) -> dict[str, str] | None:
    """The texts drafted from the decision's assessment for `outcome`; None without one."""
    assessment = decision.assessment
    if assessment is None:
        return None
    if outcome == Decision.Outcome.PARTLY_GRANTED:
        # Drafted as a grant; what is refused, and why, is the caseworker's to write.
        outcome = Decision.Outcome.GRANTED
    result = assessment.result.get(decision.service, {})
    stored = assessment.facts if isinstance(assessment.facts, dict) else {}
    services = stored.get("services")
    return prefill.draft_texts(
        service=decision.service,
        outcome=outcome,
        findings=result.get("findings", []),
        services=services if isinstance(services, list) else None,
        answers=assessment.answers if isinstance(assessment.answers, dict) else {},
        subject=_subject(decision.case),
        function_level=stored.get("function_level"),
    )


@transaction.atomic
def decision_draft(*, case: Case, service: str, by) -> Decision:
    """A draft decision on one requested service, pre-filled from the latest assessment."""
    if not case.is_open:
        raise RuleViolation("Saken er avsluttet; det kan ikke skrives vedtak i den.")
    if service not in ServiceKind.values:
        raise RuleViolation("Ukjent tjeneste.")
    label = ServiceKind(service).label.lower()
    if service not in case.requested_kinds():
        raise RuleViolation(f"Saken gjelder ikke {label}; det er ikke søkt om det.")
    if selectors.current_decision(case, service) is not None:
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
    decision = Decision(
        case=case,
        assessment=assessment,
        service=service,
        outcome=outcome,
        starts_on=timezone.localdate() if outcome in Decision.GRANTING_OUTCOMES else None,
        decided_by=by,
    )
    for name, text in _texts(decision, outcome).items():
        setattr(decision, name, text)
    decision.full_clean()
    save_with_history(decision, by=by)
    timeline_add(
        case=case, kind=TimelineEntry.Kind.SYSTEM, text=f"Utkast til vedtak om {label}.", by=by
    )
    return decision


class NotEditable(RuleViolation):
    """The decision has been sent since the user opened it: there is nothing left to edit."""


@transaction.atomic
def decision_update(*, decision: Decision, by, **fields) -> Decision:
    locked = writes.lock_decision(decision)
    _edit(locked, by=by, fields=fields)
    return locked


def _edit(locked: Decision, *, by, fields: dict) -> bool:
    """Save the edited fields on the locked row. True if that made it a draft again."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    if not locked.is_editable:
        raise NotEditable("Et sendt vedtak kan ikke endres. Et nytt vedtak må fattes.")
    edited = [name for name, value in fields.items() if getattr(locked, name) != value]
    for name in edited:
        setattr(locked, name, fields[name])
    edited += _follow_outcome(locked, edited)
    writes.check_text(
        locked.reasons, f"Et vedtak må ha en begrunnelse ({legal.citation('reasons')})."
    )
    writes.check_text(locked.legal_basis, "Et vedtak må vise til reglene det bygger på.")
    writes.check_text(locked.facts, "Et vedtak må nevne de faktiske forholdene det bygger på.")
    if not edited:
        # Saving what is stored changes nothing, and keeps a leader's approval.
        return False
    changed = [*edited, "updated_at"]
    reopened = locked.status == S.AWAITING_APPROVAL
    if reopened:
        # An edited decision is no longer the one the leader approved.
        locked.status, locked.approved_by, locked.approved_at = S.DRAFT, None, None
        changed += ["status", "approved_by", "approved_at"]
    locked.full_clean()
    save_with_history(locked, by=by, update_fields=changed)
    return reopened


def _follow_outcome(locked: Decision, edited: list[str]) -> list[str]:
    """Keep the text in step with a changed outcome: the names of the fields this changed.

    The outcome changed and the reasons did not: drafted anew from the assessment for the
    new outcome (the caseworker's reasons for each judgement go with them), or, with no
    assessment to draft from, flagged, and the letter cannot be sent until the caseworker
    has rewritten the reasons. Rewriting the reasons clears the flag.
    """
    changed: list[str] = []
    if "reasons" in edited and locked.text_needs_review:
        locked.text_needs_review = False
        changed.append("text_needs_review")
    if "outcome" not in edited or "reasons" in edited:
        return changed
    texts = _texts(locked, locked.outcome)
    if texts is None:
        locked.text_needs_review = True
        return [*changed, "text_needs_review"]
    for name, text in texts.items():
        if name not in edited and getattr(locked, name) != text:
            setattr(locked, name, text)
            changed.append(name)
    if locked.outcome in Decision.GRANTING_OUTCOMES and locked.starts_on is None:
        locked.starts_on = timezone.localdate()
        changed.append("starts_on")
    if locked.outcome == Decision.Outcome.REFUSED and "starts_on" not in edited:
        locked.starts_on = None
        changed.append("starts_on")
    return changed


def approval_facts(decision: Decision) -> approval.ApprovalFacts:
    return approval.ApprovalFacts.of(
        decision, approval_required=settings.KE_DECISION_APPROVAL_REQUIRED
    )


def _letter_problems(decision: Decision) -> list[str]:
    missing = letter_checks.missing_parts(letter_content.decision_letter(decision))
    return [f"Brevet mangler: {', '.join(missing)}."] if missing else []


@transaction.atomic
def decision_submit_for_approval(*, decision: Decision, by) -> Decision:
    locked = writes.lock_decision(decision)
    problems = approval.submit_refusals(approval_facts(locked)) or _letter_problems(locked)
    if problems:
        raise RuleViolation(problems)
    locked.status = S.AWAITING_APPROVAL
    save_with_history(locked, by=by, update_fields=["status", "updated_at"])
    timeline_add(
        case=locked.case,
        kind=TimelineEntry.Kind.SYSTEM,
        text=f"Vedtak om {writes.service_label(locked)} sendt til godkjenning.",
        by=by,
    )
    return locked


@transaction.atomic
def decision_approve(*, decision: Decision, by) -> Decision:
    may_approve = by.has_perm("decisions.approve_decision")
    if not may_approve:
        # Refused before the lock: nothing to read for one who may not approve at all.
        raise RuleViolation(
            approval.approve_refusals(approval_facts(decision), user_id=by.pk, may_approve=False)
        )
    locked = writes.lock_decision(decision)
    problems = approval.approve_refusals(approval_facts(locked), user_id=by.pk, may_approve=True)
    if problems:
        raise RuleViolation(problems)
    locked.approved_by, locked.approved_at = by, timezone.now()
    save_with_history(locked, by=by, update_fields=["approved_by", "approved_at", "updated_at"])
    timeline_add(
        case=locked.case,
        kind=TimelineEntry.Kind.SYSTEM,
        text=f"Vedtak om {writes.service_label(locked)} godkjent av leder.",
        by=by,
    )
    return locked


# --- The edit form: save, then what the button says ------------------------------------------

# Every button on the edit form saves what is on the screen first, so an edit is never
# left behind; all but "save" then take the decision one step further.
EDIT_ACTIONS = ("save", "submit", "approve", "send")


@dataclass
class EditResult:
    decision: Decision
    # Edited while awaiting approval: a draft again, and the button's step is not taken.
    reopened: bool = False
    # The rules refused the button's step; the edit is saved all the same.
    refused: RuleViolation | None = None
    notices: list[str] = field(default_factory=list)


STALE = (
    "Vedtaket ble endret av noen andre etter at du åpnet det. Teksten din er ikke lagret, "
    "men står i skjemaet nedenfor. Forhåndsvisningen viser det som nå er lagret; lagre "
    "igjen hvis teksten din skal gjelde."
)


@transaction.atomic
def decision_edit(
    *, decision: Decision, by, action: str = "save", expected_stamp: str | None = None, **fields
) -> EditResult:
    """Save the edit, then submit, approve or send the decision as the button asked.

    One transaction with the row locked throughout, so what is sent is what was just
    saved and no one can change it in between. The step after the save runs in a
    savepoint: when the rules refuse it (no address, not approved), only the step is
    undone, and the edit stays saved. Raises RuleViolation, and saves nothing, when the
    edit itself is refused; NotEditable when the decision has been sent meanwhile; StaleEdit
    when someone saved other text since the form was opened (`expected_stamp`).
    """
    if action not in EDIT_ACTIONS:
        raise ValueError(f"Unknown action: {action}")
    locked = writes.lock_decision(decision)
    refuse_if_changed(locked, EDITABLE_FIELDS, expected_stamp, message=STALE)
    if _edit(locked, by=by, fields=fields):
        return EditResult(decision=locked, reopened=True)
    if action == "save":
        return EditResult(decision=locked)
    step = {
        "submit": decision_submit_for_approval,
        "approve": decision_approve,
        "send": delivery.decision_send,
    }[action]
    try:
        with transaction.atomic():
            done = step(decision=locked, by=by)
    except RuleViolation as error:
        return EditResult(decision=locked, refused=error)
    if isinstance(done, delivery.SendResult):
        return EditResult(decision=done.decision, notices=done.notices)
    return EditResult(decision=done)
