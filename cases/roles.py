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
    names = _groups_and_permissions(user)
    for role in (Role.ADMIN, Role.LEADER, Role.CASEWORKER, Role.COORDINATOR):
        if role.label in names:
            return role.label
    return CITIZEN_ROLE if is_citizen(user) else ""


def _groups_and_permissions(user) -> set[str]:
    """The names of the user's groups. Read once a request, with the groups' permissions
    and the user's own in the same query, and kept on the user where Django's ModelBackend
    keeps its permissions: every page asks for both, and ModelBackend then reads nothing."""
    cached = getattr(user, "_ke_group_names", None)
    if cached is not None:
        return cached
    from django.contrib.auth.models import Group, Permission

    # Unordered: SQLite refuses an ORDER BY (Permission's default) inside a UNION.
    groups = (
        Group.objects.filter(user=user)
        .order_by()
        .values_list("name", "permissions__content_type__app_label", "permissions__codename")
    )
    own = (
        Permission.objects.filter(user=user)
        .order_by()
        .values_list(
            models.Value(None, output_field=models.CharField()),
            "content_type__app_label",
            "codename",
        )
    )
    names, from_groups, from_user = set(), set(), set()
    for group, app_label, codename in groups.union(own, all=True):
        if group is not None:
            names.add(group)
        if codename is not None:
            (from_user if group is None else from_groups).add(f"{app_label}.{codename}")
    user._user_perm_cache, user._group_perm_cache = from_user, from_groups
    user._perm_cache = from_user | from_groups
    user._ke_group_names = names
    return names


class RoleBackend:
    """Listed before ModelBackend, which it answers for: a user's permissions come from the
    query that reads their groups (above). It logs no one in and has no get_user(), so no
    session is ever its own; superusers, who have every permission, are left to ModelBackend."""

    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user_obj, perm, obj=None) -> bool:
        return perm in self.get_all_permissions(user_obj, obj)

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if user_obj.is_superuser:
            return set()
        _groups_and_permissions(user_obj)
        return user_obj._perm_cache


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
