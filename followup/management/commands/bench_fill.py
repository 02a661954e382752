"""`manage.py bench_fill --cases 100000`: the benchmark's data (docs/benchmarks.md)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from followup.bench.fill import fill


class Command(BaseCommand):
    help = "Fyller en tom database med realistiske data for ytelsesmåling (make bench)."

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=10_000)
        parser.add_argument("--coordinators", type=int, default=2_000)
        parser.add_argument("--caseworkers", type=int, default=40)
        parser.add_argument(
            "--units",
            type=int,
            default=1,
            help="KE-enheter (1: bare standardenheten; 4: en storby med fire bydeler).",
        )
        parser.add_argument(
            "--log-per-case", type=int, default=20, help="Rader i tilgangsloggen per sak."
        )
        parser.add_argument("--seed", type=int, default=18)
        parser.add_argument("--password", default="", help="Passord for alle brukerne.")

    def handle(self, *args, **options):
        password = options["password"] or settings.KE_DEMO_PASSWORD or "bench-passord-123"
        try:
            written = fill(
                cases=options["cases"],
                coordinators=options["coordinators"],
                caseworkers=options["caseworkers"],
                units=options["units"],
                log_per_case=options["log_per_case"],
                seed=options["seed"],
                password=password,
                out=self.stdout.write,
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        for label, count in sorted(written.items()):
            self.stdout.write(f"  {label:<28} {count:>10,}")
