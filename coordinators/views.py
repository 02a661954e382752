from django.shortcuts import render

from cases.access import caseworker_required
from cases.views import get_case, render_case_tab
from coordinators import selectors


@caseworker_required
def coordinator_list(request):
    return render(
        request,
        "coordinators/coordinator_list.html",
        {"coordinators": selectors.coordinator_list_with_load()},
    )


def my_plans(request):
    return render(
        request,
        "coordinators/my_plans.html",
        {"appointments": selectors.appointments_for_user(request.user)},
    )


def case_coordinator(request, pk):
    case = get_case(request, pk)
    return render_case_tab(
        request,
        case,
        "coordinator",
        "coordinators/tab_coordinator.html",
        {"appointments": selectors.case_appointments(case)},
    )
