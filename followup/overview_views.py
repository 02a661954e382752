import datetime

from django.conf import settings
from django.db.models import Count, Exists, FilteredRelation, OuterRef, Q
from django.db.models.functions import TruncMonth
from django.shortcuts import render
from django.utils import formats, timezone

from cases.access import caseworker_required
from cases.models import Case, Unit
from cases.scoping import sees_all_units
from cases.units import units_of
from core.charts import bar_chart
from core.csv import csv_response
from core.db import reads_from_replica
from decisions import selectors as decision_selectors
from decisions.models import Decision
from followup import overview

MONTHS = 12


def _month_label(month) -> str:
    return formats.date_format(month, "YEAR_MONTH_FORMAT")


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

    def of(self, prefix: str = "") -> Q:
        if self.unit is not None:
            return Q(**{f"{prefix}unit": self.unit})
        if sees_all_units(self.user):
            return Q()
        return Q(**{f"{prefix}unit__in": units_of(self.user).values("pk")})


def _figures(scope: UnitScope):
    """Read from the replica when there is one: a few seconds' lag changes no monthly
    figure."""
    with reads_from_replica():
        return _read_figures(scope)


def _read_figures(scope: UnitScope):
    """Every figure on the page and in its CSV, in a constant number of queries.

    Each query reads an index range over the period, the open cases or the active plans,
    never every case: the cost follows the KE's current work, not its history. The base
    querysets (`cases`, and the plans and appointments of `_plans_by_area`) carry the
    unit filter (`scope.of`).
    """
    today = timezone.localdate()
    months = overview.months_back(today, MONTHS)
    cases = Case.objects.filter(scope.of()).order_by()
    # Open cases by status (`case_status_received`, an index-only range per status), and
    # the cases closed in the period (`case_closed_on`): not every case ever closed.
    by_status = dict(
        cases.filter(status__in=Case.OPEN_STATUSES).values_list("status").annotate(n=Count("*"))
    )
    by_status[Case.Status.CLOSED] = cases.filter(
        status=Case.Status.CLOSED, closed_on__gte=months[0]
    ).count()
    new_by_month = dict(
        cases.filter(received_on__gte=months[0])
        .annotate(month=TruncMonth("received_on"))
        .values_list("month")
        .annotate(n=Count("*"))
    )
    # A decision counts in the month it was sent, as in the decision list (one definition,
    # decisions.selectors.sent_in): not when the case changed status, which for a second
    # decision in the same case never happens.
    # Each decision's processing time is kept with it: one index range, no join, counted
    # by month and days (the median and 90th percentile need no more).
    sent = list(
        decision_selectors.sent_in(Decision.objects.filter(scope.of("case__")), since=months[0])
        .annotate(month=TruncMonth("sent_on"))
        .order_by()
        .values_list("month", "processing_days")
        .annotate(n=Count("*"))
    )
    return {
        "by_status": [
            (_status_label(s, months[0]), by_status.get(s.value, 0)) for s in Case.Status
        ],
        "new_by_month": [(_month_label(m), new_by_month.get(m, 0)) for m in months],
        "processing": overview.processing_times(sent, months),
        "extra": _other_app_figures(today, scope),
        "overdue_by_area": _overdue_evaluations_by_area(today, scope),
        "plans_by_area": _plans_by_area(today, scope),
    }


def _status_label(status, since) -> str:
    if status == Case.Status.CLOSED:
        return f"{status.label} siden {formats.date_format(since, 'DATE_FORMAT')}"
    return status.label


def _other_app_figures(today, scope) -> list[tuple[str, int]]:
    from coordinators.models import Appointment, Coordinator
    from plans.models import Plan

    # The register holds everyone who may be appointed; few of them are at any one time.
    appointed = (
        Appointment.objects.filter(scope.of("case__"), ended_on__isnull=True)
        .order_by()
        .values("coordinator")
        .distinct()
        .count()
    )
    return [
        (
            "Aktive planer",
            Plan.objects.filter(scope.of("case__"), status=Plan.Status.ACTIVE).count(),
        ),
        # The register is the municipality's, whichever unit appoints.
        ("Koordinatorer i registeret (aktive)", Coordinator.objects.filter(active=True).count()),
        ("Koordinatorer med minst én oppnevning nå", appointed),
    ]


def _overdue_evaluations_by_area(today, scope) -> list[tuple[str, int]]:
    """Active plans past their evaluation date, by the service area of their coordinator."""
    from coordinators.models import Appointment
    from plans import due

    overdue = due.evaluations_due(until=today - datetime.timedelta(days=1)).order_by()
    return list(
        Appointment.objects.filter(
            scope.of("case__"), ended_on__isnull=True, case__in=overdue.values("case")
        )
        .order_by()
        .values_list("coordinator__service_area__name")
        .annotate(n=Count("case", distinct=True))
        .order_by("-n", "coordinator__service_area__name")
    )


NO_COORDINATOR = "Uten koordinator"


def _plans_by_area(today, scope) -> list[tuple[str, int, int, int]]:
    """(service area, active plans, quiet plans, participants who have logged in) by the
    area of the plans' coordinators. A plan with coordinators from two areas counts in both.

    A participant has logged in when their participant account has, or when a citizen
    account with their relation's national id has (an ID-porten login).
    """
    from cases.models import CitizenAccount
    from coordinators.models import Appointment
    from plans import due
    from plans.models import Participant, Plan

    active = Plan.objects.filter(scope.of("case__"), status=Plan.Status.ACTIVE).order_by()
    quiet = due.quiet_plans_due(until=today, months=settings.KE_PLAN_QUIET_MONTHS)
    quiet_cases = quiet.order_by().values("case")
    appointed = Appointment.objects.filter(ended_on__isnull=True).order_by()
    # Three queries. The areas of the active plans, from the appointments now (matched by
    # case id: no join through every case); then the plans with no coordinator now.
    rows = [
        (name, n_active, n_quiet)
        for name, n_active, n_quiet in appointed.filter(case__in=active.values("case"))
        .values_list("coordinator__service_area__name")
        .annotate(
            n_active=Count("case", distinct=True),
            n_quiet=Count("case", distinct=True, filter=Q(case__in=quiet_cases)),
        )
    ]
    unappointed = active.exclude(Exists(appointed.filter(case=OuterRef("case"))))
    counts = unappointed.aggregate(
        n_active=Count("pk"), n_quiet=Count("pk", filter=Q(case__in=quiet_cases))
    )
    if counts["n_active"]:
        rows.append((NO_COORDINATOR, counts["n_active"], counts["n_quiet"]))
    # The participants who have logged in, found from the accounts that have (few, and
    # by index), then grouped by the area of their plan's coordinators now (none: None).
    by_account = Participant.objects.filter(user__last_login__isnull=False).order_by()
    citizens = (
        CitizenAccount.objects.filter(user__last_login__isnull=False)
        .exclude(national_id="")
        .order_by()
        .values("national_id")
    )
    by_citizen = Participant.objects.filter(relation__national_id__in=citizens).order_by()
    now = FilteredRelation(
        "plan__case__appointments", condition=Q(plan__case__appointments__ended_on__isnull=True)
    )
    users = dict(
        Participant.objects.filter(
            scope.of("plan__case__"),
            pk__in=by_account.values("pk").union(by_citizen.values("pk")),
            plan__status=Plan.Status.ACTIVE,
        )
        .annotate(now=now)
        .order_by()
        .values_list("now__coordinator__service_area__name")
        .annotate(n=Count("pk", distinct=True))
    )
    users[NO_COORDINATOR] = users.pop(None, 0)
    rows = [(name, n_active, n_quiet, users.get(name, 0)) for name, n_active, n_quiet in rows]
    return sorted(rows, key=lambda r: (-r[1], r[0]))


@caseworker_required
def overview_page(request):
    scope = UnitScope(request)
    figures = _figures(scope)
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
            "processing_rows": [
                (_month_label(p.month), f"{p.month:%Y-%m}", p) for p in figures["processing"]
            ],
            "quiet_months": settings.KE_PLAN_QUIET_MONTHS,
            "scope": scope,
        },
    )


@caseworker_required
def overview_csv(request):
    scope = UnitScope(request)
    figures = _figures(scope)
    rows = []
    if scope.unit is not None:
        rows.append(["Enhet", "", scope.unit.name])
    for label, n in figures["by_status"]:
        rows.append(["Saker etter status", label, n])
    for label, n in figures["new_by_month"]:
        rows.append(["Nye saker", label, n])
    for p in figures["processing"]:
        month = _month_label(p.month)
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
