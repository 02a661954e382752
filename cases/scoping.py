"""The one place that decides which cases a user may see.

KE staff (`cases.view_all_cases`) see the cases of their units (cases.units: a staff
member with no unit belongs to the default one); leaders and admins
(`cases.view_all_units`) see the whole municipality's. Others see the cases an app above
has registered a clause for (coordinators: an active appointment on the case); everyone
else sees nothing. Objects outside the scope are answered with 404, never 403, so their
existence leaks not. With one unit, the default, KE staff see every case.
"""

import operator
from collections.abc import Callable
from functools import reduce

from django.db.models import Exists, OuterRef, Q, QuerySet

# Each clause takes the user and returns a condition on a case row (an Exists over
# OuterRef("pk")); a case is visible when any clause holds. Registered from the upper
# apps' AppConfig.ready(), so the base knows nothing of them.
_visibility_clauses: list[Callable] = []


def register_visibility(clause: Callable) -> None:
    if clause not in _visibility_clauses:
        _visibility_clauses.append(clause)


def is_ke_staff(user) -> bool:
    """KE staff: caseworkers, leaders and admins. They see their units' cases."""
    return user.is_active and user.has_perm("cases.view_all_cases")


def sees_all_units(user) -> bool:
    """Leaders and admins: every unit's cases."""
    return is_ke_staff(user) and user.has_perm("cases.view_all_units")


def case_scope(queryset: QuerySet, user) -> QuerySet:
    if not user.is_authenticated:
        return queryset.none()
    clauses = [clause(user) for clause in _visibility_clauses]
    if is_ke_staff(user):
        if sees_all_units(user):
            return queryset
        from cases.units import unit_ids_of

        # A caseworker who is also appointed coordinator on another unit's case keeps
        # that case, as any coordinator would.
        clauses.insert(0, Q(unit__in=unit_ids_of(user.pk)))
    if not clauses:
        return queryset.none()
    return queryset.filter(reduce(operator.or_, clauses))


def person_scope(queryset: QuerySet, user) -> QuerySet:
    """People are visible through a case the user may see. KE staff also see the people
    with no case at all (a child's sibling in the family register): no unit holds them."""
    from cases.models import Case

    if not user.is_authenticated:
        return queryset.none()
    if sees_all_units(user):
        return queryset
    visible = Exists(case_scope(Case.objects.all(), user).filter(person=OuterRef("pk")))
    if is_ke_staff(user):
        visible |= ~Exists(Case.objects.filter(person=OuterRef("pk")))
    return queryset.filter(visible)
