from django.core.management.base import BaseCommand, CommandError

from followup.scans import ScansFailed, run_all


class Command(BaseCommand):
    help = "Kjører de daglige skanningene (frister og påminnelser) nå."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Vis hvor mange som er forfalt, uten å lagre."
        )

    def handle(self, *args, dry_run=False, **options):
        try:
            results, failed = run_all(dry_run=dry_run), []
        except ScansFailed as error:
            results, failed = error.results, error.failed
        verb = "forfalt" if dry_run else "behandlet"
        for name, count in results.items():
            self.stdout.write(f"{name}: {count} {verb}")
        if failed:
            raise CommandError(
                f"Disse skanningene feilet: {', '.join(failed)}. De andre ble kjørt; "
                "feilene står i loggen."
            )
