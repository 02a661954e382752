"""The plan step of the case checklist (cases.tabs): the plan made and activated."""

from cases.tabs import CaseStep, StepState, register_step
from cases.vocabulary import ServiceKind
from decisions.progress import sent_outcomes
from plans.models import Plan


def plan_state(case) -> StepState:
    if not case.requests_plan:
        return StepState.NOT_NEEDED
    if Plan.objects.filter(case=case, status=Plan.Status.ACTIVE).exists():
        return StepState.DONE
    sent = sent_outcomes(case)
    if sent.get(ServiceKind.PLAN) is False:
        return StepState.NOT_NEEDED  # refused
    return StepState.TODO


def register_steps() -> None:
    register_step(
        CaseStep("plan", "Plan", "Opprett planen og aktiver den", "plans:case_plan", 70, plan_state)
    )
