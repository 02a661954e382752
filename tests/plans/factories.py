"""Factories for plans and their parts, with Traits for states."""

import datetime

import factory
import time_machine
from django.utils import timezone

from cases.models import CitizenAccount
from plans.models import (
    AccessConsent,
    ActionPoint,
    Evaluation,
    Goal,
    Measure,
    Meeting,
    Participant,
    ParticipantAccount,
    Plan,
)
from tests.factories import AppointmentFactory, CaseFactory, ConsentFactory, UserFactory


def _in_days(days: int):
    return factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=days))


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    case = factory.SubFactory(CaseFactory)
    person = factory.LazyAttribute(lambda p: p.case.person)

    class Params:
        active = factory.Trait(
            status=Plan.Status.ACTIVE,
            next_evaluation_on=_in_days(60),
            activated_on=factory.LazyFunction(timezone.localdate),
        )
        closed = factory.Trait(
            status=Plan.Status.CLOSED,
            closed_reason=Plan.ClosedReason.NEED_ENDED,
            closed_on=factory.LazyFunction(timezone.localdate),
        )


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    plan = factory.SubFactory(PlanFactory)
    text = factory.Sequence(lambda n: f"Jeg vil klare mål nummer {n} selv.")
    horizon = Goal.Horizon.LONG_TERM


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure

    plan = factory.SubFactory(PlanFactory)
    title = factory.Sequence(lambda n: f"Tiltak {n}")
    scope = "2 timer i uken"
    provider = factory.Sequence(lambda n: f"Tjenesteyter {n}")
    responsible = "Ola Ansvarlig"
    starts_on = factory.LazyFunction(timezone.localdate)


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    plan = factory.SubFactory(PlanFactory)
    name = factory.Faker("name", locale="no_NO")
    role = Participant.Role.SERVICE_PROVIDER
    organisation = "Hjemmetjenesten"
    in_responsibility_group = True


class AccessConsentFactory(factory.django.DjangoModelFactory):
    """The owner's consent to one participant's access, in force for a year from today."""

    class Meta:
        model = AccessConsent

    participant = factory.SubFactory(ParticipantFactory)
    scope = AccessConsent.Scope.PLAN
    valid_from = factory.LazyFunction(timezone.localdate)
    valid_to = _in_days(365)
    given_as = AccessConsent.GivenAs.PERSON
    given_by_name = "Planeieren"
    method = AccessConsent.Method.PAPER
    recorded_by = factory.SubFactory(UserFactory)
    given_at = factory.LazyFunction(timezone.now)

    class Params:
        confidential = factory.Trait(scope=AccessConsent.Scope.CONFIDENTIAL)


def written_at(moment: datetime.datetime):
    """The clock moved to `moment` for the rows written meanwhile (their created_at)."""
    return time_machine.travel(moment, tick=False)


def plan_last_active(on: datetime.date, **kwargs) -> Plan:
    """An active plan made and activated on `on` (noon UTC), with nothing since."""
    with written_at(datetime.datetime.combine(on, datetime.time(12), tzinfo=datetime.UTC)):
        return PlanFactory(active=True, activated_on=on, **kwargs)


def participant_user(participant=None, **participant_kwargs):
    """Another service's participant with an account, linked to a participant row."""
    user = UserFactory()
    ParticipantAccount.objects.create(user=user)
    if participant is None:
        participant = ParticipantFactory(**participant_kwargs)
    participant.user = user
    participant.save(update_fields=["user"])
    return user


def citizen_user(national_id: str, *, acr: str = "idporten-loa-substantial"):
    """A citizen as an ID-porten login leaves them: a user with a CitizenAccount."""
    user = UserFactory(first_name="Innbygger", last_name=national_id[-3:])
    CitizenAccount.objects.create(user=user, national_id=national_id, last_acr=acr)
    return user


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    plan = factory.SubFactory(PlanFactory)
    held_on = factory.LazyFunction(timezone.localdate)
    place = "Rådhuset"
    minutes = "Gikk gjennom tiltakene."


class ActionPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPoint

    meeting = factory.SubFactory(MeetingFactory)
    what = "Sende timeplan"
    who = "Fysioterapeuten"
    due_on = _in_days(7)


class EvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evaluation

    plan = factory.SubFactory(PlanFactory)
    held_on = factory.LazyFunction(timezone.localdate)
    what_worked = "Treningen virker."
    next_evaluation_on = _in_days(90)


def ready_plan(*, coordinator=None, **plan_kwargs) -> Plan:
    """A draft plan that meets every activation rule: consent, coordinator, goal, next date."""
    case = CaseFactory(status=plan_kwargs.pop("case_status", "decided"))
    ConsentFactory(case=case)
    appointment_kwargs = {"coordinator": coordinator} if coordinator else {}
    AppointmentFactory(case=case, **appointment_kwargs)
    plan_kwargs.setdefault("next_evaluation_on", timezone.localdate() + datetime.timedelta(days=30))
    plan = PlanFactory(case=case, **plan_kwargs)
    GoalFactory(plan=plan)
    return plan
