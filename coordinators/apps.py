from django.apps import AppConfig


class CoordinatorsConfig(AppConfig):
    name = "coordinators"
    verbose_name = "Koordinatorer"

    def ready(self):
        from cases.roles import Role, extend_role_permissions
        from cases.scoping import register_visibility
        from cases.tabs import CaseTab, register_tab
        from coordinators.scoping import held_by_active_appointment

        # A coordinator sees the cases they hold an active appointment on.
        register_visibility(held_by_active_appointment)

        appointing = [
            "coordinators.view_coordinator",
            "coordinators.view_appointment",
            "coordinators.add_appointment",
            "coordinators.change_appointment",
        ]
        for role in (Role.CASEWORKER, Role.LEADER, Role.ADMIN):
            extend_role_permissions(role, appointing)
        # Leaders keep the registry; admins keep the service areas as reference data.
        for role in (Role.LEADER, Role.ADMIN):
            extend_role_permissions(
                role, ["coordinators.add_coordinator", "coordinators.change_coordinator"]
            )
        extend_role_permissions(
            Role.ADMIN,
            [
                "coordinators.add_servicearea",
                "coordinators.change_servicearea",
                "coordinators.view_servicearea",
            ],
        )
        extend_role_permissions(Role.COORDINATOR, ["coordinators.view_appointment"])
        # The KE trains and guides coordinators and records the applicant's wish.
        training = [
            "coordinators.view_course",
            *[
                f"coordinators.{verb}_{model}"
                for model in ("trainingsession", "attendance", "completion", "guidancesession")
                for verb in ("view", "add", "change")
            ],
            "coordinators.view_coordinatorwish",
            "coordinators.add_coordinatorwish",
            "coordinators.change_coordinatorwish",
        ]
        for role in (Role.CASEWORKER, Role.LEADER, Role.ADMIN):
            extend_role_permissions(role, training)
        # Courses are maintained by admins.
        extend_role_permissions(
            Role.ADMIN, ["coordinators.add_course", "coordinators.change_course"]
        )

        register_tab(CaseTab("coordinator", "Koordinator", "coordinators:case_coordinator", 60))
        from coordinators.progress import register_steps

        register_steps()

        from coordinators.selectors import appointed_coordinator_name
        from decisions.selectors import register_coordinator_lookup

        # A granted decision's letter names the coordinator appointed; decisions sits
        # below coordinators and learns who that is only through this lookup.
        register_coordinator_lookup(appointed_coordinator_name)
