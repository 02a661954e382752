import datetime

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.shortcuts import render
from django.utils import timezone

from cases.access import caseworker_required
from cases.models import Case, TimelineEntry
from core.charts import bar_chart
from core.csv import csv_response
from followup import overview

MONTHS = 12
MONTH_NAMES = ["jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "des"]


def _month_label(month) -> str:
    return f"{MONTH_NAMES[month.month - 1]} {month:%Y}"


def _figures():
    """Every figure on the page, in a constant number of queries."""
    today = timezone.localdate()
    months = overview.months_back(today, MONTHS)
    by_status = dict(Case.objects.order_by().values_list("status").annotate(n=Count("id")))
    new_by_month = dict(
        Case.objects.filter(received_on__gte=months[0])
        .order_by()
        .annotate(month=TruncMonth("received_on"))
        .values_list("month")
        .annotate(n=Count("id"))
    )
    # A time-zone-aware bound on the column itself, not occurred_at__date: the index
    # timeline_to_status (to_status, occurred_at) serves the range.
    since = timezone.make_aware(datetime.datetime.combine(months[0], datetime.time()))
    decided = (
        TimelineEntry.objects.filter(to_status=Case.Status.DECIDED, occurred_at__gte=since)
        .order_by()
        .values_list("case__received_on", "occurred_at")
    )
    pairs = [(received, timezone.localtime(at).date()) for received, at in decided]
    return {
        "by_status": [(s.label, by_status.get(s.value, 0)) for s in Case.Status],
        "new_by_month": [(_month_label(m), new_by_month.get(m, 0)) for m in months],
        "processing": overview.processing_times(pairs, months),
        "extra": _other_app_figures(today),
        "overdue_by_area": _overdue_evaluations_by_area(today),
    }


def _other_app_figures(today) -> list[tuple[str, int]]:
    from coordinators.models import Coordinator
    from plans.models import Plan

    return [
        ("Aktive planer", Plan.objects.filter(status=Plan.Status.ACTIVE).count()),
        ("Aktive koordinatorer", Coordinator.objects.filter(active=True).count()),
    ]


def _overdue_evaluations_by_area(today) -> list[tuple[str, int]]:
    """Active plans past their evaluation date, by the service area of their coordinator."""
    from coordinators.models import Appointment
    from plans.models import Plan

    return list(
        Appointment.objects.filter(
            ended_on__isnull=True,
            case__plan__status=Plan.Status.ACTIVE,
            case__plan__next_evaluation_on__lt=today,
        )
        .order_by()
        .values_list("coordinator__service_area__name")
        .annotate(n=Count("case", distinct=True))
        .order_by("-n", "coordinator__service_area__name")
    )


@caseworker_required
def overview_page(request):
    figures = _figures()
    processing_rows = [(_month_label(p.month), p.median_days) for p in figures["processing"]]
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
            "processing_rows": [(_month_label(p.month), p) for p in figures["processing"]],
        },
    )


@caseworker_required
def overview_csv(request):
    figures = _figures()
    rows = []
    for label, n in figures["by_status"]:
        rows.append(["Saker etter status", label, n])
    for label, n in figures["new_by_month"]:
        rows.append(["Nye saker", label, n])
    for p in figures["processing"]:
        month = _month_label(p.month)
        rows.append(["Vedtak fattet", month, p.decided])
        rows.append(["Behandlingstid median (dager)", month, _num(p.median_days)])
        rows.append(["Behandlingstid 90-persentil (dager)", month, _num(p.p90_days)])
    for label, n in figures["overdue_by_area"]:
        rows.append(["Forfalte evalueringer", label, n])
    for label, n in figures["extra"]:
        rows.append([label, timezone.localdate().isoformat(), n])
    return csv_response("ke-oversikt.csv", ["Figur", "Periode", "Verdi"], rows)


def _num(value) -> str:
    return "" if value is None else f"{value:g}".replace(".", ",")
