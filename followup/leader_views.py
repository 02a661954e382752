"""The leader's start page."""

from django.contrib.auth.decorators import permission_required
from django.shortcuts import render
from django.utils import timezone

from cases.access import log_shown
from cases.filters import overdue_before
from followup import leader


@permission_required("cases.hand_over_cases", raise_exception=True)
def leader_home(request):
    today = timezone.localdate()
    approvals = list(leader.awaiting_approval(request.user))
    unassigned = leader.unassigned(request.user)
    log_shown(
        request,
        {
            "decision": [(d.pk, d.case.person_id) for d in approvals],
            "case": [(case.pk, case.person_id) for case in unassigned],
        },
    )
    return render(
        request,
        "followup/leader_home.html",
        {
            "approvals": approvals,
            "loads": leader.overdue_by_caseworker(request.user, today=today),
            "unassigned": unassigned,
            "overdue_before": overdue_before(),
        },
    )
