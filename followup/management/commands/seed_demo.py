"""Demo data: one user per role and a small, realistic municipality. Idempotent."""

import datetime
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from cases import services
from cases.catalogue import ensure_catalogue
from cases.models import Case, Family, FamilyMember, Person, Relation, Service
from cases.national_id import synthesize
from cases.roles import Role, sync_role_groups
from coordinators import demo as coordinators_demo
from coordinators.models import Coordinator, ServiceArea
from core.dates import add_years
from decisions import demo as decisions_demo
from followup import services as followup_services
from plans import demo as plans_demo

DEMO_USERS = [
    # username, first, last, role, staff
    ("saksbehandler", "Sara", "Saksbehandler", Role.CASEWORKER, False),
    ("leder", "Lars", "Leder", Role.LEADER, False),
    ("koordinator", "Kari", "Koordinator", Role.COORDINATOR, False),
    ("admin", "Ada", "Administrator", Role.ADMIN, True),
]


def _fnr(born_on: datetime.date, start: int) -> str:
    for individual in range(start, start + 20):
        try:
            return synthesize(born_on, individual)
        except ValueError:
            continue
    raise ValueError("no number")


class Command(BaseCommand):
    help = "Legger inn demodata: én bruker per rolle og et lite, realistisk utvalg saker."

    def handle(self, *args, **options):
        sync_role_groups()
        ensure_catalogue(Service, ServiceArea)
        passwords = self._users()
        if Person.objects.filter(family_name="Demo-Berg").exists():
            self.stdout.write("Demodata finnes fra før; ingenting lagt til.")
        else:
            with transaction.atomic():
                self._municipality()
                # Each app adds its part of the demo from its own `demo.seed()`.
                coordinators_demo.seed()
                plans_demo.seed()
                decisions_demo.seed()
            self.stdout.write(self.style.SUCCESS("Demodata er lagt inn."))
        if passwords:
            self.stdout.write("\nDemobrukere (passordet vises bare denne ene gangen):")
            for username, password in passwords:
                self.stdout.write(f"  {username:<15} {password}")
            self.stdout.write("")

    def _users(self) -> list[tuple[str, str]]:
        User = get_user_model()
        created = []
        for username, first, last, role, staff in DEMO_USERS:
            if User.objects.filter(username=username).exists():
                continue
            password = settings.KE_DEMO_PASSWORD or secrets.token_urlsafe(12)
            user = User.objects.create_user(
                username=username,
                password=password,
                first_name=first,
                last_name=last,
                email=f"{username}@kommune.example",
                is_staff=staff,
                is_superuser=role == Role.ADMIN,
            )
            user.groups.add(Group.objects.get(name=role.label))
            created.append((username, password))
        coordinator_user = User.objects.get(username="koordinator")
        Coordinator.objects.get_or_create(
            user=coordinator_user,
            defaults={
                "profession": "Helsesykepleier",
                "workplace": "Helsestasjonen sentrum",
                "service_area": ServiceArea.objects.get(slug="helsestasjon"),
                "capacity": 6,
                "can_take_child_cases": True,
            },
        )
        return created

    def _municipality(self):
        User = get_user_model()
        sara = User.objects.get(username="saksbehandler")
        today = timezone.localdate()
        svc = {s.name: s for s in Service.objects.all()}

        def person(given, family, born_on=None, *, expected_on=None, number=True, n=100, **kw):
            national_id = _fnr(born_on, n) if (number and born_on) else None
            p, _ = services.person_register(
                national_id=national_id,
                by=sara,
                given_name=given,
                family_name=family,
                born_on=born_on,
                expected_on=expected_on,
                address=kw.pop("address", "Kirkeveien 12"),
                postal_code="1234",
                postal_town="Eksempelby",
                **kw,
            )
            return p

        def give(p, *names_status):
            for name, status in names_status:
                services.person_service_add(
                    person=p, by=sara, service=svc[name], status=status, provider="Eksempel kommune"
                )

        consent = {
            "given_by": "person",
            "given_by_name": "",
            "given_on": today - datetime.timedelta(days=20),
            "form": "written",
            "covers_plan": True,
        }

        def register(p, days_ago, *, consent_by=None, notification=False, **requests):
            kwargs = {}
            if notification:
                kwargs = {
                    "notifier_name": "Dr. Nils Fastlege",
                    "notifier_profession": "Fastlege",
                    "notifier_workplace": "Sentrum legekontor",
                    "notifier_contact": "12 34 00 00",
                }
            c = None
            if consent_by:
                c = {
                    **consent,
                    "given_by_name": consent_by,
                    "given_by": "person" if consent_by == p.full_name else "parent",
                    "given_on": today - datetime.timedelta(days=days_ago),
                }
            return services.case_register(
                person=p,
                by=sara,
                caseworker=sara,
                origin=Case.Origin.NOTIFICATION if notification else Case.Origin.APPLICATION,
                received_on=today - datetime.timedelta(days=days_ago),
                consent=c,
                **requests,
                **kwargs,
            )

        # Adults
        ola = person(
            "Ola",
            "Demo-Berg",
            datetime.date(1958, 3, 14),
            n=100,
            email="ola.berg@epost.example",
            phone="912 34 567",
        )
        give(
            ola,
            ("Hjemmesykepleie", "received"),
            ("Fysioterapi", "received"),
            ("Habiliteringstjenesten for voksne (HAVO)", "received"),
        )
        register(ola, 12, consent_by=ola.full_name, requests_coordinator=True, requests_plan=True)

        ingrid = person(
            "Ingrid", "Demo-Nilsen", datetime.date(1979, 11, 2), n=200, email="ingrid@epost.example"
        )
        give(
            ingrid,
            ("Psykisk helsetjeneste i kommunen", "received"),
            ("Distriktspsykiatrisk senter (DPS)", "received"),
            ("NAV", "received"),
        )
        register(
            ingrid, 45, consent_by=ingrid.full_name, requests_coordinator=True, requests_plan=True
        )

        per = person("Per", "Demo-Hansen", datetime.date(1990, 6, 30), n=300)
        give(per, ("Rustjeneste i kommunen", "applied"))
        register(per, 3, notification=True, requests_coordinator=True)

        astrid = person(
            "Astrid", "Demo-Lie", datetime.date(1947, 1, 20), n=150, needs_interpreter=False
        )
        give(astrid, ("Hjemmesykepleie", "received"), ("Praktisk bistand i hjemmet", "received"))
        case = register(astrid, 200, consent_by=astrid.full_name, requests_coordinator=True)
        followup_services.case_close(
            case=case,
            by=sara,
            closed_reason=Case.ClosedReason.MOVED,
            note="Flyttet til datteren i nabokommunen.",
        )

        ahmed = person(
            "Ahmed",
            "Demo-Rahimi",
            datetime.date(1972, 8, 9),
            n=250,
            language="dari",
            needs_interpreter=True,
        )
        give(ahmed, ("Ergoterapi", "received"), ("Sykehus, poliklinikk", "received"))
        register(ahmed, 40, notification=True, requests_plan=True, requests_coordinator=True)

        # Children and families
        def child_case(
            given,
            family,
            born_on,
            n,
            parent,
            *,
            expected_on=None,
            days_ago=10,
            consent=True,
            services_=(),
        ):
            fam = Family.objects.create(name=f"Familien {family}")
            child = person(
                given, family, born_on, expected_on=expected_on, n=n, number=born_on is not None
            )
            FamilyMember.objects.create(family=fam, person=child, role=FamilyMember.Role.CHILD)
            Relation.objects.create(
                person=child,
                name=parent,
                role=Relation.Role.PARENT,
                # A parent logs in with ID-porten by this number (or the development login).
                national_id=_fnr(datetime.date(1984, 3, 1) + datetime.timedelta(days=n), 400),
                email=f"{parent.split()[0].lower()}@epost.example",
                phone="913 00 000",
                # Letters go by post address (or national id) through SvarUt, never email.
                address="Kirkeveien 12, 1234 Eksempelby",
            )
            give(child, *services_)
            c = services.case_register(
                person=child,
                family=fam,
                by=sara,
                caseworker=sara,
                origin=Case.Origin.APPLICATION,
                received_on=today - datetime.timedelta(days=days_ago),
                requests_child_coordinator=True,
                requests_plan=True,
                consent={**consent_template(parent, days_ago)} if consent else None,
            )
            return c

        def consent_template(parent, days_ago):
            return {
                "given_by": "parent",
                "given_by_name": parent,
                "given_on": today - datetime.timedelta(days=days_ago),
                "form": "written",
                "covers_plan": True,
            }

        child_case(
            "Emma",
            "Demo-Johansen",
            datetime.date(2019, 5, 17),
            500,
            "Mona Johansen",
            services_=[
                ("Habiliteringstjenesten for barn og unge (HABU)", "received"),
                ("Fysioterapi", "received"),
                ("Tilrettelagt barnehagetilbud", "received"),
            ],
        )
        child_case(
            "Noah",
            "Demo-Olsen",
            datetime.date(2012, 2, 3),
            510,
            "Jon Olsen",
            days_ago=50,
            services_=[
                ("Barne- og ungdomspsykiatrisk poliklinikk (BUP)", "received"),
                ("Pedagogisk-psykologisk tjeneste (PPT)", "received"),
                ("Spesialundervisning", "received"),
            ],
        )
        child_case(
            "Sofie",
            "Demo-Karlsen",
            add_years(today, -18) + datetime.timedelta(days=40),
            520,
            "Hilde Karlsen",
            services_=[("Avlastning", "received"), ("Skole", "received")],
        )
        child_case(
            "Baby",
            "Demo-Andersen",
            None,
            0,
            "Line Andersen",
            expected_on=today + datetime.timedelta(days=75),
            consent=True,
            services_=[
                ("Habiliteringstjenesten for barn og unge (HABU)", "expected"),
                ("Barnehage", "expected"),
            ],
        )
        child_case(
            "Jakob",
            "Demo-Pedersen",
            datetime.date(2021, 9, 1),
            530,
            "Eva Pedersen",
            consent=False,
            days_ago=5,
            services_=[("Helsestasjon", "received"), ("Barnehage", "received")],
        )
        child_case(
            "Lea",
            "Demo-Kristiansen",
            datetime.date(2016, 12, 24),
            540,
            "Tor Kristiansen",
            services_=[
                ("Fysioterapi", "received"),
                ("Skole", "received"),
                ("Støttekontakt", "applied"),
            ],
        )
        child_case(
            "Ufødt",
            "Demo-Larsen",
            None,
            0,
            "Siri Larsen",
            expected_on=today + datetime.timedelta(days=150),
            consent=False,
            days_ago=2,
            services_=[("Helsestasjon", "expected")],
        )
