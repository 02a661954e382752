from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Individuelle planer"

    def ready(self):
        from cases.roles import Role, extend_role_permissions
        from cases.tabs import CaseTab, register_tab
        from coordinators.selectors import register_overdue_evaluations
        from plans.selectors import overdue_evaluations

        # The coordinator registry counts overdue evaluations of the plans it cannot see.
        register_overdue_evaluations(overdue_evaluations)

        # KE staff read every plan and may start a draft; the appointed coordinator
        # edits it (checked against the appointment, not a permission).
        for role in (Role.CASEWORKER, Role.LEADER, Role.ADMIN):
            extend_role_permissions(role, ["plans.view_plan", "plans.add_plan"])

        register_tab(CaseTab("plan", "Plan", "plans:case_plan", 70))

        # Citizens reach the participant pages, and see their plans on their start page.
        from cases.citizen_home import CitizenSection, register_section
        from cases.login.boundary import open_to_citizens
        from plans.participant_views import citizen_section

        open_to_citizens(namespaces=("participant",))
        register_section(
            CitizenSection("plans", "plans/participant/citizen_section.html", citizen_section, 10)
        )
        from plans.progress import register_steps

        register_steps()
