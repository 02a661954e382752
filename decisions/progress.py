"""The decision steps of the case checklist (cases.tabs): written, then sent."""

from cases.tabs import CaseStep, StepState, register_step
from decisions.models import Decision


def sent_outcomes(case) -> dict[str, bool]:
    """Service -> granted, for each requested service whose current decision is sent."""
    rows = Decision.objects.filter(
        case=case, replaced_by__isnull=True, status__in=Decision.SENT_STATUSES
    ).values_list("service", "outcome")
    return {service: outcome in Decision.GRANTING_OUTCOMES for service, outcome in rows}


def decision_state(case) -> StepState:
    written = set(Decision.objects.filter(case=case).values_list("service", flat=True))
    missing = [kind for kind in case.requested_kinds() if kind not in written]
    return StepState.TODO if missing else StepState.DONE


def sent_state(case) -> StepState:
    sent = sent_outcomes(case)
    unsent = [kind for kind in case.requested_kinds() if kind not in sent]
    return StepState.TODO if unsent else StepState.DONE


def register_steps() -> None:
    register_step(
        CaseStep(
            "decision",
            "Vedtak",
            "Skriv vedtak",
            "decisions:case_decisions",
            40,
            decision_state,
        )
    )
    register_step(
        CaseStep(
            "sent", "Vedtak sendt", "Send vedtaket", "decisions:case_decisions", 50, sent_state
        )
    )
