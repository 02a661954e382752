"""Access control and the access log, used by every view that shows a person's data."""

from django.contrib.auth.decorators import permission_required
from django.http import Http404
from django.utils import timezone

from cases.models import AccessLog
from cases.roles import user_role
from core.proxy import client_ip


def caseworker_required(view):
    """KE staff only; anyone else gets 403. Marked so the URL walk test can find it."""
    wrapped = permission_required("cases.view_all_cases", raise_exception=True)(view)
    wrapped.caseworker_only = True
    return wrapped


def _who(request, role=None) -> dict:
    """The fields of a row that say who looked, from where: the same for every row of a request."""
    match = getattr(request, "resolver_match", None)
    user = request.user
    return {
        "user": user if user.is_authenticated else None,
        "username": user.get_username() if user.is_authenticated else "",
        "role": user_role(user) if role is None else role,
        "view_name": match.view_name if match else "",
        # The same address django-axes locks out, read past our own proxies only.
        "ip_address": client_ip(request),
        # Set by core.middleware.RequestIdMiddleware.
        "request_id": getattr(request, "request_id", ""),
    }


def _write(request, *, object_type, object_id, action, person_id=None, role=None) -> AccessLog:
    who = _who(request, role)
    row = AccessLog(
        **who,
        person_id=person_id,
        object_type=object_type,
        object_id=str(object_id),
        action=action,
    )
    if action != AccessLog.Action.DENIED:
        row.save()
        return row
    # One denied row per user, object type and minute (the model's unique constraint):
    # a later attempt in the same minute is dropped by ON CONFLICT DO NOTHING (INSERT OR
    # IGNORE on SQLite), which neither races nor breaks an enclosing transaction.
    row.denied_minute = timezone.now().replace(second=0, microsecond=0)
    AccessLog.objects.bulk_create([row], ignore_conflicts=True)
    return row


def log_access(
    request, *, obj, action=AccessLog.Action.VIEW, person_id=None, role=None
) -> AccessLog:
    """Write one access-log row for this request.

    `person_id` is the person whose data is shown; for a Person it is the object itself,
    for anything with a `person_id` (a case, a plan) that person. `role` names the role
    the user saw it in where it is not a staff role (a plan's parent, its school).
    """
    if person_id is None:
        is_person = obj._meta.model_name == "person"
        person_id = obj.pk if is_person else getattr(obj, "person_id", None)
    return _write(
        request,
        object_type=obj._meta.model_name,
        object_id=obj.pk,
        action=action,
        person_id=person_id,
        role=role,
    )


def log_list(
    request, *, object_type: str, shown, action=AccessLog.Action.VIEW, searched="", user=None
) -> list[AccessLog]:
    """Write one access-log row per object and person a list shows, in one INSERT.

    `shown` holds `(object_id, person_id)` pairs: an object about several people (a
    family) comes once per person, one about nobody in the register (a coordinator)
    with None. A row per person keeps "who has seen my data" one indexed lookup.
    `searched`, `user`: as for `log_shown`.
    """
    return log_shown(request, {object_type: shown}, action=action, searched=searched, user=user)


def log_shown(
    request, shown: dict, *, action=AccessLog.Action.VIEW, searched="", user=None, role=None
) -> list[AccessLog]:
    """As `log_list`, for a page that lists objects of several types: `shown` maps each
    object type to its `(object_id, person_id)` pairs. Still one INSERT.

    `searched` is the kind of term a search used ("fødselsnummer", "navn"), never the
    term itself: it adds a row about no one that records that a search was made, so a
    search that found nobody is logged too. `user` is who a page without a login was
    shown for (the calendar feed reached by its owner's token). `role`: as for `log_access`.
    """
    who = _who(request, role)
    if user is not None:
        who.update(user=user, username=user.get_username(), role=user_role(user))
    rows = [("search", searched, None)] if searched else []
    for object_type, pairs in shown.items():
        rows += dict.fromkeys((object_type, str(o), p) for o, p in pairs)
    entries = [
        AccessLog(
            **who, person_id=person_id, object_type=object_type, object_id=object_id, action=action
        )
        for object_type, object_id, person_id in rows
    ]
    if len(entries) == 1:
        # One row, one INSERT: bulk_create would wrap it in BEGIN and COMMIT.
        entries[0].save()
        return entries
    return AccessLog.objects.bulk_create(entries)


def get_visible_or_404(request, queryset, *, pk, object_type: str):
    """Fetch one object inside the user's scope, or log the attempt and raise 404.

    Attempts are logged once per user, object type and minute, so probing ids one after
    another cannot grow the log without bound.
    """
    try:
        return queryset.get(pk=pk)
    except queryset.model.DoesNotExist:
        _write(request, object_type=object_type, object_id=pk, action=AccessLog.Action.DENIED)
        raise Http404 from None
