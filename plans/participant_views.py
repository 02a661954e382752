"""The participant pages: the plans a citizen or another service's participant takes part
in, each shown as far as the owner's consent allows. Every plan is fetched through
`plans.access.participant_plans`; anything outside it is a 404 (logged)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from cases.access import get_visible_or_404, log_access, log_shown
from cases.models import AccessLog
from core.errors import RuleViolation
from core.feedback import show_form_errors, show_violation
from plans import access, meetings, participation, selectors
from plans import participant_forms as forms
from plans.models import ActionPoint, Goal, ItemStatus, Measure, Participant, PlanMessage
from plans.pdf import plan_pdf_response


def _plan(request, pk, *, parts=False):
    """The plan and the user's access to it, or 404. `parts`: with all the page shows."""
    today = timezone.localdate()
    national_id = access.national_id_of(request.user)
    plans = (
        access.participant_plans(request.user, national_id=national_id, today=today)
        .select_related("case__person", "person")
        .prefetch_related("person__relations")
    )
    if parts:
        plans = selectors.with_plan_parts(plans, today=today).prefetch_related(
            "goals__comments", "messages__recipients"
        )
    else:
        plans = plans.prefetch_related(access.participants_prefetch(today))
    plan = get_visible_or_404(request, plans, pk=pk, object_type="plan")
    plan_access = access.plan_access(request.user, plan, national_id=national_id, today=today)
    if plan_access is None:  # the scope and the access agree; this is belt and braces
        raise Http404
    return plan, plan_access


def _author_name(request, plan_access) -> str:
    name = request.user.get_full_name() or request.user.get_username()
    return f"{name} ({plan_access.role_label.lower()})"


def _visible_messages(plan, plan_access, user) -> list[PlanMessage]:
    mine = plan_access.participant_ids
    return [
        m
        for m in plan.messages.all()
        if (m.to_everyone or m.author_id == user.pk or mine & {p.pk for p in m.recipients.all()})
        and (plan_access.confidential or not m.confidential)
    ]


# --- Pages ------------------------------------------------------------------------------------


def plan_list(request):
    """ "Mine planer" for a participant: the plans they take part in, nothing else."""
    plans = list(access.participant_plans(request.user).select_related("person"))
    log_shown(request, {"plan": [(p.pk, p.person_id) for p in plans]}, role="Deltaker")
    return render(request, "plans/participant/plan_list.html", {"plans": plans})


def citizen_section(request, account) -> dict | None:
    """The same plans on the citizen's start page (cases.citizen_home), logged as shown;
    with none, the page says so itself."""
    plans = list(access.participant_plans(request.user).select_related("person"))
    if not plans:
        return None
    log_shown(request, {"plan": [(p.pk, p.person_id) for p in plans]}, role="Innbygger")
    return {"plans": plans}


def plan_page(request, pk):
    plan, plan_access = _plan(request, pk, parts=True)
    goals = [g for g in plan.goals.all() if g.status != ItemStatus.ENDED]
    meetings_ = list(plan.meetings.all())
    participants = list(plan.participants.all())
    context = {
        "plan": plan,
        "person": plan.person,
        "access": plan_access,
        "goals": goals,
        "measures": list(plan.measures.all()),
        "participants": participants,
        "meetings": meetings_,
        "next_meeting": selectors.next_meeting(meetings_),
        "appointment": selectors.active_appointment(plan.case),
        "plan_messages": _visible_messages(plan, plan_access, request.user),
        "message_form": forms.MessageForm(
            participants=Participant.objects.filter(plan=plan),
            may_write_confidential=plan_access.confidential,
        ),
        "proposal_form": forms.ProposalForm(),
        "comment_form": forms.CommentForm(),
    }
    log_access(request, obj=plan, role=plan_access.role_label)
    return render(request, "plans/participant/plan.html", context)


def plan_pdf(request, pk):
    plan, plan_access = _plan(request, pk, parts=True)
    response = plan_pdf_response(
        plan, case=plan.case, person=plan.person, confidential=plan_access.confidential
    )
    log_access(request, obj=plan, action=AccessLog.Action.EXPORT, role=plan_access.role_label)
    return response


# --- Working together ------------------------------------------------------------------------


def _done(request, plan, plan_access, text):
    messages.success(request, text)
    log_access(request, obj=plan, action=AccessLog.Action.CHANGE, role=plan_access.role_label)
    return redirect("participant:plan", pk=plan.pk)


@require_POST
def comment_add(request, pk, goal_pk):
    plan, plan_access = _plan(request, pk)
    goal = get_object_or_404(Goal, pk=goal_pk, plan=plan)
    form = forms.CommentForm(request.POST)
    if not form.is_valid():
        show_form_errors(request, form)
        return redirect("participant:plan", pk=plan.pk)
    try:
        participation.goal_comment_add(
            goal=goal,
            by=request.user,
            author_name=_author_name(request, plan_access),
            text=form.cleaned_data["text"],
        )
    except RuleViolation as error:
        show_violation(request, error)
        return redirect("participant:plan", pk=plan.pk)
    return _done(request, plan, plan_access, "Kommentaren er lagt til.")


@require_POST
def proposal_add(request, pk):
    plan, plan_access = _plan(request, pk)
    form = forms.ProposalForm(request.POST)
    if not form.is_valid():
        show_form_errors(request, form)
        return redirect("participant:plan", pk=plan.pk)
    try:
        participation.proposal_add(
            plan=plan,
            by=request.user,
            author_name=_author_name(request, plan_access),
            **form.cleaned_data,
        )
    except RuleViolation as error:
        show_violation(request, error)
        return redirect("participant:plan", pk=plan.pk)
    return _done(request, plan, plan_access, "Forslaget er sendt til koordinatoren.")


@require_POST
def message_send(request, pk):
    plan, plan_access = _plan(request, pk)
    form = forms.MessageForm(
        request.POST,
        participants=Participant.objects.filter(plan=plan),
        may_write_confidential=plan_access.confidential,
    )
    if not form.is_valid():
        show_form_errors(request, form)
        return redirect("participant:plan", pk=plan.pk)
    data = form.cleaned_data
    try:
        participation.message_send(
            plan=plan,
            by=request.user,
            author_name=_author_name(request, plan_access),
            text=data["text"],
            to_everyone=data["to_everyone"],
            recipients=data["recipients"],
            confidential=data.get("confidential", False),
            sees_confidential=access.sees_confidential,
        )
    except RuleViolation as error:
        show_violation(request, error)
        return redirect("participant:plan", pk=plan.pk)
    return _done(request, plan, plan_access, "Meldingen er sendt.")


@require_POST
def measure_done(request, pk, measure_pk):
    """Only the participant the measure is given to marks it done."""
    plan, plan_access = _plan(request, pk)
    measure = get_object_or_404(
        Measure, pk=measure_pk, plan=plan, participant__in=plan_access.participant_ids
    )
    try:
        participation.measure_mark_done(
            measure=measure, by=request.user, author_name=_author_name(request, plan_access)
        )
    except RuleViolation as error:
        show_violation(request, error)
        return redirect("participant:plan", pk=plan.pk)
    return _done(request, plan, plan_access, "Tiltaket er merket som gjennomført.")


@require_POST
def action_point_done(request, pk, point_pk):
    """Only the one responsible for an action point marks it done."""
    plan, plan_access = _plan(request, pk)
    point = get_object_or_404(
        ActionPoint, pk=point_pk, meeting__plan=plan, responsible_user=request.user
    )
    try:
        meetings.action_point_set_done(
            action_point=point, by=request.user, done=request.POST.get("done") == "1"
        )
    except RuleViolation as error:
        show_violation(request, error)
        return redirect("participant:plan", pk=plan.pk)
    return _done(request, plan, plan_access, "Oppfølgingspunktet er oppdatert.")
