"""The plan as a PDF, for staff and for participants: the same document, with the
confidential sections only for those whose consent allows them."""

from django.http import HttpResponse
from django.utils import timezone

from cases.units import letterhead_for
from core.pdf import render_to_pdf
from plans import selectors
from plans.models import Goal, ItemStatus

PLAN_TEMPLATE = "plans/plan_pdf.html"


def plan_pdf_response(plan, *, case, person, confidential: bool) -> HttpResponse:
    """`plan` as `selectors.plan_for_case` reads it; `person` is its owner."""
    _, pdf = render_to_pdf(
        PLAN_TEMPLATE, plan_pdf_context(plan, case=case, person=person, confidential=confidential)
    )
    filename = f"individuell-plan-{case.number.replace('/', '-')}.pdf"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def plan_pdf_context(plan, *, case, person, confidential: bool) -> dict:
    goals = [g for g in plan.goals.all() if g.status != ItemStatus.ENDED]
    consents = selectors.case_consents(case)
    return {
        "case": case,
        "plan": plan,
        "person": person,
        "confidential": confidential,
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
        # The letterhead of the case's unit, the settings where it has none.
        "letterhead": letterhead_for(case),
    }
