from cases.access import caseworker_required
from cases.views import get_case, render_case_tab


@caseworker_required
def case_assessment(request, pk):
    case = get_case(request, pk)
    return render_case_tab(request, case, "assessment", "eligibility/tab_assessment.html")
