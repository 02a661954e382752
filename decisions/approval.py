"""The leader's approval of a decision before it is sent, as Norwegian refusals. Pure.

The services refuse with these, and the decision page shows only the buttons these allow,
so the rules are stated here once (KE_DECISION_APPROVAL_REQUIRED turns approval on).
"""

from dataclasses import dataclass

DRAFT = "draft"
AWAITING_APPROVAL = "awaiting_approval"


@dataclass(frozen=True)
class ApprovalFacts:
    status: str
    approved: bool
    written_by_id: int | None
    approval_required: bool

    @classmethod
    def of(cls, decision, *, approval_required: bool) -> "ApprovalFacts":
        return cls(
            status=decision.status,
            approved=decision.approved_at is not None,
            written_by_id=decision.decided_by_id,
            approval_required=approval_required,
        )


def submit_refusals(facts: ApprovalFacts) -> list[str]:
    if facts.status != DRAFT:
        return ["Bare et utkast kan sendes til godkjenning."]
    return []


def approve_refusals(facts: ApprovalFacts, *, user_id: int, may_approve: bool) -> list[str]:
    if not may_approve:
        return ["Bare en leder i koordinerende enhet kan godkjenne vedtak."]
    if facts.status != AWAITING_APPROVAL:
        return ["Vedtaket venter ikke på godkjenning."]
    if facts.approved:
        return ["Vedtaket er allerede godkjent."]
    if facts.written_by_id == user_id:
        return ["Du kan ikke godkjenne et vedtak du selv har skrevet."]
    return []


def send_refusals(facts: ApprovalFacts) -> list[str]:
    if facts.approval_required and not facts.approved:
        return ["Vedtaket må godkjennes av en leder før det sendes."]
    return []


def available_steps(
    facts: ApprovalFacts, *, user_id: int, may_approve: bool, letter_complete: bool
) -> set[str]:
    """The buttons the decision page offers this user: "submit", "approve", "send"."""
    steps = set()
    if facts.approval_required and letter_complete and not submit_refusals(facts):
        steps.add("submit")
    if not approve_refusals(facts, user_id=user_id, may_approve=may_approve):
        steps.add("approve")
    if letter_complete and not send_refusals(facts):
        steps.add("send")
    return steps
