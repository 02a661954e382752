"""The list of decisions across cases, newest first, filtered by state."""

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
        },
    )
