"""A coordinator's own plans ("Mine planer") and their export."""

from django.shortcuts import redirect, render
from django.urls import reverse

from cases import search
from cases.access import log_list
from cases.models import AccessLog
from core.csv import csv_response
from core.db import reads_from_replica
from plans import selectors


def my_plans(request):
    # Names typed in the search travel by POST and wait in the session (cases.search).
    if request.method == "POST":
        query = search.stash(request, "q", allowed=["q"]).urlencode()
        return redirect(f"{reverse('plans:my_plans')}?{query}")
    query = search.unstash(request, "q").get("q", "")
    rows = selectors.my_plan_rows(request.user, query=query)
    _log_rows(request, rows, searched=search.term_kind(query))
    return render(request, "plans/my_plans.html", {"rows": rows, "query": query})


def _log_rows(request, rows, **kwargs):
    """Each row is one of the user's appointments, in a case about one person."""
    shown = [(row.case.pk, row.case.person_id) for row in rows]
    log_list(request, object_type="case", shown=shown, **kwargs)


def my_plans_export(request):
    # An export may lag the primary by a few seconds (core.db); its access-log rows are
    # written to the primary all the same.
    with reads_from_replica():
        plan_rows = selectors.my_plan_rows(request.user)
        rows = [
            [
                row.case.number,
                row.case.person.full_name,
                row.appointment.get_kind_display(),
                f"{row.appointment.started_on:%d.%m.%Y}",
                f"{row.next_evaluation:%d.%m.%Y}" if row.next_evaluation else "",
            ]
            for row in plan_rows
        ]
    response = csv_response(
        "mine-planer.csv",
        ["Saksnummer", "Navn", "Rolle", "Oppnevnt fra", "Neste evaluering"],
        rows,
    )
    _log_rows(request, plan_rows, action=AccessLog.Action.EXPORT)
    return response
