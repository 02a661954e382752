"""Oversikt's figures, read for a scope: anything with `of(prefix) -> Q`, the condition
on the unit of the case each query reaches by `prefix` (followup.overview_views.UnitScope
for a user, followup.overview_store.UnitFigures for the scan that keeps them).

Each query reads an index range over the period, the open cases or the active plans,
never every case: the cost follows the KE's current work, not its history.
"""

import datetime

from django.conf import settings
from django.db.models import Count, Exists, FilteredRelation, OuterRef, Q
from django.db.models.functions import TruncMonth
from django.utils import formats, timezone

from cases.models import Case
from decisions import selectors as decision_selectors
from decisions.models import Decision
from followup import overview

MONTHS = 12


def month_label(month) -> str:
    return formats.date_format(month, "YEAR_MONTH_FORMAT")


def read_figures(scope) -> dict:
    """Every figure on the page and in its CSV, in a constant number of queries. The base
    querysets (`cases`, and the plans and appointments of `_plans_by_area`) carry the
    unit filter (`scope.of`)."""
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
        "new_by_month": [(month_label(m), new_by_month.get(m, 0)) for m in months],
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
