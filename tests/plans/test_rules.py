"""The activation rule and the date rules, without a database."""

import datetime

from plans.rules import (
    ActivationFacts,
    action_point_refusals,
    activation_refusals,
    next_evaluation_refusals,
    period_refusals,
)

TODAY = datetime.date(2026, 3, 2)


def facts(**overrides) -> ActivationFacts:
    ready = {
        "status": "draft",
        "today": TODAY,
        "plan_consent_in_force": True,
        "coordinator_appointed": True,
        "goal_count": 1,
        "next_evaluation_on": TODAY + datetime.timedelta(days=30),
    }
    return ActivationFacts(**{**ready, **overrides})


def test_a_draft_with_consent_coordinator_goal_and_next_evaluation_may_be_activated():
    assert activation_refusals(facts()) == []


def test_it_refuses_without_consent_to_the_plan():
    assert activation_refusals(facts(plan_consent_in_force=False)) == [
        "Samtykke til individuell plan mangler."
    ]


def test_it_refuses_after_consent_was_withdrawn_and_says_so():
    reasons = activation_refusals(facts(plan_consent_in_force=False, consent_withdrawn=True))
    assert len(reasons) == 1
    assert reasons[0].startswith("Samtykket er trukket tilbake.")


def test_it_refuses_without_a_coordinator():
    assert activation_refusals(facts(coordinator_appointed=False)) == [
        "Planen har ingen oppnevnt koordinator."
    ]


def test_it_refuses_without_a_goal():
    assert activation_refusals(facts(goal_count=0)) == ["Planen må ha minst ett mål."]


def test_it_refuses_without_a_next_evaluation_date():
    assert activation_refusals(facts(next_evaluation_on=None)) == [
        "Sett dato for neste evaluering."
    ]


def test_it_refuses_a_next_evaluation_date_in_the_past():
    past = TODAY - datetime.timedelta(days=1)
    assert activation_refusals(facts(next_evaluation_on=past)) == [
        "Neste evaluering kan ikke ligge tilbake i tid."
    ]


def test_an_evaluation_today_is_not_in_the_past():
    assert activation_refusals(facts(next_evaluation_on=TODAY)) == []


def test_it_names_everything_that_is_missing_at_once():
    empty = facts(
        plan_consent_in_force=False,
        coordinator_appointed=False,
        goal_count=0,
        next_evaluation_on=None,
    )
    assert len(activation_refusals(empty)) == 4


def test_an_active_plan_is_not_activated_again():
    assert activation_refusals(facts(status="active")) == ["Planen er allerede aktiv."]


def test_a_closed_plan_is_not_activated():
    assert activation_refusals(facts(status="closed")) == ["En avsluttet plan kan ikke aktiveres."]


def test_an_optional_next_evaluation_may_be_empty():
    assert next_evaluation_refusals(None, TODAY, required=False) == []


def test_a_period_may_not_end_before_it_starts():
    assert period_refusals(TODAY, TODAY - datetime.timedelta(days=1)) == [
        "Perioden kan ikke slutte før den begynner."
    ]


def test_an_open_ended_period_is_fine():
    assert period_refusals(TODAY, None) == []


def test_an_action_point_may_fall_due_on_the_meeting_day_or_later():
    assert action_point_refusals(TODAY, TODAY) == []
    assert action_point_refusals(TODAY + datetime.timedelta(days=1), TODAY) == []
    assert action_point_refusals(None, TODAY) == []


def test_an_action_point_due_before_its_meeting_is_refused_with_the_meeting_date():
    assert action_point_refusals(TODAY - datetime.timedelta(days=1), TODAY) == [
        "Fristen for et oppfølgingspunkt kan ikke være før møtedatoen (02.03.2026)."
    ]
