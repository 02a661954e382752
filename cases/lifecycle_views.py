"""Reopening a closed case; a leader handing a caseworker's cases over to another; moving
a case to another KE unit."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import redirect, render

from cases import lifecycle, selectors
from cases.access import caseworker_required, log_access, log_list
from cases.filters import caseworker_choices
from cases.lifecycle_forms import HandOverForm, HandOverFromForm, MoveForm, ReopenForm
from cases.models import AccessLog, Case, Unit
from cases.views import get_case, render_case_tab
from core.errors import RuleViolation


@caseworker_required
def case_reopen(request, pk):
    case = get_case(request, pk)
    if case.is_open:
        messages.info(request, "Saken er ikke avsluttet.")
        return redirect(case)
    form = ReopenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            lifecycle.case_reopen(case=case, by=request.user, **form.cleaned_data)
        except RuleViolation as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, f"Sak {case.number} er gjenåpnet.")
            log_access(request, obj=case, action=AccessLog.Action.CHANGE)
            return redirect(case)
    return render_case_tab(
        request,
        case,
        "person",
        "cases/edit_form.html",
        {
            "form": form,
            "title": "Gjenåpne saken",
            "intro": "En plan eller en oppnevning som ble avsluttet med saken, er fortsatt "
            "avsluttet. Saken går til vurdering, eller venter på samtykke hvis ingen "
            "samtykke gjelder.",
        },
    )


@permission_required("cases.hand_over_cases", raise_exception=True)
def hand_over(request):
    """Step one picks whose cases (GET ?fra=), step two which of them and to whom (POST)."""
    caseworkers = caseworker_choices()
    chooser = HandOverFromForm(request.GET or None, caseworkers=caseworkers)
    form = None
    if chooser.is_valid():
        away = chooser.cleaned_data["fra"]
        cases = (
            selectors.case_list(request.user)
            .filter(caseworker=away, status__in=Case.OPEN_STATUSES)
            .order_by("received_on", "pk")
        )
        form = HandOverForm(
            request.POST if request.method == "POST" else None,
            cases=cases,
            caseworkers=caseworkers.exclude(pk=away.pk),
        )
        if request.method == "POST" and form.is_valid():
            try:
                moved = lifecycle.cases_hand_over(
                    case_ids=[case.pk for case in form.cleaned_data["cases"]],
                    to=form.cleaned_data["to"],
                    by=request.user,
                    note=form.cleaned_data["note"],
                )
            except RuleViolation as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                log_list(
                    request,
                    object_type="case",
                    shown=[(case.pk, case.person_id) for case in moved],
                    action=AccessLog.Action.CHANGE,
                )
                messages.success(request, f"{len(moved)} saker er overført.")
                return redirect("home")
        # One caseworker's open cases: tens, not thousands.
        log_list(request, object_type="case", shown=[(c.pk, c.person_id) for c in cases])
    return render(request, "cases/hand_over.html", {"chooser": chooser, "form": form})


@caseworker_required
def case_move(request, pk):
    case = get_case(request, pk)
    others = Unit.objects.exclude(pk=case.unit_id).order_by("name")
    form = MoveForm(request.POST if request.method == "POST" else None, units=others)
    if request.method == "POST" and form.is_valid():
        try:
            moved = lifecycle.case_move_to_unit(case=case, by=request.user, **form.cleaned_data)
        except RuleViolation as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            log_access(request, obj=moved, action=AccessLog.Action.CHANGE)
            messages.success(request, f"Sak {moved.number} er flyttet til {moved.unit.name}.")
            # Moved out of the user's own units, the case is no longer theirs to open.
            if selectors.case_list(request.user).filter(pk=moved.pk).exists():
                return redirect(moved)
            return redirect("cases:list")
    return render_case_tab(
        request,
        case,
        "person",
        "cases/edit_form.html",
        {
            "form": form,
            "title": "Flytt saken til en annen enhet",
            "intro": f"Saken hører nå til {case.unit.name}. Den nye enhetens saksbehandlere "
            "ser den; en saksbehandler som ikke er i den nye enheten, er ikke lenger "
            "saksbehandler for saken.",
        },
    )
