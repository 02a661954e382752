"""Oversikt's figures, kept worked out: one row per unit and one for the municipality.

At a decade of a large city's cases the figures count every active plan and appointment
(plans by service area) and every case and decision of the year: more than a page may
cost on each view. A scan works them out again every ten minutes (`overview_figures`,
run by beat), and a view reads one row. A view works them out itself only where the row
is missing or older than KE_OVERVIEW_FRESH_MINUTES (no beat running, a new unit), and
keeps what it found. A caseworker of several units sees a combination no row holds:
theirs are worked out on each view (key None).
"""

import datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from cases.models import Unit
from followup.models import OverviewFigures
from followup.overview import MonthlyProcessing
from followup.overview_figures import read_figures

MUNICIPALITY = "kommune"


def key_of(unit) -> str:
    return f"enhet-{unit.pk}"


def read(key_of_scope, work_out) -> tuple[dict, datetime.datetime]:
    """(figures, when worked out) kept under `key_of_scope()` while fresh; else
    `work_out()`, kept. With KE_OVERVIEW_FRESH_MINUTES at 0 nothing is kept."""
    now = timezone.now()
    if settings.KE_OVERVIEW_FRESH_MINUTES <= 0:
        return work_out(), now
    key = key_of_scope()
    if key is None:
        return work_out(), now
    fresh_after = now - datetime.timedelta(minutes=settings.KE_OVERVIEW_FRESH_MINUTES)
    row = OverviewFigures.objects.filter(key=key, worked_out_at__gt=fresh_after).first()
    # A figure of today (the overdue evaluations) is not yesterday's after midnight.
    if row is not None and timezone.localdate(row.worked_out_at) == timezone.localdate(now):
        return _decoded(row.figures), row.worked_out_at
    figures = work_out()
    keep(key, figures, now)
    return figures, now


def keep(key: str, figures: dict, at: datetime.datetime) -> None:
    # One upsert: two views working out the same figures at once both keep theirs.
    OverviewFigures.objects.bulk_create(
        [OverviewFigures(key=key, figures=_encoded(figures), worked_out_at=at)],
        update_conflicts=True,
        unique_fields=["key"],
        update_fields=["figures", "worked_out_at"],
    )


class UnitFigures:
    """The scope of one unit's figures (None: the municipality's), for the scan."""

    def __init__(self, unit=None):
        self.unit = unit

    def of(self, prefix: str = "") -> Q:
        return Q(**{f"{prefix}unit": self.unit}) if self.unit is not None else Q()


def overview_figures(today: datetime.date, dry_run: bool = False) -> int:
    """The scan: every unit's figures and the municipality's, worked out and kept."""
    scopes = [(MUNICIPALITY, UnitFigures())]
    scopes += [(key_of(unit), UnitFigures(unit)) for unit in Unit.objects.order_by("pk")]
    if dry_run:
        return len(scopes)
    for key, scope in scopes:
        keep(key, read_figures(scope), timezone.now())
    return len(scopes)


def _encoded(figures: dict) -> dict:
    processing = [
        {
            "month": p.month.isoformat(),
            "decided": p.decided,
            "median_days": p.median_days,
            "p90_days": p.p90_days,
        }
        for p in figures["processing"]
    ]
    return {**figures, "processing": processing}


def _decoded(stored: dict) -> dict:
    figures = {name: [tuple(row) for row in rows] for name, rows in stored.items()}
    figures["processing"] = [
        MonthlyProcessing(**{**p, "month": datetime.date.fromisoformat(p["month"])})
        for p in stored["processing"]
    ]
    return figures
