from django.shortcuts import render

from cases.views import get_case, render_case_tab
from coordinators.selectors import appointments_for_user


def plan_list(request):
    return render(
        request,
        "plans/plan_list.html",
        {"appointments": appointments_for_user(request.user)},
    )


def case_plan(request, pk):
    case = get_case(request, pk)
    return render_case_tab(request, case, "plan", "plans/tab_plan.html")
