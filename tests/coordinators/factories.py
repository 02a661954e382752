"""Factories for coordinator training, wishes and the grants appointments need."""

import datetime

import factory
from django.utils import timezone

from cases.vocabulary import ServiceKind
from coordinators.models import (
    Attendance,
    Completion,
    CoordinatorWish,
    Course,
    TrainingSession,
)
from decisions.models import Decision
from tests.decisions.factories import mark_decided_if_sent
from tests.factories import CaseFactory, CoordinatorFactory, UserFactory


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course
        django_get_or_create = ["name"]

    name = "Grunnopplæring for koordinatorer"
    required_for_coordinator = True
    required_for_child_coordinator = True

    class Params:
        child = factory.Trait(
            name="Opplæring for barnekoordinatorer",
            validity_months=24,
            required_for_coordinator=False,
            required_for_child_coordinator=True,
        )


class TrainingSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingSession

    course = factory.SubFactory(CourseFactory)
    held_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))
    place = "Rådhuset"
    trainer = "Koordinerende enhet"

    class Params:
        held = factory.Trait(
            held_on=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1))
        )


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    session = factory.SubFactory(TrainingSessionFactory)
    coordinator = factory.SubFactory(CoordinatorFactory)
    booked_by = factory.SubFactory(UserFactory, caseworker=True)


class CompletionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Completion

    coordinator = factory.SubFactory(CoordinatorFactory)
    course = factory.SubFactory(CourseFactory)
    completed_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    registered_by = factory.SubFactory(UserFactory, caseworker=True)


class WishFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoordinatorWish

    case = factory.SubFactory(CaseFactory)
    coordinator = factory.SubFactory(CoordinatorFactory)
    recorded_by = factory.SubFactory(UserFactory, caseworker=True)


class GrantFactory(factory.django.DjangoModelFactory):
    """A sent decision granting a koordinator (or, with child=True, a barnekoordinator)."""

    class Meta:
        model = Decision
        skip_postgeneration_save = True

    case = factory.SubFactory(CaseFactory, status="decided")
    service = ServiceKind.COORDINATOR
    outcome = Decision.Outcome.GRANTED
    status = Decision.Status.SENT
    legal_basis = "Helse- og omsorgstjenesteloven § 7-2"
    facts = "Mottar flere helse- og omsorgstjenester."
    reasons = "Vilkårene er oppfylt."
    sent_on = factory.LazyFunction(timezone.localdate)

    class Params:
        child = factory.Trait(service=ServiceKind.CHILD_COORDINATOR)
        draft = factory.Trait(status=Decision.Status.DRAFT, sent_on=None)

    @factory.post_generation
    def mark_case_decided(decision, create, extracted, **kwargs):
        mark_decided_if_sent(decision, create)


def qualify(coordinator, *, child: bool = False):
    """Give the coordinator valid training for koordinator (and barnekoordinator)."""
    CompletionFactory(coordinator=coordinator, course=CourseFactory())
    if child:
        CompletionFactory(coordinator=coordinator, course=CourseFactory(child=True))
    return coordinator
