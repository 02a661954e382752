"""The one place that decides which cases a user may see.

KE staff with `cases.view_all_cases` see every case; a coordinator sees the
cases they hold an active appointment on; everyone else sees nothing. Objects
outside the scope are answered with 404, never 403, so their existence leaks not.
"""

from django.db.models import Exists, OuterRef, QuerySet


def sees_all_cases(user) -> bool:
    return user.is_active and user.has_perm("cases.view_all_cases")


def case_scope(queryset: QuerySet, user) -> QuerySet:
    if not user.is_authenticated:
        return queryset.none()
    if sees_all_cases(user):
        return queryset
    from coordinators.models import Appointment

    held = Appointment.objects.filter(
        case=OuterRef("pk"), coordinator__user=user, ended_on__isnull=True
    )
    return queryset.filter(Exists(held))


def person_scope(queryset: QuerySet, user) -> QuerySet:
    """People are visible through a case the user may see."""
    from cases.models import Case

    if not user.is_authenticated:
        return queryset.none()
    if sees_all_cases(user):
        return queryset
    visible = case_scope(Case.objects.all(), user).filter(person=OuterRef("pk"))
    return queryset.filter(Exists(visible))
