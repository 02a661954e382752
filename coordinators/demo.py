"""Demo coordinators, courses, training and guidance. Called by `seed_demo`."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from cases.models import Service
from cases.roles import Role
from coordinators import training
from coordinators.catalogue import ensure_area_services
from coordinators.models import Coordinator, Course, ServiceArea

COURSES = [
    # name, validity in months, required for koordinator, for barnekoordinator
    ("Grunnopplæring for koordinatorer", None, True, True),
    ("Opplæring for barnekoordinatorer", 24, False, True),
    ("Opplæring i planverktøyet", None, False, False),
]

COORDINATORS = [
    # username, first, last, profession, workplace, area, capacity, child cases
    (
        "berit.barnehage",
        "Berit",
        "Barnehagelærer",
        "Barnehagelærer",
        "Solsiden barnehage",
        "barnehage",
        3,
        True,
    ),
    ("svein.skole", "Svein", "Lærersen", "Lærer", "Sentrum skole", "grunnskole", 4, True),
    (
        "hanne.hjemme",
        "Hanne",
        "Hjemmesykepleier",
        "Sykepleier",
        "Hjemmetjenesten sone nord",
        "hjemmetjeneste",
        5,
        False,
    ),
    (
        "omar.omsorg",
        "Omar",
        "Omsorgsen",
        "Vernepleier",
        "Helse og omsorg, Bo og aktivitet",
        "helse-og-omsorg",
        6,
        False,
    ),
    (
        "pia.psykisk",
        "Pia",
        "Psykiatrisk",
        "Psykiatrisk sykepleier",
        "Psykisk helse og rus",
        "psykisk-helse-og-rus",
        5,
        False,
    ),
]


def seed() -> None:
    ensure_area_services(Service, ServiceArea)
    User = get_user_model()
    admin = User.objects.get(username="admin")
    today = timezone.localdate()
    courses = {}
    for name, months, for_coordinator, for_child in COURSES:
        courses[name], _ = Course.objects.get_or_create(
            name=name,
            defaults={
                "validity_months": months,
                "required_for_coordinator": for_coordinator,
                "required_for_child_coordinator": for_child,
            },
        )
    basic, child, tool = courses.values()

    group = Group.objects.get(name=Role.COORDINATOR.label)
    coordinators = {}
    for username, first, last, profession, workplace, area, capacity, child_cases in COORDINATORS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@kommune.example",
            },
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        user.groups.add(group)
        coordinators[username], _ = Coordinator.objects.get_or_create(
            user=user,
            defaults={
                "profession": profession,
                "workplace": workplace,
                "service_area": ServiceArea.objects.get(slug=area),
                "capacity": capacity,
                "can_take_child_cases": child_cases,
            },
        )

    kari = Coordinator.objects.get(user__username="koordinator")

    def months_ago(n: int) -> datetime.date:
        return today - datetime.timedelta(days=30 * n)

    for coordinator, course, done in [
        (kari, basic, months_ago(14)),
        (kari, child, months_ago(8)),
        (kari, tool, months_ago(8)),
        (coordinators["berit.barnehage"], basic, months_ago(20)),
        # Expired: barnekoordinator training is valid for 24 months.
        (coordinators["berit.barnehage"], child, months_ago(26)),
        (coordinators["omar.omsorg"], basic, months_ago(3)),
        (coordinators["pia.psykisk"], basic, months_ago(30)),
    ]:
        training.completion_record(
            coordinator=coordinator, course=course, completed_on=done, by=admin
        )

    upcoming = training.training_session_create(
        course=basic,
        held_on=today + datetime.timedelta(days=21),
        place="Rådhuset, møterom 2",
        trainer="Koordinerende enhet",
        by=admin,
    )
    training.attendance_book(session=upcoming, coordinator=coordinators["svein.skole"], by=admin)
    training.training_session_create(
        course=child,
        held_on=today + datetime.timedelta(days=45),
        place="Rådhuset, møterom 1",
        trainer="Koordinerende enhet og Barnehabiliteringen",
        by=admin,
    )
    training.guidance_record(
        kind="group",
        held_on=today - datetime.timedelta(days=10),
        guide="Lars Leder",
        topic="Hvordan lede et møte i ansvarsgruppen",
        coordinators=[kari, coordinators["berit.barnehage"], coordinators["omar.omsorg"]],
        by=admin,
    )
    training.guidance_record(
        kind="individual",
        held_on=today - datetime.timedelta(days=3),
        guide="Sara Saksbehandler",
        topic="Første evaluering av en individuell plan",
        coordinators=[kari],
        by=admin,
    )
