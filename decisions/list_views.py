"""The list of decisions across cases, newest first, filtered by state and month sent."""

import datetime
import re

from django.shortcuts import render

from cases.access import caseworker_required, log_list
from core.paging import paginate
from decisions import selectors
from decisions.models import Decision


@caseworker_required
def decision_list(request):
    decisions = selectors.decision_list(request.user).order_by("-created_at", "-id")
    status = request.GET.get("status", "")
    if status in Decision.Status.values:
        decisions = decisions.filter(status=status)
    month = _month(request.GET.get("sendt", ""))
    if month is not None:
        decisions = selectors.sent_in(decisions, since=month, before=_next_month(month))
    page = paginate(decisions, request.GET.get("side"))
    log_list(request, object_type="decision", shown=[(d.pk, d.case.person_id) for d in page.items])
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "decisions/decision_list.html",
        {
            "page": page,
            "query": query.urlencode(),
            "statuses": Decision.Status.choices,
            "status": status,
            "sent_month": f"{month:%Y-%m}" if month else "",
        },
    )


def _month(value: str) -> datetime.date | None:
    """The first day of a month given as "2026-11", or None for anything else."""
    if not re.fullmatch(r"(19|20)\d\d-(0[1-9]|1[0-2])", value):
        return None
    return datetime.date(int(value[:4]), int(value[5:]), 1)


def _next_month(month: datetime.date) -> datetime.date:
    return (month + datetime.timedelta(days=31)).replace(day=1)
