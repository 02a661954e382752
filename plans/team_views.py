"""The coordinator's side of working together: inviting participants, recording a consent
given on paper or orally, and every message, comment and proposal in the plan."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from cases.access import log_access
from cases.models import AccessLog
from cases.views import get_case, render_case_tab
from core.errors import RuleViolation
from core.feedback import show_form_errors, show_violation
from plans import access, participation, selectors
from plans import participant_forms as forms
from plans.models import AccessConsent, GoalComment, Participant, Plan, Proposal
from plans.participation import STAFF_ROLES
from plans.views import _editable


@require_POST
def participant_invite(request, pk, participant_pk):
    case, plan = _editable(request, pk)
    participant = get_object_or_404(Participant, pk=participant_pk, plan=plan)
    try:
        participation.participant_invite(participant=participant, by=request.user)
    except RuleViolation as error:
        show_violation(request, error)
    else:
        messages.success(request, f"Invitasjonen er sendt til {participant.name}.")
        log_access(request, obj=plan, action=AccessLog.Action.CHANGE)
    return redirect(plan)


def consent_record(request, pk, participant_pk):
    """A consent the owner gave on paper or orally, recorded as such."""
    case, plan = _editable(request, pk)
    participant = get_object_or_404(
        Participant.objects.exclude(role__in=STAFF_ROLES), pk=participant_pk, plan=plan
    )
    form = forms.RecordedConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            participation.access_consent_give(
                participant=participant, by=request.user, **form.cleaned_data
            )
        except RuleViolation as error:
            show_violation(request, error)
        else:
            messages.success(request, "Samtykket er registrert.")
            log_access(request, obj=plan, action=AccessLog.Action.CHANGE)
            return redirect(plan)
    log_access(request, obj=plan)
    return render_case_tab(
        request,
        case,
        "plan",
        "plans/plan_form.html",
        {
            "form": form,
            "plan": plan,
            "title": f"Samtykke til tilgang for {participant.name}",
            "intro": "Registrer et samtykke planeieren har gitt på papir eller muntlig. "
            "Planeieren kan også gi og trekke samtykket selv etter innlogging.",
        },
        log=False,
    )


@require_POST
def consent_revoke(request, pk, access_consent_pk):
    """The owner withdrew a consent on paper or orally: access ends at once."""
    case, plan = _editable(request, pk)
    consent = get_object_or_404(
        AccessConsent, pk=access_consent_pk, participant__plan=plan, withdrawn_at__isnull=True
    )
    try:
        participation.access_consent_withdraw(
            consent=consent, by=request.user, reason="Registrert trukket tilbake av koordinator."
        )
    except RuleViolation as error:
        show_violation(request, error)
    else:
        messages.success(request, "Samtykket er trukket tilbake.")
        log_access(request, obj=plan, action=AccessLog.Action.CHANGE)
    return redirect(plan)


def together(request, pk):
    """Every message, comment and proposal in the plan: the coordinator sees all."""
    case = get_case(request, pk)
    plan = get_object_or_404(Plan.objects.prefetch_related("messages__recipients"), case=case)
    editor = selectors.is_plan_editor(request.user, case)
    participants = Participant.objects.filter(plan=plan)
    form = forms.MessageForm(
        request.POST or None, participants=participants, may_write_confidential=True
    )
    if request.method == "POST":
        if not editor:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                participation.message_send(
                    plan=plan,
                    by=request.user,
                    author_name=f"{request.user.get_full_name()} (koordinator)",
                    text=data["text"],
                    to_everyone=data["to_everyone"],
                    recipients=data["recipients"],
                    confidential=data.get("confidential", False),
                    sees_confidential=access.sees_confidential,
                )
            except RuleViolation as error:
                show_violation(request, error)
            else:
                messages.success(request, "Meldingen er sendt.")
                log_access(request, obj=plan, action=AccessLog.Action.CHANGE)
                return redirect("plans:together", pk=case.pk)
        else:
            show_form_errors(request, form)
    log_access(request, obj=plan)
    return render_case_tab(
        request,
        case,
        "plan",
        "plans/together.html",
        {
            "plan": plan,
            "editor": editor,
            "form": form,
            "plan_messages": list(plan.messages.all()),
            "comments": list(
                GoalComment.objects.filter(goal__plan=plan).select_related("goal").order_by("-id")
            ),
            "proposals": list(Proposal.objects.filter(plan=plan).order_by("-id")),
        },
        log=False,
    )
