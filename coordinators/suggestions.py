"""Ranked coordinator suggestions for a case, read for ranking.py in three queries.

A municipality may have thousands of coordinators: they are read as plain values (no
model instances), with their load and latest completions counted in SQL once for all
of them, and the pure ranking orders them all; the page shows the best few
(coordinators/views.py).
"""

import datetime

from django.db.models import Count, Max, Q
from django.utils import timezone

from cases.models import Case, PersonService
from coordinators import qualification, ranking
from coordinators.models import Appointment, Completion, Coordinator, ServiceArea
from coordinators.selectors import ROLE_FOR_KIND, course_rules


def _active_loads() -> dict[int, int]:
    """Each coordinator's active appointments, counted once for all of them: one pass
    over the partial index on open appointments (appointment_active, index only)."""
    counts = (
        Appointment.objects.filter(ended_on__isnull=True)
        .order_by()
        .values("coordinator")
        .annotate(n=Count("*"))
        .values_list("coordinator", "n")
    )
    return dict(counts)


def _latest_completions(rules, today: datetime.date) -> dict[tuple[int, int], datetime.date]:
    """(coordinator, course): the latest completion dated today or earlier (a later
    one does not count yet, as in qualification.qualification)."""
    latest = (
        Completion.objects.filter(completed_on__lte=today, course_id__in=[r.id for r in rules])
        .order_by()
        .values("coordinator", "course")
        .annotate(last=Max("completed_on"))
        .values_list("coordinator", "course", "last")
    )
    return {(coordinator, course): last for coordinator, course, last in latest}


def candidate_values(kind: str, *, today: datetime.date, wished_id=None):
    """Every coordinator the ranking may suggest, as plain values: thousands of them, so
    no model instances, and their load and completions read once for all of them (two
    grouped queries) rather than per coordinator. Those the ranking leaves out anyway
    (inactive, or not taking child cases for a barnekoordinator) are not read, the wish
    excepted."""
    rules = course_rules()
    role = ROLE_FOR_KIND[kind]
    eligible = Q(active=True)
    if kind == Appointment.Kind.CHILD_COORDINATOR:
        eligible &= Q(can_take_child_cases=True)
    coordinators = Coordinator.objects.filter(
        eligible | Q(pk=wished_id) if wished_id else eligible
    ).order_by()
    rows = coordinators.values_list(
        "pk",
        "user__first_name",
        "user__last_name",
        "user__username",
        "service_area__slug",
        "service_area__name",
        "capacity",
        "can_take_child_cases",
        "active",
    )
    loads = _active_loads()
    latest = _latest_completions(rules, today)
    # Completions are registered per course day, so many coordinators share the same
    # latest days, and with them the same qualification.
    qualified_by_days = {}
    areas = {}
    result = []
    for pk, first, last, username, slug, area, capacity, child, active in rows:
        days = tuple(latest.get((pk, rule.id)) for rule in rules)
        q = qualified_by_days.get(days)
        if q is None:
            completed = [
                qualification.Completed(rule.id, day)
                for rule, day in zip(rules, days, strict=True)
                if day is not None
            ]
            q = qualified_by_days[days] = qualification.qualification(role, rules, completed, today)
        result.append(
            ranking.Candidate(
                id=pk,
                name=f"{first} {last}".strip() or username,
                area=areas.get(slug) or areas.setdefault(slug, ranking.Area(slug, area)),
                active_cases=loads.get(pk, 0),
                capacity=capacity,
                qualified=q.qualified,
                lacking_training=q.lacking,
                can_take_child_cases=child,
                active=active,
            )
        )
    return result


def person_facts(case: Case, today: datetime.date) -> ranking.PersonFacts:
    received = PersonService.objects.filter(
        person_id=case.person_id, status=PersonService.Status.RECEIVED
    ).prefetch_related("service__coordinator_areas")
    person = case.person
    return ranking.PersonFacts(
        today=today,
        born_on=person.born_on,
        expected_on=person.expected_on,
        services=tuple(
            ranking.ReceivedService(
                name=ps.service.name,
                health_and_care=ps.service.category != "welfare",
                areas=tuple(
                    ranking.Area(a.slug, a.name) for a in ps.service.coordinator_areas.all()
                ),
            )
            for ps in received
        ),
    )


def suggestions(
    case: Case, kind: str, *, wish=None, today=None, limit=None, name="", replacing=None
) -> list[ranking.Suggestion]:
    """`replacing`: the active appointment a new one would replace; its coordinator is
    not suggested."""
    today = today or timezone.localdate()
    wished_id = wish.coordinator_id if wish else None
    return ranking.rank(
        kind=ROLE_FOR_KIND[kind],
        person=person_facts(case, today),
        candidates=candidate_values(kind, today=today, wished_id=wished_id),
        wished_id=wish.coordinator_id if wish else None,
        area_names={a.slug: a.name for a in ServiceArea.objects.all()},
        replacing_id=replacing.coordinator_id if replacing else None,
        limit=limit,
        name=name,
    )
