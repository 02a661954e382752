"""The plan pages. Seeing a plan follows the case scope; only the appointed coordinator edits."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from cases.access import log_access, log_shown
from cases.models import AccessLog
from cases.scoping import is_ke_staff
from cases.views import get_case, render_case_tab
from coordinators.selectors import appointments_for_user
from core.errors import RuleViolation
from core.feedback import show_form_errors, show_violation
from core.paging import paginate
from plans import forms, meetings, rules, selectors, services, writes
from plans.history import plan_history
from plans.models import ActionPoint, Goal, ItemStatus, Measure, Participant, Plan


def _editable(request, pk) -> tuple:
    """The case and its plan, for the appointed coordinator only.

    Outside the user's scope: 404 (logged). In scope but not the coordinator: 403.
    """
    case = get_case(request, pk)
    if not selectors.is_plan_editor(request.user, case):
        raise PermissionDenied
    plan = get_object_or_404(Plan, case=case)
    return case, plan


def _active_goals(plan) -> list[Goal]:
    return [g for g in plan.goals.all() if g.status != ItemStatus.ENDED]


# --- Lists and the plan page ------------------------------------------------------------


def plan_list(request):
    """KE staff: every plan. A coordinator: the plans of the cases they are appointed to."""
    page = paginate(selectors.plan_list(request.user), request.GET.get("side"))
    without_plan = []
    if not is_ke_staff(request.user):
        without_plan = list(appointments_for_user(request.user).filter(case__plan__isnull=True))
    plans = [(plan.pk, plan.person_id) for plan in page.items]
    cases = [(a.case_id, a.case.person_id) for a in without_plan]
    log_shown(request, {"plan": plans, "case": cases})
    return render(
        request,
        "plans/plan_list.html",
        {"page": page, "without_plan": without_plan, "today": timezone.localdate()},
    )


def case_plan(request, pk):
    case = get_case(request, pk)
    plan = selectors.plan_for_case(case)
    editor = selectors.is_plan_editor(request.user, case)
    appointment = selectors.active_appointment(case)
    consents = selectors.case_consents(case)
    context = {
        "plan": plan,
        "editor": editor,
        "appointment": appointment,
        "plan_consent": selectors.plan_consent_in_force(consents),
        "sharing_consent": selectors.sharing_consent_in_force(consents),
        "can_create": plan is None
        and case.is_open
        and (editor or request.user.has_perm("plans.add_plan")),
        "item_statuses": ItemStatus.choices,
        "today": timezone.localdate(),
    }
    if plan is not None:
        goals = list(plan.goals.all())
        meetings = list(plan.meetings.all())
        context.update(
            long_term_goals=[g for g in goals if g.horizon == Goal.Horizon.LONG_TERM],
            short_term_goals=[g for g in goals if g.horizon == Goal.Horizon.SHORT_TERM],
            members=[p for p in plan.participants.all() if p.in_responsibility_group],
            meetings=meetings,
            next_meeting=selectors.next_meeting(meetings),
        )
        if plan.status == Plan.Status.DRAFT:
            facts = services.activation_facts(
                plan,
                consents=consents,
                coordinator_appointed=appointment is not None,
                goal_count=len(_active_goals(plan)),
            )
            context["missing"] = rules.activation_refusals(facts)
    log_access(request, obj=plan or case)
    return render_case_tab(request, case, "plan", "plans/tab_plan.html", context, log=False)


# --- The plan itself ----------------------------------------------------------------------


@require_POST
def plan_create(request, pk):
    case = get_case(request, pk)
    if not (
        selectors.is_plan_editor(request.user, case) or request.user.has_perm("plans.add_plan")
    ):
        raise PermissionDenied
    try:
        plan = services.plan_create(case=case, by=request.user)
    except RuleViolation as error:
        show_violation(request, error)
    else:
        messages.success(request, "Planen er opprettet som utkast.")
        log_access(request, obj=plan, action=AccessLog.Action.CHANGE)
    return redirect("plans:case_plan", pk=case.pk)


@require_POST
def plan_activate(request, pk):
    case, plan = _editable(request, pk)
    try:
        services.plan_activate(plan=plan, by=request.user)
    except RuleViolation as error:
        messages.error(request, "Planen kan ikke aktiveres ennå:")
        show_violation(request, error)
    else:
        messages.success(request, "Planen er aktiv.")
        log_access(request, obj=plan, action=AccessLog.Action.CHANGE)
    return redirect(plan)


def _form_page(request, pk, *, form_class, save, title, success, intro="", form_kwargs=None):
    """GET shows the form in the plan tab; a valid POST calls one service and redirects."""
    case, plan = _editable(request, pk)
    if plan.is_closed:
        messages.error(request, writes.CLOSED_PLAN)
        return redirect(plan)
    form = form_class(request.POST or None, **(form_kwargs(plan) if form_kwargs else {}))
    if request.method == "POST" and form.is_valid():
        try:
            save(plan, form.cleaned_data)
        except RuleViolation as error:
            show_violation(request, error)
        else:
            messages.success(request, success)
            log_access(request, obj=plan, action=AccessLog.Action.CHANGE)
            return redirect(plan)
    # Shown again after a failed POST too: that is a read like any other.
    log_access(request, obj=plan)
    return render_case_tab(
        request,
        case,
        "plan",
        "plans/plan_form.html",
        {"form": form, "plan": plan, "title": title, "intro": intro},
        log=False,
    )


def plan_close(request, pk):
    return _form_page(
        request,
        pk,
        form_class=forms.ClosePlanForm,
        save=lambda plan, data: services.plan_close(plan=plan, by=request.user, **data),
        title="Avslutt planen",
        intro="En avsluttet plan kan ikke endres. Arkiver planen før den avsluttes.",
        success="Planen er avsluttet.",
    )


# --- Goals, measures, participants ----------------------------------------------------------


def goal_add(request, pk):
    return _form_page(
        request,
        pk,
        form_class=forms.GoalForm,
        save=lambda plan, data: services.goal_add(plan=plan, by=request.user, **data),
        title="Nytt mål",
        intro="Skriv målet med personens egne ord.",
        success="Målet er lagt til.",
    )


def measure_add(request, pk):
    return _form_page(
        request,
        pk,
        form_class=forms.MeasureForm,
        form_kwargs=lambda plan: {"plan": plan},
        save=lambda plan, data: services.measure_add(plan=plan, by=request.user, **data),
        title="Nytt tiltak",
        intro="Hva gjøres, hvor mye, hvem gir tiltaket, hvem har ansvaret, hvordan og når.",
        success="Tiltaket er lagt til.",
    )


def participant_add(request, pk):
    return _form_page(
        request,
        pk,
        form_class=forms.ParticipantForm,
        form_kwargs=lambda plan: {"plan": plan},
        save=lambda plan, data: services.participant_add(plan=plan, by=request.user, **data),
        title="Ny deltaker",
        intro="Ansvarsgruppen bør ha få og faste medlemmer.",
        success="Deltakeren er lagt til.",
    )


def evaluation_add(request, pk):
    return _form_page(
        request,
        pk,
        form_class=forms.EvaluationForm,
        save=lambda plan, data: meetings.evaluation_record(plan=plan, by=request.user, **data),
        title="Evaluer planen",
        intro="Hva har fungert, hva endres, og når evalueres planen neste gang.",
        success="Evalueringen er lagret.",
    )


def _set_status(request, pk, model, item_pk, service, noun):
    case, plan = _editable(request, pk)
    item = get_object_or_404(model, pk=item_pk, plan=plan)
    form = forms.ItemStatusForm(request.POST)
    if not form.is_valid():
        show_form_errors(request, form)
        return redirect(plan)
    try:
        service(item, by=request.user, **form.cleaned_data)
    except RuleViolation as error:
        show_violation(request, error)
    else:
        messages.success(request, f"{noun} er satt til «{ItemStatus(item.status).label}».")
        log_access(request, obj=plan, action=AccessLog.Action.CHANGE)
    return redirect(plan)


@require_POST
def goal_status(request, pk, goal_pk):
    return _set_status(
        request, pk, Goal, goal_pk, lambda g, **kw: services.goal_set_status(goal=g, **kw), "Målet"
    )


@require_POST
def measure_status(request, pk, measure_pk):
    return _set_status(
        request,
        pk,
        Measure,
        measure_pk,
        lambda m, **kw: services.measure_set_status(measure=m, **kw),
        "Tiltaket",
    )


@require_POST
def participant_remove(request, pk, participant_pk):
    case, plan = _editable(request, pk)
    participant = get_object_or_404(Participant, pk=participant_pk, plan=plan)
    try:
        services.participant_remove(participant=participant, by=request.user)
    except RuleViolation as error:
        show_violation(request, error)
    else:
        messages.success(request, "Deltakeren er fjernet fra planen.")
        log_access(request, obj=plan, action=AccessLog.Action.CHANGE)
    return redirect(plan)


# --- Responsibility group ---------------------------------------------------------------------


def meeting_add(request, pk):
    case, plan = _editable(request, pk)
    if plan.is_closed:
        messages.error(request, writes.CLOSED_PLAN)
        return redirect(plan)
    posted = request.method == "POST"
    data = request.POST if posted else None  # bound on an empty POST too
    form = forms.MeetingForm(data)
    # The meeting is checked first: the action points' dates are checked against its date.
    # Both are always checked, so every error shows at once.
    meeting_valid = posted and form.is_valid()
    formset = forms.ActionPointFormSet(
        data,
        prefix="punkt",
        form_kwargs={
            "users": selectors.action_point_users(case),
            "held_on": form.cleaned_data.get("held_on") if posted else None,
        },
    )
    if posted and formset.is_valid() and meeting_valid:
        try:
            meetings.meeting_record(
                plan=plan,
                by=request.user,
                action_points=forms.action_points(formset),
                **form.cleaned_data,
            )
        except RuleViolation as error:
            show_violation(request, error)
        else:
            messages.success(request, "Møtet er registrert.")
            log_access(request, obj=plan, action=AccessLog.Action.CHANGE)
            return redirect(plan)
    # Shown again after a failed POST too: that is a read like any other.
    log_access(request, obj=plan)
    return render_case_tab(
        request,
        case,
        "plan",
        "plans/meeting_form.html",
        {"form": form, "formset": formset, "plan": plan},
        log=False,
    )


@require_POST
def action_point_done(request, pk, point_pk):
    case, plan = _editable(request, pk)
    point = get_object_or_404(ActionPoint, pk=point_pk, meeting__plan=plan)
    try:
        meetings.action_point_set_done(
            action_point=point, by=request.user, done=request.POST.get("done") == "1"
        )
    except RuleViolation as error:
        show_violation(request, error)
    else:
        log_access(request, obj=plan, action=AccessLog.Action.CHANGE)
    return redirect(plan)


# --- History ------------------------------------------------------------------------------


def plan_history_page(request, pk):
    case = get_case(request, pk)
    plan = get_object_or_404(Plan, case=case)
    log_access(request, obj=plan)
    return render_case_tab(
        request,
        case,
        "plan",
        "plans/plan_history.html",
        {"plan": plan, "entries": plan_history(plan)},
        log=False,
    )
