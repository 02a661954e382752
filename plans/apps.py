from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Individuelle planer"

    def ready(self):
        from cases.roles import Role, extend_role_permissions
        from cases.tabs import CaseTab, register_tab
        from coordinators.selectors import register_next_evaluations
        from plans.selectors import next_evaluations

        # The coordinator registry counts overdue evaluations of the plans it cannot see.
        register_next_evaluations(next_evaluations)

        # KE staff read every plan and may start a draft; the appointed coordinator
        # edits it (checked against the appointment, not a permission).
        for role in (Role.CASEWORKER, Role.LEADER, Role.ADMIN):
            extend_role_permissions(role, ["plans.view_plan", "plans.add_plan"])

        register_tab(CaseTab("plan", "Plan", "plans:case_plan", 70))
        from plans.progress import register_steps

        register_steps()
