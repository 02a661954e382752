"""Where a case stands on the steps cases knows itself: consent and the services counted.

Registered as checklist steps (cases.tabs) from CasesConfig.ready(); the apps above add
the assessment, the decision, its sending, the coordinator and the plan.
"""

from cases.models import Case, PersonService
from cases.tabs import CaseStep, StepState, register_step


def consent_state(case: Case) -> StepState:
    return StepState.DONE if case.consents.in_force().exists() else StepState.TODO


def services_state(case: Case) -> StepState:
    has_any = PersonService.objects.filter(person_id=case.person_id).exists()
    return StepState.DONE if has_any else StepState.TODO


def register_steps() -> None:
    register_step(
        CaseStep("consent", "Samtykke", "Registrer samtykke", "cases:consent", 10, consent_state)
    )
    register_step(
        CaseStep(
            "services",
            "Tjenester",
            "Registrer tjenestene personen mottar eller trenger",
            "cases:services",
            20,
            services_state,
        )
    )
