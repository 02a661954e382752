"""A coordinator's own plans ("Mine planer") and their export."""

from django.shortcuts import redirect, render
from django.urls import reverse

from cases import search
from cases.access import log_access
from cases.models import AccessLog
from core.csv import csv_response
from plans import selectors


def my_plans(request):
    # Names typed in the search travel by POST and wait in the session (cases.search).
    if request.method == "POST":
        query = search.stash(request, "q", allowed=["q"]).urlencode()
        return redirect(f"{reverse('plans:my_plans')}?{query}")
    query = search.unstash(request, "q").get("q", "")
    return render(
        request,
        "plans/my_plans.html",
        {"rows": selectors.my_plan_rows(request.user, query=query), "query": query},
    )


def my_plans_export(request):
    rows = [
        [
            row.case.number,
            row.case.person.full_name,
            row.appointment.get_kind_display(),
            f"{row.appointment.started_on:%d.%m.%Y}",
            f"{row.next_evaluation:%d.%m.%Y}" if row.next_evaluation else "",
        ]
        for row in selectors.my_plan_rows(request.user)
    ]
    response = csv_response(
        "mine-planer.csv",
        ["Saksnummer", "Navn", "Rolle", "Oppnevnt fra", "Neste evaluering"],
        rows,
    )
    coordinator = getattr(request.user, "coordinator", None)
    if coordinator is not None:
        log_access(request, obj=coordinator, action=AccessLog.Action.EXPORT)
    return response
