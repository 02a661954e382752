"""Fill an empty database with a municipality's decade of casework, fast."""

import random
import time

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from cases import partitions
from cases.catalogue import ensure_catalogue
from cases.models import Case, Service, Unit
from cases.roles import sync_role_groups
from cases.units import default_unit
from coordinators.catalogue import ensure_area_services
from coordinators.models import ServiceArea
from followup.bench import casework
from followup.bench import people as bench_people
from followup.bench.writer import reset_sequences
from plans.activity import last_active_repair

# The people per case and the rows per table follow the sizing in issue 18.
PEOPLE_PER_CASE = 0.82


def fill(
    *,
    cases: int,
    coordinators: int,
    caseworkers: int,
    log_per_case: int,
    seed: int,
    units: int = 1,
    password: str,
    out=print,
) -> dict:
    if Case.objects.exists():
        raise ValueError("Databasen har saker fra før; fyll en tom database.")
    rng = random.Random(seed)
    today = timezone.localdate()
    started = time.monotonic()

    def say(text):
        out(f"{time.monotonic() - started:7.1f} s  {text}")

    sync_role_groups()
    ensure_catalogue(Service, ServiceArea)
    ensure_area_services(Service, ServiceArea)
    # The access log's months, as the daily scan would have made them over the decade.
    back = today.replace(year=today.year - casework.YEARS - 1, day=1)
    made = partitions.ensure_partitions(today, since=back)
    say(f"{len(made)} månedspartisjoner av tilgangsloggen")
    with transaction.atomic():
        staff = bench_people.staff(rng, caseworkers=caseworkers, password=password)
        say(f"{caseworkers} saksbehandlere, 3 ledere, 1 administrator")
        unit_of = _units(units, staff["caseworkers"])
        say(f"{units} enheter, saksbehandlerne fordelt på dem; lederne ser alle")
        found = bench_people.coordinators(rng, count=coordinators, password=password, today=today)
        say(f"{coordinators} koordinatorer med opplæring")
        people_rows = bench_people.people(rng, max(1, int(cases * PEOPLE_PER_CASE)), today)
        families = bench_people.families(people_rows)
        say(f"{len(people_rows)} personer, {len(families)} familier")
        User = get_user_model()
        ctx = casework.Context(
            rng=rng,
            today=today,
            people=people_rows,
            families=families,
            staff=staff,
            coordinators=found,
            usernames=dict(User.objects.values_list("pk", "username")),
            log_per_case=log_per_case,
            unit_of=unit_of,
        )
        casework.generate(ctx, cases, progress=lambda n: say(f"{n} saker"))
        reset_sequences(list(ctx.writers) + [User])
        # COPY bypasses the saves that keep each plan's last activity: the daily repair.
        say(f"{last_active_repair()} planer datert etter siste aktivitet")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        say("ANALYZE")
    return {model._meta.label: writer.written for model, writer in ctx.writers.items()}


def _units(count: int, caseworkers: list[int]) -> dict[int, int]:
    """The default unit and `count - 1` districts, the caseworkers dealt out among them
    in turn; each caseworker's unit, by id. A case goes in its caseworker's unit."""
    units = [default_unit()]
    units += [
        Unit.objects.create(name=f"Koordinerende enhet, bydel {n}", kind=Unit.Kind.DISTRICT)
        for n in range(2, count + 1)
    ]
    unit_of = {pk: units[i % len(units)].pk for i, pk in enumerate(caseworkers)}
    Unit.staff.through.objects.bulk_create(
        [Unit.staff.through(unit_id=u, user_id=pk) for pk, u in unit_of.items() if count > 1]
    )
    return unit_of
