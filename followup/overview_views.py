import datetime

from django.conf import settings
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone

from cases.access import caseworker_required
from cases.models import Unit
from cases.scoping import sees_all_units
from cases.units import units_of
from core.charts import bar_chart
from core.csv import csv_response
from core.db import reads_from_replica
from followup import overview_store
from followup.overview_figures import month_label, read_figures


class UnitScope:
    """Whose figures: one unit, or every unit the user sees (a leader: the municipality).

    A filter on each query's path to the case (`of("case__")`), never a loop per unit.
    """

    def __init__(self, request):
        self.user = request.user
        self.error = ""
        self.unit = None
        self.units = []
        if sees_all_units(self.user):
            # A leader chooses; the list is shown only when there is a choice.
            self.units = list(Unit.objects.order_by("-is_default", "name"))
            chosen = request.GET.get("enhet", "")
            if chosen:
                self.unit = next((u for u in self.units if str(u.pk) == chosen), None)
                if self.unit is None:
                    self.error = "Velg en av enhetene i listen. Tallene gjelder hele kommunen."

    @property
    def offers_choice(self) -> bool:
        return len(self.units) > 1

    @property
    def query(self) -> str:
        return f"?enhet={self.unit.pk}" if self.unit else ""

    def stored_as(self) -> str | None:
        """The key its figures are kept under; None for the units of a caseworker in more
        than one, a combination no stored row holds."""
        if self.unit is not None:
            return overview_store.key_of(self.unit)
        if sees_all_units(self.user):
            return overview_store.MUNICIPALITY
        units = list(units_of(self.user)[:2])
        return overview_store.key_of(units[0]) if len(units) == 1 else None

    def of(self, prefix: str = "") -> Q:
        if self.unit is not None:
            return Q(**{f"{prefix}unit": self.unit})
        if sees_all_units(self.user):
            return Q()
        return Q(**{f"{prefix}unit__in": units_of(self.user).values("pk")})


def _figures(scope: "UnitScope") -> tuple[dict, datetime.datetime]:
    """The figures kept for the scope (followup.overview_store), or worked out now. Read
    from the replica when there is one: a few seconds' lag changes no monthly figure."""

    def work_out():
        with reads_from_replica():
            return read_figures(scope)

    return overview_store.read(scope.stored_as, work_out)


@caseworker_required
def overview_page(request):
    scope = UnitScope(request)
    figures, worked_out_at = _figures(scope)
    processing_rows = [(month_label(p.month), p.median_days) for p in figures["processing"]]
    return render(
        request,
        "followup/overview.html",
        {
            **figures,
            "status_chart": bar_chart("Saker etter status", figures["by_status"]),
            "new_chart": bar_chart("Nye saker per måned", figures["new_by_month"]),
            "processing_chart": bar_chart(
                "Median behandlingstid per måned (dager fra mottatt til vedtak)",
                processing_rows,
                unit=" d",
            ),
            "overdue_chart": bar_chart(
                "Forfalte evalueringer per tjenesteområde", figures["overdue_by_area"]
            )
            if figures["overdue_by_area"]
            else None,
            "processing_rows": [
                (month_label(p.month), f"{p.month:%Y-%m}", p) for p in figures["processing"]
            ],
            "quiet_months": settings.KE_PLAN_QUIET_MONTHS,
            "worked_out_at": worked_out_at,
            "scope": scope,
        },
    )


@caseworker_required
def overview_csv(request):
    scope = UnitScope(request)
    figures, worked_out_at = _figures(scope)
    rows = [["Regnet ut", "", timezone.localtime(worked_out_at).isoformat(timespec="minutes")]]
    if scope.unit is not None:
        rows.append(["Enhet", "", scope.unit.name])
    for label, n in figures["by_status"]:
        rows.append(["Saker etter status", label, n])
    for label, n in figures["new_by_month"]:
        rows.append(["Nye saker", label, n])
    for p in figures["processing"]:
        month = month_label(p.month)
        rows.append(["Vedtak sendt", month, p.decided])
        rows.append(["Behandlingstid median (dager)", month, _num(p.median_days)])
        rows.append(["Behandlingstid 90-persentil (dager)", month, _num(p.p90_days)])
    for label, n in figures["overdue_by_area"]:
        rows.append(["Forfalte evalueringer", label, n])
    for label, active, quiet, users in figures["plans_by_area"]:
        rows.append(["Aktive planer per tjenesteområde", label, active])
        rows.append(["Planer uten aktivitet per tjenesteområde", label, quiet])
        rows.append(["Deltakere som har logget inn per tjenesteområde", label, users])
    for label, n in figures["extra"]:
        rows.append([label, timezone.localdate().isoformat(), n])
    return csv_response("ke-oversikt.csv", ["Figur", "Periode", "Verdi"], rows)


def _num(value) -> str:
    return "" if value is None else f"{value:g}".replace(".", ",")
