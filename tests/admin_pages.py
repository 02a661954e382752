"""What every test of a personal-data admin asks: does a page answer, what did it log,
and can anything be written through it."""

from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.urls import reverse

from cases.models import AccessLog

# The read views a personal-data admin logs, by their admin URL name.
READ_VIEWS = ["changelist", "change", "history"]


def url(obj, view: str, *args) -> str:
    opts = obj._meta
    name = f"admin:{opts.app_label}_{opts.model_name}_{view}"
    if view in ("changelist", "add"):
        return reverse(name)
    return reverse(name, args=[obj.pk, *args])


def logged(obj, view: str) -> list[tuple[str, int | None]]:
    """(object_id, person_id) of the access-log rows this admin page wrote."""
    opts = obj._meta
    rows = AccessLog.objects.filter(
        view_name=f"admin:{opts.app_label}_{opts.model_name}_{view}",
        object_type=opts.model_name,
        action=AccessLog.Action.VIEW,
    )
    return list(rows.values_list("object_id", "person_id"))


def write_attempts(client, obj) -> dict[str, int]:
    """The status codes of adding, saving and deleting through the admin."""
    return {
        "add": client.get(url(obj, "add")).status_code,
        "change": client.post(url(obj, "change"), {}).status_code,
        "delete": client.post(url(obj, "delete"), {"post": "yes"}).status_code,
    }


def writable(user, obj) -> list[str]:
    """What the admin and its inlines would let this user add, change or delete."""
    request = RequestFactory().get("/admin/")
    request.user = user
    model_admin = site._registry[type(obj)]
    inlines = [cls(type(obj), site) for cls in model_admin.get_inlines(request, obj)]
    allowed = (
        [f"{type(model_admin).__name__}.add"] if model_admin.has_add_permission(request) else []
    )
    for part in [model_admin, *inlines]:
        name = type(part).__name__
        if part is not model_admin and part.has_add_permission(request, obj):
            allowed.append(f"{name}.add")
        if part.has_change_permission(request, obj):
            allowed.append(f"{name}.change")
        if part.has_delete_permission(request, obj):
            allowed.append(f"{name}.delete")
    return allowed


def visit(client, obj, view: str, *args) -> tuple[int, list[tuple[str, int | None]]]:
    """Open one admin page: its status code and the access-log rows it wrote."""
    response = client.get(url(obj, view, *args))
    return response.status_code, logged(obj, view)


def answered_and_logged(obj, person_id) -> tuple[int, list[tuple[str, int | None]]]:
    """What `visit` returns for a page that answers and logs this object and person."""
    return 200, [(str(obj.pk), person_id)]


def visit_past_version(client, obj) -> tuple[int, list[tuple[str, int | None]]]:
    """`visit` the simple_history page of the object's earliest version."""
    return visit(client, obj, "simple_history", obj.history.earliest().history_id)
