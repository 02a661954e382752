from django.apps import AppConfig


class CoordinatorsConfig(AppConfig):
    name = "coordinators"
    verbose_name = "Koordinatorer"

    def ready(self):
        from cases.roles import Role, extend_role_permissions

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

        from coordinators.selectors import appointed_coordinator_name
        from decisions.selectors import register_coordinator_lookup

        # A granted decision's letter names the coordinator appointed; decisions sits
        # below coordinators and learns who that is only through this lookup.
        register_coordinator_lookup(appointed_coordinator_name)
