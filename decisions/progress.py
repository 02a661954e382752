"""The decision steps of the case checklist (cases.tabs): written, then sent."""

from cases.tabs import CaseStep, StepState, register_step
from decisions.models import Decision


def sent_outcomes(case) -> dict[str, bool]:
    """Service -> granted, for each requested service whose current decision is sent."""
    rows = Decision.objects.filter(
        case=case, replaced_by__isnull=True, status__in=Decision.SENT_STATUSES
    ).values_list("service", "outcome")
    return {service: outcome in Decision.GRANTING_OUTCOMES for service, outcome in rows}


def decision_progress(case) -> tuple[int, int]:
    """(services with a decision written, services requested)."""
    written = set(Decision.objects.filter(case=case).values_list("service", flat=True))
    asked = case.requested_kinds()
    return sum(kind in written for kind in asked), len(asked)


def sent_progress(case) -> tuple[int, int]:
    """(services whose current decision is sent, services requested)."""
    sent = sent_outcomes(case)
    asked = case.requested_kinds()
    return sum(kind in sent for kind in asked), len(asked)


def _state(progress) -> StepState:
    done, of = progress
    return StepState.DONE if done == of else StepState.TODO


def decision_state(case) -> StepState:
    return _state(decision_progress(case))


def sent_state(case) -> StepState:
    return _state(sent_progress(case))


def register_steps() -> None:
    register_step(
        CaseStep(
            "decision",
            "Vedtak",
            "Skriv vedtak",
            "decisions:case_decisions",
            40,
            decision_state,
            progress=decision_progress,
            counted="skrevet",
            # A decision is written on an assessment (fvl § 17), even one since outdated.
            proves=("assessment",),
        )
    )
    register_step(
        CaseStep(
            "sent",
            "Vedtak sendt",
            "Send vedtaket",
            "decisions:case_decisions",
            50,
            sent_state,
            progress=sent_progress,
            counted="sendt",
            proves=("assessment",),
        )
    )
