import json
import sys

from django.core.management.base import BaseCommand, CommandError

from eligibility.facts import FactsError, parse_facts
from eligibility.rules import assess, assessment_to_dict

INVALID_INPUT = 2


class Command(BaseCommand):
    help = "Vurder rett til koordinator, barnekoordinator og individuell plan ut fra en faktafil."
    # The engine is pure: it uses no models, URLs or database, so checks add nothing.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file", help="JSON-fil med fakta, eller - for standard inn")

    def handle(self, *args, **options):
        path = options["file"]
        try:
            if path == "-":
                text = sys.stdin.read()
            else:
                with open(path, encoding="utf-8") as f:
                    text = f.read()
        except OSError as e:
            raise CommandError(
                f"{path}: kan ikke leses ({e.strerror})", returncode=INVALID_INPUT
            ) from e

        try:
            facts = parse_facts(json.loads(text))
        except json.JSONDecodeError as e:
            message = f"{path}: ugyldig JSON på linje {e.lineno}, kolonne {e.colno}: {e.msg}"
            raise CommandError(message, returncode=INVALID_INPUT) from e
        except FactsError as e:
            message = "\n".join([f"Ugyldige fakta i {path}:", *(f"  {m}" for m in e.errors)])
            raise CommandError(message, returncode=INVALID_INPUT) from e

        result = assessment_to_dict(assess(facts))
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
