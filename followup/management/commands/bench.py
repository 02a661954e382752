"""`manage.py bench` (`make bench`): per page, queries, p50/p95 and the SQL floor."""

import time

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from followup.bench.measure import Bench, cpu_reference_ms, table
from followup.bench.pages import pages
from followup.bench.pdf import pdf_figures, pdf_table
from followup.overview_store import overview_figures


class Command(BaseCommand):
    help = "Måler hver side i prosessen: spørringer, p50/p95 og SQL-gulvet (docs/benchmarks.md)."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=20)
        parser.add_argument("--only", default="", help="Bare sider med dette i navnet.")
        parser.add_argument("--explain", default="", help="Skriv EXPLAIN av trege spørringer hit.")
        parser.add_argument(
            "--pdf-rounds", type=int, default=10, help="Ganger hver PDF lages (0: ingen PDF)."
        )

    def handle(self, *args, **options):
        # The same code runs 3x slower on a busy or throttled host: the reference says
        # which kind of day a table was measured on.
        self.stdout.write(f"CPU reference: {cpu_reference_ms():.0f} ms (docs/benchmarks.md)\n")
        bench = Bench(requests=options["requests"])
        results = []
        # The test client's host, and plain static storage: the timing is of our pages,
        # not of a manifest that collectstatic may not have written on this machine.
        with override_settings(
            ALLOWED_HOSTS=["testserver"],
            STORAGES={
                "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
                "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
            },
        ):
            # `--only pdf`: the PDF figures alone.
            for page in pages() if options["only"].lower() != "pdf" else []:
                if options["only"].lower() not in page.name.lower():
                    continue
                result = bench.run(page)
                results.append(result)
                self.stderr.write(
                    f"{page.name:<32} {result.queries:>3} q {result.p50:7.1f} ms "
                    f"(SQL {result.floor:6.1f} ms)"
                )
            figures = pdf_figures(options["pdf_rounds"]) if options["pdf_rounds"] else []
        self.stdout.write(table(results))
        if options["only"].lower() in "oversikt":
            self.stdout.write("\n" + _overview_worked_out())
        if figures:
            self.stdout.write("\n" + pdf_table(figures))
        if options["explain"]:
            with open(options["explain"], "w") as out:
                for r in results:
                    for ms, sql, plan in r.slow:
                        out.write(f"## {r.page.name}: {ms:.1f} ms\n\n{sql}\n\n{plan}\n\n")


def _overview_worked_out() -> str:
    """What a view of Oversikt no longer pays: the scan that works out the figures it
    reads, every ten minutes (rolled back, so the bench leaves nothing behind)."""
    with transaction.atomic():
        started = time.perf_counter()
        scopes = overview_figures(timezone.localdate())
        ms = (time.perf_counter() - started) * 1000
        transaction.set_rollback(True)
    return f"Oversikt's figures worked out (scan overview_figures): {ms:.0f} ms, {scopes} scopes\n"
