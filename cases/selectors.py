import datetime

from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone

from cases import rules
from cases.models import Case, Consent, Person, PersonService, Relation, TimelineEntry, Unit


def case_list(user):
    return Case.objects.visible_to(user).select_related("person", "caseworker")


def cases_by_pk(user, pks) -> dict:
    """The list's rows for these keys, still inside the user's scope."""
    return case_list(user).in_bulk(pks)


def case_get_for_detail(user, pk):
    """The case with what every tab header shows, inside the user's scope, and whether
    the municipality has a unit besides the case's (then the header names the unit and
    offers to move the case)."""
    return (
        Case.objects.visible_to(user)
        .select_related("person", "family", "caseworker", "unit")
        .annotate(has_other_units=Exists(Unit.objects.exclude(pk=OuterRef("unit_id"))))
    )


def person_with_relations(person_pk) -> Person:
    return Person.objects.prefetch_related(
        "relations",
        Prefetch("services", queryset=PersonService.objects.select_related("service")),
        "family_memberships__family__members__person",
    ).get(pk=person_pk)


def case_consents(case):
    return Consent.objects.filter(case=case).select_related("noted_by")


def case_timeline(case):
    return TimelineEntry.objects.filter(case=case).select_related("author")


def open_case_numbers(national_id: str) -> list[str]:
    return list(
        Case.objects.filter(person__national_id=national_id)
        .exclude(status=Case.Status.CLOSED)
        .order_by("number")
        .values_list("number", flat=True)
    )


def consent_givers(case: Case, *, on: datetime.date | None = None) -> list[rules.ConsentGiver]:
    """Who can give the consent on this case: the person from 16 (pbrl. § 4-3), the
    holders of parental responsibility for a younger child, and any guardian."""
    on = on or timezone.localdate()
    person = case.person
    givers = []
    own = rules.holds_own_consent(person.born_on, on)
    if own:
        givers.append(
            rules.ConsentGiver(
                f"person:{person.pk}",
                person.full_name,
                Consent.GivenBy.PERSON,
                Consent.GivenBy.PERSON.label,
            )
        )
    for relation in person.relations.all():
        if relation.role == Relation.Role.GUARDIAN or (
            relation.role == Relation.Role.PARENT and not own
        ):
            given_by = (
                Consent.GivenBy.GUARDIAN
                if relation.role == Relation.Role.GUARDIAN
                else Consent.GivenBy.PARENT
            )
            givers.append(
                rules.ConsentGiver(
                    f"relation:{relation.pk}",
                    relation.name,
                    given_by,
                    relation.get_role_display(),
                )
            )
    return givers


def parental_consent_holders(givers: list[rules.ConsentGiver]) -> list[rules.ConsentGiver]:
    """The holders of parental responsibility among the givers (none from 16)."""
    return [g for g in givers if g.given_by == Consent.GivenBy.PARENT]


def consented_keys(case: Case) -> set[str]:
    return set(
        case.consents.in_force().exclude(given_by_key="").values_list("given_by_key", flat=True)
    )
