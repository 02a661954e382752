from django.db.models import Prefetch

from cases.models import Case, Consent, Person, PersonService, TimelineEntry


def case_list(user):
    return Case.objects.visible_to(user).select_related("person", "caseworker")


def case_get_for_detail(user, pk):
    """The case with what every tab header shows, inside the user's scope."""
    return Case.objects.visible_to(user).select_related("person", "family", "caseworker")


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
