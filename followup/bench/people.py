"""The benchmark's staff, coordinators and people: names, numbers and training."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils import timezone

from cases.models import Family, FamilyMember, Person, PersonService, Relation, Service
from cases.national_id import synthesize
from cases.roles import Role
from coordinators.models import (
    Attendance,
    Completion,
    Coordinator,
    Course,
    ServiceArea,
    TrainingSession,
)
from followup.bench.writer import TableWriter, next_id

GIVEN = (  # noqa: SIM905 (a list of names reads best as words)
    "Åsmund Øystein Ærle Kari Ola Nora Emma Jakob Ingrid Sofie Lars Bjørn Sigrid Håkon Anne "
    "Marit Knut Tone Jørgen Siri Ragnhild Per Gunnar Liv Astrid Eirik Mona Tor Hilde "
    "Solveig Aksel Ida Mathias Ella Filip Maja Oskar Leah Noah Sara Emil Aurora Olav Frida "
    "Ådne Ylva"
).split()
FAMILY = (  # noqa: SIM905 (a list of names reads best as words)
    "Hansen Johansen Olsen Larsen Andersen Pedersen Nilsen Kristiansen Jensen Karlsen "
    "Johnsen Pettersen Eriksen Berg Haugen Hagen Johannessen Andreassen Jacobsen Dahl "
    "Jørgensen Halvorsen Henriksen Lund Sørensen Jakobsen Moen Gundersen Iversen Strand "
    "Solberg Svendsen Eide Knutsen Martinsen Paulsen Bakken Kristoffersen Mathisen Lie "
    "Amundsen Nguyen Rasmussen Ali Lunde Solheim Berge Moe Nygård Bakke Kristensen "
    "Fredriksen Holm Lien Hauge Christensen Andresen Nielsen Knudsen Evensen Sæther Aas "
    "Myhre Hanssen Ahmed Haugland Thomassen Sivertsen Simonsen Danielsen Berntsen Sandvik "
    "Rønning Arnesen Antonsen Næss Vik Haug Ellingsen Thorsen Edvardsen Birkeland Isaksen "
    "Gulbrandsen Ruud Aasen Strøm Myklebust Tangen Ødegård Eliassen Helland Bøe Jenssen "
    "Aune Mikkelsen Tveit Brekke Abrahamsen Madsen Åsheim Ørnes Østby Ås"
).split()


def _users(rng, count, prefix, role_group, *, password_hash, width):
    User = get_user_model()
    users = [
        User(
            username=f"{prefix}{i:0{width}d}",
            first_name=rng.choice(GIVEN),
            last_name=rng.choice(FAMILY),
            email=f"{prefix}{i:0{width}d}@kommune.example",
            password=password_hash,
        )
        for i in range(1, count + 1)
    ]
    users = User.objects.bulk_create(users, batch_size=2000)
    User.groups.through.objects.bulk_create(
        [User.groups.through(user_id=u.pk, group_id=role_group.pk) for u in users],
        batch_size=5000,
    )
    return [u.pk for u in users]


def staff(rng, *, caseworkers: int, password: str) -> dict:
    """Caseworkers, leaders and an admin; all share one password (hashed once)."""
    User = get_user_model()
    groups = {g.name: g for g in Group.objects.all()}
    password_hash = make_password(password)
    ids = {
        "caseworkers": _users(
            rng,
            caseworkers,
            "saksbehandler",
            groups[Role.CASEWORKER.label],
            password_hash=password_hash,
            width=2,
        ),
        "leaders": _users(
            rng, 3, "leder", groups[Role.LEADER.label], password_hash=password_hash, width=1
        ),
    }
    admin = User.objects.create(
        username="admin",
        first_name="Ada",
        last_name="Administrator",
        email="admin@kommune.example",
        password=password_hash,
        is_staff=True,
        is_superuser=True,
    )
    admin.groups.add(groups[Role.ADMIN.label])
    ids["admin"] = admin.pk
    return ids


def coordinators(rng, *, count: int, password: str, today: datetime.date) -> dict:
    """`count` coordinators; most trained, some whose training has run out."""
    group = Group.objects.get(name=Role.COORDINATOR.label)
    user_ids = _users(rng, count, "koord", group, password_hash=make_password(password), width=4)
    areas = list(ServiceArea.objects.values_list("pk", flat=True))
    first = next_id(Coordinator)
    rows, child_ids = [], []
    for i, user_id in enumerate(user_ids):
        child = rng.random() < 0.25
        if child:
            child_ids.append(first + i)
        rows.append(
            (
                first + i,
                user_id,
                rng.choice(["Sykepleier", "Vernepleier", "Lærer", "Sosionom", "Ergoterapeut"]),
                rng.choice(
                    ["Hjemmetjenesten", "Sentrum skole", "Psykisk helse", "Bo og aktivitet"]
                ),
                rng.choice(areas),
                rng.choice([3, 4, 5, 6, 8]),
                child,
                rng.random() < 0.95,
            )
        )
    TableWriter(
        Coordinator,
        [
            "id",
            "user_id",
            "profession",
            "workplace",
            "service_area_id",
            "capacity",
            "can_take_child_cases",
            "active",
        ],
    ).write(rows)
    _training(rng, list(range(first, first + count)), set(child_ids), today)
    return {"ids": list(range(first, first + count)), "child_ids": child_ids}


def _training(rng, coordinator_ids, child_ids, today):
    admin = get_user_model().objects.get(username="admin")
    basic, _ = Course.objects.get_or_create(
        name="Grunnopplæring for koordinatorer",
        defaults={"required_for_coordinator": True, "required_for_child_coordinator": True},
    )
    child, _ = Course.objects.get_or_create(
        name="Opplæring for barnekoordinatorer",
        defaults={"validity_months": 24, "required_for_child_coordinator": True},
    )
    sessions = []
    for course, per_year in ((basic, 6), (child, 3)):
        for year_back in range(10):
            for k in range(per_year):
                held = today - datetime.timedelta(days=365 * year_back + k * (365 // per_year))
                sessions.append(
                    TrainingSession(course=course, held_on=held, place="Rådhuset", trainer="KE")
                )
    sessions = TrainingSession.objects.bulk_create(sessions)
    by_course = {basic.pk: [], child.pk: []}
    for s in sessions:
        by_course[s.course_id].append(s)
    attendance = TableWriter(
        Attendance, ["id", "session_id", "coordinator_id", "status", "booked_by_id"]
    )
    completion = TableWriter(
        Completion,
        ["id", "coordinator_id", "course_id", "completed_on", "attendance_id", "registered_by_id"],
    )
    a_rows, c_rows = [], []
    a_id, c_id = next_id(Attendance), next_id(Completion)
    for coordinator_id in coordinator_ids:
        courses = [basic.pk] + ([child.pk] if coordinator_id in child_ids else [])
        for course_id in courses:
            if rng.random() < 0.08:
                continue  # not yet trained: ranked below the qualified ones
            session = rng.choice(by_course[course_id])
            a_rows.append((a_id, session.pk, coordinator_id, Attendance.Status.ATTENDED, admin.pk))
            c_rows.append((c_id, coordinator_id, course_id, session.held_on, a_id, admin.pk))
            a_id, c_id = a_id + 1, c_id + 1
    attendance.write(a_rows)
    completion.write(c_rows)


def born_on(rng, today, *, child: bool) -> datetime.date:
    if child:
        return today - datetime.timedelta(days=rng.randint(365, 17 * 365))
    return datetime.date(1940, 1, 1) + datetime.timedelta(days=rng.randint(0, 60 * 365))


class NationalIds:
    """Valid, unique synthetic numbers: the next individual number for each birth date."""

    def __init__(self):
        self.used: dict[datetime.date, int] = {}

    def take(self, day: datetime.date) -> str | None:
        start = 0 if day.year < 2000 else 500
        individual = self.used.get(day, start)
        while individual < start + 500:
            self.used[day] = individual + 1
            try:
                return synthesize(day, individual)
            except ValueError:
                individual += 1
        return None


def people(rng, count: int, today: datetime.date) -> list[dict]:
    """Write `count` people (30 % children, each with a parent) and their services."""
    ids = NationalIds()
    first = next_id(Person)
    services = list(Service.objects.values_list("pk", flat=True))
    out, person_rows, service_rows, relation_rows = [], [], [], []
    for i in range(count):
        child = rng.random() < 0.3
        day = born_on(rng, today, child=child)
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        pk = first + i
        person_rows.append(
            (
                pk,
                given,
                family,
                ids.take(day),
                day,
                f"Storgata {rng.randint(1, 200)}",
                "0155",
                "Eksempelby",
                f"p{pk}@epost.example",
            )
        )
        for service_id in rng.sample(services, 2):
            service_rows.append((pk, service_id, PersonService.Status.RECEIVED, "Kommunen"))
        if child:
            relation_rows.append((pk, f"{rng.choice(GIVEN)} {family}", Relation.Role.PARENT))
        out.append({"id": pk, "child": child, "name": f"{given} {family}", "family": family})
    TableWriter(
        Person,
        [
            "id",
            "given_name",
            "family_name",
            "national_id",
            "born_on",
            "address",
            "postal_code",
            "postal_town",
            "email",
        ],
    ).write(person_rows)
    TableWriter(PersonService, ["person_id", "service_id", "status", "provider"]).write(
        service_rows
    )
    TableWriter(Relation, ["person_id", "name", "role"]).write(relation_rows)
    return out


def families(people_rows: list[dict]) -> dict[int, int]:
    """A family for each child: the barnekoordinator is granted to the family."""
    first_family, first_member = next_id(Family), next_id(FamilyMember)
    children = [p for p in people_rows if p["child"]]
    now = timezone.now()
    TableWriter(Family, ["id", "name", "created_at"]).write(
        (first_family + i, f"Familien {p['family']}", now) for i, p in enumerate(children)
    )
    TableWriter(FamilyMember, ["id", "family_id", "person_id", "role"]).write(
        (first_member + i, first_family + i, p["id"], FamilyMember.Role.CHILD)
        for i, p in enumerate(children)
    )
    return {p["id"]: first_family + i for i, p in enumerate(children)}
