"""The transition table, pure: no database."""

import pytest

from cases.models import Case
from cases.workflow import ALLOWED_TRANSITIONS, TransitionFacts, can_transition, refusals

S = Case.Status
ALL_FACTS = TransitionFacts(
    consent_in_force=True,
    decision_sent=True,
    coordinator_or_plan_active=True,
    closed_reason=Case.ClosedReason.NEED_ENDED,
)

ALLOWED = [
    (S.REGISTERED, S.AWAITING_CONSENT, TransitionFacts()),
    (S.REGISTERED, S.UNDER_ASSESSMENT, TransitionFacts(consent_in_force=True)),
    (S.REGISTERED, S.CLOSED, TransitionFacts(closed_reason="withdrawn")),
    (S.AWAITING_CONSENT, S.UNDER_ASSESSMENT, TransitionFacts(consent_in_force=True)),
    (S.AWAITING_CONSENT, S.CLOSED, TransitionFacts(closed_reason="persons_wish")),
    (S.UNDER_ASSESSMENT, S.AWAITING_CONSENT, TransitionFacts()),
    (S.UNDER_ASSESSMENT, S.DECIDED, TransitionFacts(consent_in_force=True, decision_sent=True)),
    (S.UNDER_ASSESSMENT, S.CLOSED, TransitionFacts(closed_reason="moved")),
    (S.DECIDED, S.FOLLOW_UP, TransitionFacts(coordinator_or_plan_active=True)),
    (S.DECIDED, S.UNDER_ASSESSMENT, TransitionFacts(consent_in_force=True)),
    (S.DECIDED, S.CLOSED, TransitionFacts(closed_reason="need_ended")),
    (S.FOLLOW_UP, S.AWAITING_CONSENT, TransitionFacts()),
    (S.FOLLOW_UP, S.CLOSED, TransitionFacts(closed_reason="deceased")),
]


@pytest.mark.parametrize("current,target,facts", ALLOWED, ids=lambda v: str(v))
def test_it_allows_the_transitions_in_the_table_when_their_rule_holds(current, target, facts):
    assert refusals(current, target, facts) == []


REFUSED_BY_RULE = [
    (S.AWAITING_CONSENT, S.UNDER_ASSESSMENT, TransitionFacts(), "samtykke"),
    (S.UNDER_ASSESSMENT, S.DECIDED, TransitionFacts(consent_in_force=True), "vedtak er sendt"),
    (S.DECIDED, S.FOLLOW_UP, TransitionFacts(), "koordinator eller en aktiv plan"),
    (S.UNDER_ASSESSMENT, S.CLOSED, TransitionFacts(), "hvorfor saken avsluttes"),
    (S.UNDER_ASSESSMENT, S.AWAITING_CONSENT, TransitionFacts(consent_in_force=True), "gyldig"),
]


@pytest.mark.parametrize("current,target,facts,reason", REFUSED_BY_RULE, ids=lambda v: str(v))
def test_it_refuses_an_allowed_transition_whose_rule_fails_and_says_why(
    current, target, facts, reason
):
    assert reason in " ".join(refusals(current, target, facts))


NOT_IN_TABLE = [
    (current, target)
    for current in S
    for target in S
    if target != current and target not in ALLOWED_TRANSITIONS[current]
]


@pytest.mark.parametrize("current,target", NOT_IN_TABLE, ids=lambda v: str(v))
def test_it_refuses_every_transition_outside_the_table_even_with_every_fact_in_place(
    current, target
):
    assert can_transition(current, target, ALL_FACTS) is False


def test_a_closed_case_can_only_be_reopened_to_assessment_or_to_wait_for_consent():
    assert ALLOWED_TRANSITIONS[S.CLOSED] == {S.UNDER_ASSESSMENT, S.AWAITING_CONSENT}


def test_reopening_a_closed_case_needs_a_reason():
    assert refusals(S.CLOSED, S.UNDER_ASSESSMENT, ALL_FACTS) == ["Oppgi hvorfor saken gjenåpnes."]


def test_it_refuses_a_transition_to_the_same_state():
    assert "allerede status" in refusals(S.DECIDED, S.DECIDED, ALL_FACTS)[0]
