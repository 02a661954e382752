"""Which case states may follow which, and why a transition is refused. Pure."""

from dataclasses import dataclass

from cases.models.case import Case

S = Case.Status

ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    S.REGISTERED: frozenset({S.AWAITING_CONSENT, S.UNDER_ASSESSMENT, S.CLOSED}),
    S.AWAITING_CONSENT: frozenset({S.UNDER_ASSESSMENT, S.CLOSED}),
    # Back to awaiting consent when consent is withdrawn.
    S.UNDER_ASSESSMENT: frozenset({S.AWAITING_CONSENT, S.DECIDED, S.CLOSED}),
    # Back to assessment when a complaint makes the KE reconsider.
    S.DECIDED: frozenset({S.FOLLOW_UP, S.UNDER_ASSESSMENT, S.CLOSED}),
    S.FOLLOW_UP: frozenset({S.AWAITING_CONSENT, S.CLOSED}),
    # Reopened, with a reason: to assessment, or to wait for consent if none is in force.
    S.CLOSED: frozenset({S.UNDER_ASSESSMENT, S.AWAITING_CONSENT}),
}


@dataclass(frozen=True)
class TransitionFacts:
    consent_in_force: bool = False
    decision_sent: bool = False
    coordinator_or_plan_active: bool = False
    closed_reason: str = ""
    reopen_reason: str = ""


def refusals(current: str, target: str, facts: TransitionFacts) -> list[str]:
    """Norwegian reasons the transition is refused; empty when it is allowed."""
    if current == target:
        return [f"Saken har allerede status «{S(current).label}»."]
    if target not in ALLOWED_TRANSITIONS[current]:
        return [f"En sak kan ikke gå fra «{S(current).label}» til «{S(target).label}»."]
    reasons = []
    if current == S.CLOSED and not facts.reopen_reason.strip():
        reasons.append("Oppgi hvorfor saken gjenåpnes.")
    if target == S.UNDER_ASSESSMENT and not facts.consent_in_force:
        reasons.append("Saken kan ikke vurderes før samtykke er registrert.")
    if target == S.AWAITING_CONSENT and facts.consent_in_force:
        reasons.append("Saken har et gyldig samtykke og venter ikke på samtykke.")
    if target == S.DECIDED and not facts.decision_sent:
        reasons.append("Status «Vedtak fattet» settes når et vedtak er sendt.")
    if target == S.FOLLOW_UP and not facts.coordinator_or_plan_active:
        reasons.append("Oppfølging krever en oppnevnt koordinator eller en aktiv plan.")
    if target == S.CLOSED and not facts.closed_reason:
        reasons.append("Oppgi hvorfor saken avsluttes.")
    return reasons


def can_transition(current: str, target: str, facts: TransitionFacts) -> bool:
    return not refusals(current, target, facts)
