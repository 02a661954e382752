from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from cases import legal
from cases.access import caseworker_required, get_visible_or_404, log_access
from cases.models import AccessLog
from cases.views import get_case, render_case_tab
from core.errors import RuleViolation, StaleEdit
from core.feedback import show_violation
from core.pdf import render_to_pdf
from decisions import (
    approval,
    complaints,
    delivery,
    drafting,
    letter_checks,
    letter_content,
    selectors,
)
from decisions.forms import (
    ComplaintForm,
    DecisionForm,
    DraftForm,
    ForwardForm,
    ReceivedForm,
    RejectForm,
    RejectionReverseForm,
    ResultForm,
    ReverseForm,
)
from decisions.models import Complaint, Decision


def _add_errors(form, error: RuleViolation) -> None:
    """A service's refusal, shown at the top of the form it answers."""
    for message in error.messages:
        form.add_error(None, message)


def _get_decision(request, pk) -> Decision:
    return get_visible_or_404(
        request, selectors.decision_for_detail(request.user), pk=pk, object_type="decision"
    )


def _get_complaint(request, pk) -> Complaint:
    visible = selectors.complaint_scope(request.user)
    return get_visible_or_404(request, visible, pk=pk, object_type="complaint")


def _log(request, decision, action=AccessLog.Action.VIEW) -> None:
    log_access(request, obj=decision, action=action, person_id=decision.case.person_id)


def _changed(request, decision, text) -> None:
    messages.success(request, text)
    _log(request, decision, AccessLog.Action.CHANGE)


def _render_case_decisions(request, case, draft_form=None):
    to_decide = selectors.services_to_decide(case) if case.is_open else []
    has_assessment = case.assessments.exists()
    if draft_form is None and to_decide and has_assessment:
        draft_form = DraftForm(services=to_decide)
    return render_case_tab(
        request,
        case,
        "decisions",
        "decisions/tab_decisions.html",
        {
            "decisions": selectors.case_decisions(case),
            "draft_form": draft_form,
            "has_assessment": has_assessment,
            "to_decide": to_decide,
        },
    )


@caseworker_required
def case_decisions(request, pk):
    return _render_case_decisions(request, get_case(request, pk))


@require_POST
@caseworker_required
def decision_draft(request, pk):
    case = get_case(request, pk)
    form = DraftForm(request.POST, services=selectors.services_to_decide(case))
    if form.is_valid():
        try:
            decision = drafting.decision_draft(
                case=case, service=form.cleaned_data["service"], by=request.user
            )
        except RuleViolation as error:
            _add_errors(form, error)
        else:
            _changed(
                request, decision, "Utkastet er laget ut fra vurderingen. Se over og rett teksten."
            )
            return redirect(decision)
    return _render_case_decisions(request, case, form)


def _complaint_form(form_class, complaint, data=None):
    """One form per complaint on the page, each with its own prefix so ids stay unique."""
    return form_class(data, prefix=f"{form_class.prefix}-{complaint.pk}")


def _complaint_choices(decision, complaints_shown) -> dict:
    """Who may complain (the parties), and the rejections a complaint may be on."""
    rejected = [c for c in complaints_shown if c.status == Complaint.Status.REJECTED]
    return {"rejected": rejected, "parties": selectors.recipients(decision.case)}


def _detail_context(request, decision, *, bound=None, open_form=""):
    """The decision page. `bound` holds a form that failed, keyed like `open_form`:
    "complaint", "received", or ("forward" | "reverse" | "result", complaint pk).
    The failed form is shown open, with its errors at the fields and the input kept."""
    bound = bound or {}
    together = letter_content.letter_decisions(decision)
    content = letter_content.decision_letter(decision, together=together)
    sent_letters = list(selectors.decision_letters(decision))
    shown = list(selectors.decision_complaints(decision))
    for complaint in shown:
        for key, form_class in (
            ("forward", ForwardForm),
            ("reverse", ReverseForm),
            ("result", ResultForm),
            ("reject", RejectForm),
            ("unreject", RejectionReverseForm),
        ):
            form = bound.get((key, complaint.pk)) or _complaint_form(form_class, complaint)
            setattr(complaint, f"{key}_form", form)
            setattr(complaint, f"{key}_open", open_form == (key, complaint.pk))
    return {
        "decision": decision,
        "together": together,
        "missing": letter_checks.missing_parts(content) if decision.is_editable else [],
        "form": bound.get("decision")
        or (DecisionForm(instance=decision) if decision.is_editable else None),
        "complaint_form": bound.get("complaint")
        or ComplaintForm(**_complaint_choices(decision, shown)),
        "received_form": bound.get("received") or ReceivedForm(letters=sent_letters),
        "open_form": open_form,
        "letters": sent_letters,
        "working": selectors.letters_working(sent_letters),
        "complaints": shown,
        "steps": approval.available_steps(
            drafting.approval_facts(decision),
            user_id=request.user.pk,
            may_approve=request.user.has_perm("decisions.approve_decision"),
            letter_complete=decision.is_editable and not letter_checks.missing_parts(content),
        ),
        "awaiting_approval": settings.KE_DECISION_APPROVAL_REQUIRED
        and decision.status == Decision.Status.AWAITING_APPROVAL
        and decision.approved_at is None,
    }


def _render_detail(request, decision, *, bound=None, open_form=""):
    """The decision page, logged as the decision shown (re-shown with a failed form too)."""
    _log(request, decision)
    return render_case_tab(
        request,
        decision.case,
        "decisions",
        "decisions/decision_detail.html",
        _detail_context(request, decision, bound=bound, open_form=open_form),
        log=False,
    )


def _complaint_invalid(request, complaint, key, form, what):
    decision = _get_decision(request, complaint.decision_id)
    return _invalid(request, decision, (key, complaint.pk), form, what)


def _invalid(request, decision, key, form, what):
    """Re-show the page with the failed form open; one summary at the top says where."""
    messages.error(request, f"{what} Se feltene som er merket nedenfor.")
    return _render_detail(request, decision, bound={key: form}, open_form=key)


# What an edit the view could not make leaves undone, by button.
NOT_DONE = {
    "save": "Vedtaket er ikke lagret.",
    "submit": "Vedtaket er ikke lagret eller sendt til godkjenning.",
    "approve": "Vedtaket er ikke godkjent.",
    "send": "Vedtaket er ikke lagret og ikke sendt.",
}
DONE = {
    "save": "Vedtaket er lagret.",
    "submit": "Sendt til godkjenning.",
    "approve": "Vedtaket er godkjent.",
    "send": "Vedtaket er sendt, og klagefristen er beregnet.",
}


@caseworker_required
def decision_detail(request, pk):
    decision = _get_decision(request, pk)
    if request.method != "POST":
        return _render_detail(request, decision)
    action = request.POST.get("action", "save")
    if action not in drafting.EDIT_ACTIONS:
        action = "save"
    if action == "approve" and not request.user.has_perm("decisions.approve_decision"):
        raise PermissionDenied
    # The form gets its own copy: on an error the page shows the stored letter.
    stored = Decision.objects.get(pk=decision.pk)
    if not stored.is_editable:
        # Sent meanwhile, e.g. by a second click on "Send vedtaket".
        messages.error(
            request,
            "Vedtaket er allerede sendt. Det sendes ikke på nytt."
            if action == "send"
            else "Et sendt vedtak kan ikke endres. Et nytt vedtak må fattes.",
        )
        return redirect(decision)
    form = DecisionForm(request.POST, instance=stored)
    if not form.is_valid():
        return _invalid(request, decision, "decision", form, NOT_DONE[action])
    try:
        result = drafting.decision_edit(
            decision=decision,
            by=request.user,
            action=action,
            expected_stamp=form.expected_stamp,
            **form.edit_values(),
        )
    except drafting.NotEditable as error:
        show_violation(request, error)  # sent meanwhile: there is no form to show it in
        return redirect(decision)
    except StaleEdit as error:
        form.keep_input(Decision.objects.get(pk=decision.pk))
        _add_errors(form, error)
        return _invalid(request, decision, "decision", form, NOT_DONE[action])
    except RuleViolation as error:
        _add_errors(form, error)
        return _invalid(request, decision, "decision", form, NOT_DONE[action])
    if result.reopened:
        messages.warning(
            request,
            "Teksten er endret, så vedtaket er et utkast igjen. Send det til godkjenning på nytt.",
        )
    elif result.refused:
        show_violation(request, result.refused)  # the edit is saved; the step is not taken
    else:
        messages.success(request, DONE[action])
        for notice in result.notices:
            messages.warning(request, notice)
    _log(request, decision, AccessLog.Action.CHANGE)
    return redirect(decision)


@caseworker_required
def decision_preview(request, pk):
    """The letter as it will look, before it is sent (dated the day it was sent, once it
    is: the stored letters are the ones that count). Nothing is stored."""
    decision = _get_decision(request, pk)
    letter = letter_content.decision_letter(decision, letter_date=decision.sent_on)
    _html, pdf = render_to_pdf(delivery.LETTER_TEMPLATE, {"letter": letter, "preview": True})
    _log(request, decision, AccessLog.Action.PRINT)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="utkast-vedtak-{decision.pk}.pdf"'
    return response


def _post_action(request, pk, service, action):
    """A one-button step on the decision as stored: submit, approve or send."""
    decision = _get_decision(request, pk)
    try:
        result = service(decision=decision, by=request.user)
    except RuleViolation as error:
        show_violation(request, error)
    else:
        _changed(request, decision, DONE[action])
        if isinstance(result, delivery.SendResult):
            for notice in result.notices:
                messages.warning(request, notice)
    return redirect("decisions:detail", pk=pk)


@require_POST
@caseworker_required
def decision_submit(request, pk):
    return _post_action(request, pk, drafting.decision_submit_for_approval, "submit")


@require_POST
@caseworker_required
def decision_approve(request, pk):
    if not request.user.has_perm("decisions.approve_decision"):
        raise PermissionDenied
    return _post_action(request, pk, drafting.decision_approve, "approve")


@require_POST
@caseworker_required
def decision_send(request, pk):
    """Sends what is stored. The page sends through its edit form (decision_detail, action
    "send"), which saves what is on the screen first."""
    return _post_action(request, pk, delivery.decision_send, "send")


@require_POST
@caseworker_required
def decision_received(request, pk):
    decision = _get_decision(request, pk)
    form = ReceivedForm(request.POST, letters=selectors.decision_letters(decision))
    if form.is_valid():
        try:
            delivery.decision_set_received(
                decision=decision,
                by=request.user,
                received_on=form.cleaned_data["received_on"],
                letter=form.chosen_letter,
            )
        except RuleViolation as error:
            _add_errors(form, error)
        else:
            _changed(
                request, decision, "Mottaksdatoen er lagret, og klagefristen er beregnet på nytt."
            )
            return redirect(decision)
    return _invalid(request, decision, "received", form, "Mottaksdatoen er ikke lagret.")


@require_POST
@caseworker_required
def complaint_add(request, pk):
    decision = _get_decision(request, pk)
    shown = list(selectors.decision_complaints(decision))
    form = ComplaintForm(request.POST, **_complaint_choices(decision, shown))
    if form.is_valid():
        try:
            complaint = complaints.complaint_register(
                decision=decision, by=request.user, **form.service_arguments()
            )
        except RuleViolation as error:
            _add_errors(form, error)
        else:
            _changed(request, decision, "Klagen er registrert.")
            if complaint.is_late:
                messages.warning(
                    request,
                    "Klagen kom etter klagefristen. Den kan likevel behandles hvis klageren "
                    "ikke kan lastes for det, eller det er særlige grunner "
                    f"({legal.citation('late_complaint')}).",
                )
            return redirect(decision)
    return _invalid(request, decision, "complaint", form, "Klagen er ikke registrert.")
