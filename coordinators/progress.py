"""The coordinator step of the case checklist (cases.tabs): appoint once it is granted."""

from cases.tabs import CaseStep, StepState, register_step
from cases.vocabulary import ServiceKind
from coordinators.models import Appointment
from decisions.progress import sent_outcomes

COORDINATOR_KINDS = (ServiceKind.COORDINATOR, ServiceKind.CHILD_COORDINATOR)


def coordinator_state(case) -> StepState:
    asked = [kind for kind in case.requested_kinds() if kind in COORDINATOR_KINDS]
    if not asked:
        return StepState.NOT_NEEDED
    if Appointment.objects.filter(case=case, ended_on__isnull=True).exists():
        return StepState.DONE
    sent = sent_outcomes(case)
    if all(kind in sent and not sent[kind] for kind in asked):
        return StepState.NOT_NEEDED  # refused: there is no one to appoint
    return StepState.TODO


def register_steps() -> None:
    register_step(
        CaseStep(
            "coordinator",
            "Koordinator",
            "Oppnevn koordinator",
            "coordinators:case_coordinator",
            60,
            coordinator_state,
        )
    )
