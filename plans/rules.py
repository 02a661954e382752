"""When a plan may become active, and which dates it accepts. Pure: no database."""

import datetime
from dataclasses import dataclass

DRAFT, ACTIVE, CLOSED = "draft", "active", "closed"


@dataclass(frozen=True)
class ActivationFacts:
    status: str
    today: datetime.date
    # A consent in force that covers making the plan.
    plan_consent_in_force: bool = False
    # A consent was given once and withdrawn, and none is in force now.
    consent_withdrawn: bool = False
    coordinator_appointed: bool = False
    goal_count: int = 0
    next_evaluation_on: datetime.date | None = None


def activation_refusals(facts: ActivationFacts) -> list[str]:
    """Norwegian reasons the plan may not become active; empty when it may."""
    if facts.status == ACTIVE:
        return ["Planen er allerede aktiv."]
    if facts.status == CLOSED:
        return ["En avsluttet plan kan ikke aktiveres."]
    reasons = []
    if facts.consent_withdrawn:
        reasons.append(
            "Samtykket er trukket tilbake. Planen kan ikke aktiveres før nytt samtykke "
            "til individuell plan er registrert."
        )
    elif not facts.plan_consent_in_force:
        reasons.append("Samtykke til individuell plan mangler.")
    if not facts.coordinator_appointed:
        reasons.append("Planen har ingen oppnevnt koordinator.")
    if facts.goal_count < 1:
        reasons.append("Planen må ha minst ett mål.")
    reasons.extend(next_evaluation_refusals(facts.next_evaluation_on, facts.today, required=True))
    return reasons


def next_evaluation_refusals(
    next_on: datetime.date | None, today: datetime.date, *, required: bool
) -> list[str]:
    """An active plan always has a next evaluation, and it is never in the past."""
    if next_on is None:
        return ["Sett dato for neste evaluering."] if required else []
    if next_on < today:
        return ["Neste evaluering kan ikke ligge tilbake i tid."]
    return []


def period_refusals(starts_on: datetime.date | None, ends_on: datetime.date | None) -> list[str]:
    if starts_on and ends_on and ends_on < starts_on:
        return ["Perioden kan ikke slutte før den begynner."]
    return []


def action_point_refusals(due_on: datetime.date | None, held_on: datetime.date | None) -> list[str]:
    """An action point is agreed at a meeting, so it cannot fall due before that meeting."""
    if due_on and held_on and due_on < held_on:
        return [
            f"Fristen for et oppfølgingspunkt kan ikke være før møtedatoen ({held_on:%d.%m.%Y})."
        ]
    return []
