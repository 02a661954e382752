"""The assessment step of the case checklist (cases.tabs)."""

from cases.tabs import CaseStep, StepState, register_step


def assessment_state(case) -> StepState:
    return StepState.DONE if case.assessments.exists() else StepState.TODO


def register_steps() -> None:
    register_step(
        CaseStep(
            "assessment",
            "Vurdert",
            "Vurder retten",
            "eligibility:case_assessment",
            30,
            assessment_state,
        )
    )
