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

# Each clause takes the user and a reference to the case's id (an OuterRef) and returns a
# condition on that case (an Exists over the reference), or None when it cannot hold for
# this user; a case is visible when any clause holds. Registered from the upper apps'
# AppConfig.ready(), so the base knows nothing of them.
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
    return queryset.filter(case_visible(user, ""))


def case_visible(user, path: str = "case__") -> Q:
    """The scope as a condition on the case a query reaches by `path` ("" on the cases
    themselves, "plan__case__" on meetings).

    It filters the case the query joins anyway. `case__in=<the visible cases>` would add
    a semi-join of its own. PostgreSQL then plans a query of six tables in about 6 ms
    instead of 2, and that cost comes on every list of a related object.
    """
    nothing = Q(pk__in=[])  # compiles to no query at all
    if not user.is_authenticated:
        return nothing
    case = OuterRef(path.removesuffix("__") if path else "pk")
    clauses = [clause(user, case) for clause in _visibility_clauses]
    clauses = [clause for clause in clauses if clause is not None]
    if is_ke_staff(user):
        if sees_all_units(user):
            return Q()
        if clauses and path:
            # A caseworker who also coordinates: the unit is the case's column, the other
            # clauses test the reference to it (the plan's case_id). PostgreSQL can apply
            # such an OR only once the two tables are joined, and for a count it joins
            # them by hashing every case. The semi-join keeps the OR on the case.
            from cases.models import Case

            return Q(**{f"{path}in": Case.objects.filter(case_visible(user, ""))})
        from cases.units import unit_ids_of

        # A caseworker who is also appointed coordinator on another unit's case keeps
        # that case, as any coordinator would.
        clauses.insert(0, Q(**{f"{path}unit__in": unit_ids_of(user.pk)}))
    if not clauses:
        return nothing
    return reduce(operator.or_, clauses)


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
