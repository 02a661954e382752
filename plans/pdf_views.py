"""The plan as a PDF for the family: goals first, then measures, participants with the
consent each has, meetings, evaluation, and the consents the plan rests on."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import timezone

from cases.access import log_access
from cases.models import AccessLog
from cases.views import get_case
from core.pdf import render_to_pdf
from plans import selectors
from plans.models import Goal, ItemStatus


def plan_pdf(request, pk):
    case = get_case(request, pk)
    plan = selectors.plan_for_case(case)
    if plan is None:
        raise Http404
    goals = [g for g in plan.goals.all() if g.status != ItemStatus.ENDED]
    consents = selectors.case_consents(case)
    _, pdf = render_to_pdf(
        "plans/plan_pdf.html",
        {
            "case": case,
            "plan": plan,
            "person": case.person,
            "appointment": selectors.active_appointment(case),
            "long_term_goals": [g for g in goals if g.horizon == Goal.Horizon.LONG_TERM],
            "short_term_goals": [g for g in goals if g.horizon == Goal.Horizon.SHORT_TERM],
            "measures": [m for m in plan.measures.all() if m.status != ItemStatus.ENDED],
            "participants": list(plan.participants.all()),
            "meetings": list(plan.meetings.all()),
            "next_meeting": selectors.next_meeting(plan.meetings.all()),
            # Item 8 of the IP content list: the consent to the plan, and to sharing.
            "plan_consent": selectors.plan_consent_in_force(consents),
            "sharing_consent": selectors.sharing_consent_in_force(consents),
            "printed_on": timezone.localdate(),
            "MUNICIPALITY_NAME": settings.MUNICIPALITY_NAME,
            "KE_UNIT_NAME": settings.KE_UNIT_NAME,
        },
    )
    log_access(request, obj=plan, action=AccessLog.Action.EXPORT)
    filename = f"individuell-plan-{case.number.replace('/', '-')}.pdf"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
