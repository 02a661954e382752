"""The plan as a PDF for the family: goals first, then measures, participants with the
consent each has, meetings, evaluation, and the consents the plan rests on."""

from django.http import Http404

from cases.access import log_access
from cases.models import AccessLog
from cases.views import get_case
from plans import selectors
from plans.pdf import plan_pdf_response


def plan_pdf(request, pk):
    case = get_case(request, pk)
    plan = selectors.plan_for_case(case)
    if plan is None:
        raise Http404
    response = plan_pdf_response(plan, case=case, person=case.person, confidential=True)
    log_access(request, obj=plan, action=AccessLog.Action.EXPORT)
    return response
