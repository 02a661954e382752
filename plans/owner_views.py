"""The plan owner's pages (or the parents' of a child under 16): consent to each
participant's access, and who has looked at the plan. Also each participant's notice
choices and the invitation link that sets up a participant account."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import SetPasswordForm
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from cases.access import log_access
from cases.models import AccessLog, CitizenAccount
from core.errors import RuleViolation
from core.feedback import show_violation
from core.paging import paginate
from plans import participant_forms as forms
from plans import participation, selectors, services
from plans.access_rules import OWNER
from plans.models import AccessConsent, NoticeSettings
from plans.participant_views import _plan
from plans.participation import STAFF_ROLES


def _decided(request, pk):
    """The plan, for those who decide over it only; anyone else gets 404 like a stranger."""
    plan, plan_access = _plan(request, pk)
    if not plan_access.decides:
        raise Http404
    return plan, plan_access


def _consent_form(participant, data=None):
    # One form per participant on the page: the prefix keeps their fields apart.
    return forms.AccessConsentForm(data, prefix=f"deltaker{participant.pk}")


def consents(request, pk):
    """Each participant, the consent to their access in force, and a form to give or change it."""
    plan, plan_access = _decided(request, pk)
    participants = [p for p in plan.participants.all() if p.role not in STAFF_ROLES]
    log_access(request, obj=plan, role=plan_access.role_label)
    return render(
        request,
        "plans/participant/consents.html",
        {
            "plan": plan,
            "access": plan_access,
            "plan_consent": selectors.plan_consent_in_force(selectors.case_consents(plan.case)),
            "rows": [
                (p, next(iter(p.consents_in_force), None), _consent_form(p)) for p in participants
            ],
        },
    )


def _acr(request) -> str:
    account = CitizenAccount.objects.filter(user=request.user).first()
    return account.last_acr if account else ""


def _name(request) -> str:
    return request.user.get_full_name() or request.user.get_username()


@require_POST
def plan_consent_give(request, pk):
    plan, plan_access = _decided(request, pk)
    try:
        services.plan_consent_give(
            plan=plan,
            by=request.user,
            given_as=plan_access.given_as,
            given_by_name=_name(request),
            acr=_acr(request),
        )
    except RuleViolation as error:
        show_violation(request, error)
    else:
        messages.success(request, "Du har gitt samtykke til den individuelle planen.")
        log_access(request, obj=plan, action=AccessLog.Action.CHANGE, role=plan_access.role_label)
    return redirect("participant:consents", pk=plan.pk)


@require_POST
def plan_consent_withdraw(request, pk):
    plan, plan_access = _decided(request, pk)
    consent = selectors.plan_consent_in_force(selectors.case_consents(plan.case))
    if consent is None:
        raise Http404
    try:
        services.plan_consent_withdraw(
            consent=consent, by=request.user, reason="Trukket tilbake av planeieren i appen."
        )
    except RuleViolation as error:
        show_violation(request, error)
    else:
        messages.success(
            request,
            "Samtykket til planen er trukket tilbake. Planarbeidet stanser, og ingen "
            "deltakere har tilgang til planen lenger.",
        )
        log_access(request, obj=plan, action=AccessLog.Action.CHANGE, role=plan_access.role_label)
    return redirect("participant:consents", pk=plan.pk)


@require_POST
def consent_give(request, pk, participant_pk):
    plan, plan_access = _decided(request, pk)
    participant = get_object_or_404(
        plan.participants.exclude(role__in=STAFF_ROLES), pk=participant_pk
    )
    form = _consent_form(participant, request.POST)
    if form.is_valid():
        try:
            participation.access_consent_give(
                participant=participant,
                by=request.user,
                given_as=plan_access.given_as,
                given_by_name=_name(request),
                method=AccessConsent.Method.IDPORTEN,
                acr=_acr(request),
                **form.cleaned_data,
            )
        except RuleViolation as error:
            show_violation(request, error)
        else:
            messages.success(request, f"{participant.name} har fått tilgang etter samtykket.")
            log_access(
                request, obj=plan, action=AccessLog.Action.CHANGE, role=plan_access.role_label
            )
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("participant:consents", pk=plan.pk)


@require_POST
def consent_withdraw(request, pk, access_consent_pk):
    plan, plan_access = _decided(request, pk)
    consent = get_object_or_404(
        AccessConsent, pk=access_consent_pk, participant__plan=plan, withdrawn_at__isnull=True
    )
    try:
        participation.access_consent_withdraw(
            consent=consent, by=request.user, reason="Trukket tilbake av planeieren."
        )
    except RuleViolation as error:
        show_violation(request, error)
    else:
        messages.success(
            request, "Samtykket er trukket tilbake. Deltakeren har ikke lenger tilgang."
        )
        log_access(request, obj=plan, action=AccessLog.Action.CHANGE, role=plan_access.role_label)
    return redirect("participant:consents", pk=plan.pk)


def access_log(request, pk):
    """Who has looked at my plan: who, when, in which role (pasientjournalloven § 18)."""
    plan, plan_access = _decided(request, pk)
    rows = (
        AccessLog.objects.filter(
            person_id=plan.person_id, object_type="plan", object_id=str(plan.pk)
        )
        .exclude(action=AccessLog.Action.DENIED)
        .select_related("user")
        .order_by("-at", "-id")
    )
    page = paginate(rows, request.GET.get("side"))
    log_access(request, obj=plan, role=plan_access.role_label)
    return render(
        request,
        "plans/participant/access_log.html",
        {"plan": plan, "page": page, "own": plan_access.standing == OWNER},
    )


# --- Each user's own ---------------------------------------------------------------------


def notices(request):
    """Which email notices the user wants. Shows only the user's own choices."""
    current = NoticeSettings.objects.filter(user=request.user).first()
    form = forms.NoticeSettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        chosen = form.save(commit=False)
        chosen.user = request.user
        chosen.save()
        messages.success(request, "Varselvalgene er lagret.")
        return redirect("participant:notices")
    return render(request, "plans/participant/notices.html", {"form": form})


@login_not_required
def invitation(request, token):
    """The one-time link in an invitation: choose a password, then you are logged in."""
    invitation = participation.invitation_for_token(token)
    if invitation is None:
        raise Http404
    user = invitation.participant.user
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = participation.invitation_accept(
                invitation=invitation, password=form.cleaned_data["new_password1"]
            )
        except RuleViolation:
            raise Http404 from None
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Passordet er valgt. Du er logget inn.")
        return redirect("participant:plans")
    return render(
        request, "plans/participant/invitation.html", {"form": form, "username": user.username}
    )
