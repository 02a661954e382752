from django.apps import AppConfig


class EligibilityConfig(AppConfig):
    name = "eligibility"
    verbose_name = "Vurdering av rett"

    def ready(self):
        from cases.tabs import CaseTab, register_tab

        register_tab(CaseTab("assessment", "Vurdering", "eligibility:case_assessment", 40, True))
        from eligibility.progress import register_steps

        register_steps()
