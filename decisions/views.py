from django.shortcuts import render

from cases.access import caseworker_required
from cases.views import get_case, render_case_tab


@caseworker_required
def decision_list(request):
    return render(request, "decisions/decision_list.html", {"decisions": []})


@caseworker_required
def case_decisions(request, pk):
    case = get_case(request, pk)
    return render_case_tab(request, case, "decisions", "decisions/tab_decisions.html")
