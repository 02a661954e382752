"""'Endre planen': the plan's own text, saved only over what the editor saw."""

from django.contrib import messages
from django.shortcuts import redirect

from cases.access import log_access
from cases.models import AccessLog
from cases.views import render_case_tab
from core.errors import RuleViolation, StaleEdit
from plans import forms, services, writes
from plans.models import Plan
from plans.views import _editable


def plan_edit(request, pk):
    case, plan = _editable(request, pk)
    if plan.is_closed:
        messages.error(request, writes.CLOSED_PLAN)
        return redirect(plan)
    form = forms.PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(
                plan=plan, by=request.user, expected_stamp=form.expected_stamp, **form.edit_values()
            )
        except StaleEdit as error:
            # The editor's text stays on the form, stamped with what is stored now.
            form.keep_input(Plan.objects.get(pk=plan.pk))
            form.add_error(None, error.messages[0])
        except RuleViolation as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, "Planen er lagret.")
            log_access(request, obj=plan, action=AccessLog.Action.CHANGE)
            return redirect(plan)
    log_access(request, obj=plan)
    intro = "Ressurser og behov, hva hver enkelt bidrar med, samarbeid, planperiode og neste "
    return render_case_tab(
        request,
        case,
        "plan",
        "plans/plan_form.html",
        {"form": form, "plan": plan, "title": "Endre planen", "intro": intro + "evaluering."},
        log=False,
    )
