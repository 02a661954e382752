from django.apps import AppConfig

_MODELS = ("decision", "letter", "dispatch", "complaint")
CASEWORK = [f"decisions.{verb}_{model}" for model in _MODELS for verb in ("view", "add", "change")]


class DecisionsConfig(AppConfig):
    name = "decisions"
    verbose_name = "Vedtak"

    def ready(self):
        from cases.roles import Role, extend_role_permissions
        from cases.tabs import CaseTab, register_tab

        for role in (Role.CASEWORKER, Role.LEADER, Role.ADMIN):
            extend_role_permissions(role, CASEWORK)
        # Only leaders approve decisions before they are sent (KE_DECISION_APPROVAL_REQUIRED).
        for role in (Role.LEADER, Role.ADMIN):
            extend_role_permissions(role, ["decisions.approve_decision"])

        register_tab(CaseTab("decisions", "Vedtak", "decisions:case_decisions", 50, True))
        from decisions.progress import register_steps

        register_steps()
