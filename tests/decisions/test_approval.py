from decisions.approval import (
    ApprovalFacts,
    approve_refusals,
    available_steps,
    send_refusals,
    submit_refusals,
)

WRITER, LEADER = 1, 2


def facts(status="draft", *, approved=False, required=True) -> ApprovalFacts:
    return ApprovalFacts(
        status=status, approved=approved, written_by_id=WRITER, approval_required=required
    )


def test_only_a_draft_goes_for_approval():
    assert submit_refusals(facts("awaiting_approval")) == [
        "Bare et utkast kan sendes til godkjenning."
    ]


def test_a_leader_approves_what_awaits_approval():
    assert approve_refusals(facts("awaiting_approval"), user_id=LEADER, may_approve=True) == []


def test_nobody_approves_their_own_decision():
    assert approve_refusals(facts("awaiting_approval"), user_id=WRITER, may_approve=True) == [
        "Du kan ikke godkjenne et vedtak du selv har skrevet."
    ]


def test_only_a_leader_approves():
    assert approve_refusals(facts("awaiting_approval"), user_id=LEADER, may_approve=False) == [
        "Bare en leder i koordinerende enhet kan godkjenne vedtak."
    ]


def test_an_unapproved_decision_is_not_sent_when_approval_is_required():
    assert send_refusals(facts()) == ["Vedtaket må godkjennes av en leder før det sendes."]


def test_without_required_approval_a_decision_is_sent_as_it_is():
    assert send_refusals(facts(required=False)) == []


def test_the_page_offers_a_draft_for_approval_but_not_for_sending():
    steps = available_steps(facts(), user_id=WRITER, may_approve=False, letter_complete=True)
    assert steps == {"submit"}


def test_the_page_offers_a_leader_approval_then_sending():
    waiting = facts("awaiting_approval")
    assert available_steps(waiting, user_id=LEADER, may_approve=True, letter_complete=True) == {
        "approve"
    }
    approved = facts("awaiting_approval", approved=True)
    assert available_steps(approved, user_id=LEADER, may_approve=True, letter_complete=True) == {
        "send"
    }


def test_an_incomplete_letter_offers_no_step_but_approval():
    waiting = facts("awaiting_approval")
    steps = available_steps(waiting, user_id=LEADER, may_approve=True, letter_complete=False)
    assert steps == {"approve"}
