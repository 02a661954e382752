"""The one place that decides which cases a user may see.

KE staff with `cases.view_all_cases` see every case; others see the cases an app
above has registered a clause for (coordinators: an active appointment on the case);
everyone else sees nothing. Objects outside the scope are answered with 404, never 403,
so their existence leaks not.
"""

import operator
from collections.abc import Callable
from functools import reduce

from django.db.models import Exists, OuterRef, QuerySet

# Each clause takes the user and returns a condition on a case row (an Exists over
# OuterRef("pk")); a case is visible when any clause holds. Registered from the upper
# apps' AppConfig.ready(), so the base knows nothing of them.
_visibility_clauses: list[Callable] = []


def register_visibility(clause: Callable) -> None:
    if clause not in _visibility_clauses:
        _visibility_clauses.append(clause)


def sees_all_cases(user) -> bool:
    return user.is_active and user.has_perm("cases.view_all_cases")


def case_scope(queryset: QuerySet, user) -> QuerySet:
    if not user.is_authenticated:
        return queryset.none()
    if sees_all_cases(user):
        return queryset
    if not _visibility_clauses:
        return queryset.none()
    return queryset.filter(reduce(operator.or_, (clause(user) for clause in _visibility_clauses)))


def person_scope(queryset: QuerySet, user) -> QuerySet:
    """People are visible through a case the user may see."""
    from cases.models import Case

    if not user.is_authenticated:
        return queryset.none()
    if sees_all_cases(user):
        return queryset
    visible = case_scope(Case.objects.all(), user).filter(person=OuterRef("pk"))
    return queryset.filter(Exists(visible))
