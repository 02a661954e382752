"""The four roles, as Django groups. Permissions per role live here only."""

from django.db import models

from cases.login.accounts import is_citizen


class Role(models.TextChoices):
    CASEWORKER = "saksbehandler", "Saksbehandler"
    LEADER = "leder", "Leder"
    COORDINATOR = "koordinator", "Koordinator"
    ADMIN = "administrator", "Administrator"


# Not a group: a citizen logged in with ID-porten (cases.login), as the access log names them.
CITIZEN_ROLE = "Innbygger"

# Group name -> "app_label.codename" permissions.
_CASEWORK = [
    "cases.view_all_cases",
    *[
        f"cases.{verb}_{model}"
        for model in (
            "case",
            "person",
            "relation",
            "family",
            "familymember",
            "personservice",
            "consent",
            "timelineentry",
        )
        for verb in ("view", "add", "change")
    ],
    "cases.view_service",
]
_LEADING = [
    *_CASEWORK,
    "cases.view_accesslog",
    # Leaders see every unit's cases; caseworkers their own units' (cases.units).
    "cases.view_all_units",
    # When a caseworker is away, a leader hands their cases over to another.
    "cases.hand_over_cases",
]
ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.CASEWORKER: _CASEWORK,
    Role.LEADER: _LEADING,
    Role.COORDINATOR: [],
    Role.ADMIN: [
        *_LEADING,
        "cases.add_service",
        "cases.change_service",
        "cases.view_unit",
        "cases.add_unit",
        "cases.change_unit",
        "auth.view_user",
        "auth.add_user",
        "auth.change_user",
    ],
}


def extend_role_permissions(role: str, permissions: list[str]) -> None:
    """Later apps add their permissions here, from their AppConfig.ready()."""
    ROLE_PERMISSIONS[role].extend(p for p in permissions if p not in ROLE_PERMISSIONS[role])


def user_role(user) -> str:
    """The user's main role, for the access log and the menu."""
    if not user.is_authenticated:
        return ""
    if user.is_superuser:
        return Role.ADMIN.label
    names = {g.name for g in user.groups.all()}
    for role in (Role.ADMIN, Role.LEADER, Role.CASEWORKER, Role.COORDINATOR):
        if role.label in names:
            return role.label
    return CITIZEN_ROLE if is_citizen(user) else ""


def sync_role_groups(**kwargs) -> None:
    """Create the role groups and give each exactly its permissions (post_migrate)."""
    from django.contrib.auth.models import Group, Permission

    for role, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=Role(role).label)
        wanted = []
        for perm in perms:
            app_label, codename = perm.split(".")
            wanted.extend(
                Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(wanted)
