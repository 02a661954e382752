"""Ranked coordinator suggestions for a case, read for ranking.py in one query.

A municipality may have thousands of coordinators: they are read as plain values (no
model instances), with their load and latest completions computed in SQL, and the pure
ranking orders them all; the page shows the best few (coordinators/views.py).
"""

import datetime

from django.db.models import Q
from django.utils import timezone

from cases.models import Case, PersonService
from coordinators import qualification, ranking
from coordinators.models import Appointment, ServiceArea
from coordinators.selectors import ROLE_FOR_KIND, coordinator_list_with_load, course_rules


def candidate_values(kind: str, *, today: datetime.date, wished_id=None):
    """Every coordinator the ranking may suggest, as plain values in one query: thousands
    of them, so no model instances. Those the ranking leaves out anyway (inactive, or
    not taking child cases for a barnekoordinator) are not read, the wish excepted."""
    rules = course_rules()
    role = ROLE_FOR_KIND[kind]
    coordinators = coordinator_list_with_load(rules, today)
    eligible = Q(active=True)
    if kind == Appointment.Kind.CHILD_COORDINATOR:
        eligible &= Q(can_take_child_cases=True)
    coordinators = coordinators.filter(eligible | Q(pk=wished_id) if wished_id else eligible)
    fields = (
        "pk",
        "user__first_name",
        "user__last_name",
        "user__username",
        "service_area__slug",
        "service_area__name",
        "active_cases",
        "capacity",
        "can_take_child_cases",
        "active",
        *(f"completed_{rule.id}" for rule in rules),
    )
    result = []
    for (
        pk,
        first,
        last,
        username,
        slug,
        area,
        load,
        capacity,
        child,
        active,
        *done,
    ) in coordinators.order_by().values_list(*fields):
        completed = [
            qualification.Completed(rule.id, day)
            for rule, day in zip(rules, done, strict=True)
            if day is not None
        ]
        q = qualification.qualification(role, rules, completed, today)
        result.append(
            ranking.Candidate(
                id=pk,
                name=f"{first} {last}".strip() or username,
                area=ranking.Area(slug, area),
                active_cases=load,
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
