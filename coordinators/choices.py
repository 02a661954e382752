"""The coordinators a select offers: a few, found by name, never the whole register."""

from django.db.models import Q

from coordinators.models import Coordinator

OFFERED_IN_A_SELECT = 25


def coordinators_named(name: str, *, keep=None, active_only=False) -> list[Coordinator]:
    """The few coordinators a select offers: those whose name has `name` in it (all if
    empty, first by name), and `keep` (the one already chosen) whatever it is called."""
    found = list(
        _named(name, active_only=active_only).select_related("user", "service_area")[
            :OFFERED_IN_A_SELECT
        ]
    )
    if keep is not None and keep not in found:
        found.insert(0, keep)
    return found


def coordinators_offered(name: str, *, keep_pk: int | None = None, active_only=False):
    """As coordinators_named, as one query for a select's choices: the first by name
    whose name has `name` in it, and the one with `keep_pk` whatever it is called."""
    first = _named(name, active_only=active_only).values("pk")[:OFFERED_IN_A_SELECT]
    offered = Q(pk__in=first)
    if keep_pk is not None:
        offered |= Q(pk=keep_pk)
    return Coordinator.objects.filter(offered).select_related("user")


def _named(name: str, *, active_only: bool):
    found = Coordinator.objects.all()
    if active_only:
        found = found.filter(active=True)
    for term in name.split():
        found = found.filter(
            Q(user__first_name__icontains=term) | Q(user__last_name__icontains=term)
        )
    return found
