from django.core.management.base import BaseCommand

from followup.scans import run_all


class Command(BaseCommand):
    help = "Kjører de daglige skanningene (frister og påminnelser) nå."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Vis hvor mange som er forfalt, uten å lagre."
        )

    def handle(self, *args, dry_run=False, **options):
        results = run_all(dry_run=dry_run)
        for name, count in results.items():
            verb = "forfalt" if dry_run else "behandlet"
            self.stdout.write(f"{name}: {count} {verb}")
