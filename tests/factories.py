"""Factories for every model, with Traits for states."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from cases.models import (
    Case,
    Consent,
    Family,
    FamilyMember,
    Person,
    PersonService,
    Relation,
    Service,
    TimelineEntry,
    Unit,
)
from cases.roles import Role
from cases.units import default_unit
from coordinators.models import Appointment, Coordinator, ServiceArea
from core.dates import add_years


def _add_group(user, create, extracted, label):
    if create and extracted:
        group, _ = Group.objects.get_or_create(name=label)
        user.groups.add(group)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"bruker{n}")
    first_name = factory.Faker("first_name", locale="no_NO")
    last_name = factory.Faker("last_name", locale="no_NO")
    email = factory.LazyAttribute(lambda u: f"{u.username}@kommune.example")
    password = factory.django.Password("hemmelig-passord-123")

    @factory.post_generation
    def caseworker(self, create, extracted, **kwargs):
        _add_group(self, create, extracted, Role.CASEWORKER.label)

    @factory.post_generation
    def leader(self, create, extracted, **kwargs):
        _add_group(self, create, extracted, Role.LEADER.label)

    @factory.post_generation
    def coordinator_role(self, create, extracted, **kwargs):
        _add_group(self, create, extracted, Role.COORDINATOR.label)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    given_name = factory.Faker("first_name", locale="no_NO")
    family_name = factory.Faker("last_name", locale="no_NO")
    born_on = datetime.date(1985, 4, 12)
    address = "Storgata 1"
    postal_code = "0155"
    postal_town = "Eksempelby"
    email = factory.LazyAttribute(lambda p: f"{p.given_name.lower()}@epost.example")

    class Params:
        child = factory.Trait(
            born_on=factory.LazyFunction(lambda: add_years(timezone.localdate(), -7))
        )
        unborn = factory.Trait(
            born_on=None,
            expected_on=factory.LazyFunction(
                lambda: timezone.localdate() + datetime.timedelta(days=90)
            ),
        )
        elsewhere = factory.Trait(residence="elsewhere")


class RelationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Relation

    person = factory.SubFactory(PersonFactory)
    name = factory.Faker("name", locale="no_NO")
    role = Relation.Role.PARENT
    email = "forelder@epost.example"
    address = "Storgata 1, 0155 Eksempelby"


class FamilyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Family

    name = factory.Sequence(lambda n: f"Familie {n}")


class FamilyMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FamilyMember

    family = factory.SubFactory(FamilyFactory)
    person = factory.SubFactory(PersonFactory, child=True)
    role = FamilyMember.Role.CHILD


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Tjeneste {n}")
    category = Service.Category.MUNICIPAL_HEALTH_CARE


class PersonServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonService

    person = factory.SubFactory(PersonFactory)
    service = factory.SubFactory(ServiceFactory)
    status = PersonService.Status.RECEIVED
    provider = "Eksempel kommune"


class UnitFactory(factory.django.DjangoModelFactory):
    """A unit beside the default one: a district of a large city."""

    class Meta:
        model = Unit
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Koordinerende enhet, bydel {n + 1}")
    kind = Unit.Kind.DISTRICT

    @factory.post_generation
    def staff(self, create, extracted, **kwargs):
        if create and extracted:
            self.staff.add(*extracted)


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    number = factory.Sequence(lambda n: f"2026/{n + 1:04d}")
    person = factory.SubFactory(PersonFactory)
    origin = Case.Origin.APPLICATION
    received_on = factory.LazyFunction(timezone.localdate)
    unit = factory.LazyFunction(default_unit)
    requests_coordinator = True
    requests_plan = True
    caseworker = factory.SubFactory(UserFactory, caseworker=True)
    status = Case.Status.UNDER_ASSESSMENT

    class Params:
        awaiting_consent = factory.Trait(status=Case.Status.AWAITING_CONSENT)
        notification = factory.Trait(
            origin=Case.Origin.NOTIFICATION,
            notifier_name="Kari Lege",
            notifier_profession="Lege",
            notifier_workplace="Legekontoret",
        )
        closed = factory.Trait(
            status=Case.Status.CLOSED,
            closed_reason=Case.ClosedReason.NEED_ENDED,
            closed_on=factory.LazyFunction(timezone.localdate),
        )


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    case = factory.SubFactory(CaseFactory)
    given_by = Consent.GivenBy.PERSON
    given_by_name = factory.LazyAttribute(lambda c: c.case.person.full_name)
    given_on = factory.LazyFunction(timezone.localdate)
    form = Consent.Form.WRITTEN
    covers_plan = True
    covers_sharing = True
    sharing_with = "Fastlege, hjemmesykepleien"
    noted_by = factory.LazyAttribute(lambda c: c.case.caseworker)


class TimelineEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TimelineEntry

    case = factory.SubFactory(CaseFactory)
    kind = TimelineEntry.Kind.NOTE
    text = "Ringte og avtalte møte."
    occurred_at = factory.LazyFunction(timezone.now)


class ServiceAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceArea
        django_get_or_create = ["slug"]

    name = "Helse og omsorg"
    slug = "helse-og-omsorg"


class CoordinatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Coordinator

    user = factory.SubFactory(UserFactory, coordinator_role=True)
    profession = "Sykepleier"
    workplace = "Hjemmetjenesten"
    service_area = factory.SubFactory(ServiceAreaFactory)
    capacity = 5


class AppointmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appointment

    case = factory.SubFactory(CaseFactory)
    coordinator = factory.SubFactory(CoordinatorFactory)
    kind = Appointment.Kind.COORDINATOR
    started_on = factory.LazyFunction(timezone.localdate)
