from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "followup"
    verbose_name = "Oppfølging"

    def ready(self):
        from cases.tabs import CaseAction, register_action, register_endpoint

        # Closing a case and withdrawing consent reach the plan and the appointments.
        register_action(CaseAction("Avslutt sak", "followup:case_close", 90, danger=True))
        register_endpoint("consent_withdraw", "followup:consent_withdraw")
