from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from cases.access import caseworker_required, get_visible_or_404, log_access
from cases.errors import RuleViolation
from cases.models import AccessLog
from cases.views import get_case, render_case_tab
from config.paging import paginate
from config.pdf import render_to_pdf
from decisions import letters, selectors, services
from decisions.forms import (
    ComplaintForm,
    DecisionForm,
    DraftForm,
    ForwardForm,
    ReceivedForm,
    ResultForm,
    ReverseForm,
)
from decisions.models import Complaint, Decision, Dispatch


def _errors(request, error: RuleViolation) -> None:
    for message in error.messages:
        messages.error(request, message)


def _form_errors(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def _get_decision(request, pk) -> Decision:
    return get_visible_or_404(
        request, selectors.decision_for_detail(request.user), pk=pk, object_type="decision"
    )


def _get_complaint(request, pk) -> Complaint:
    visible = Complaint.objects.filter(
        decision__in=selectors.decision_list(request.user)
    ).select_related("decision__case")
    return get_visible_or_404(request, visible, pk=pk, object_type="complaint")


def _changed(request, decision, text) -> None:
    messages.success(request, text)
    log_access(request, obj=decision.case, action=AccessLog.Action.CHANGE)


@caseworker_required
def decision_list(request):
    decisions = selectors.decision_list(request.user).order_by("-created_at", "-id")
    status = request.GET.get("status", "")
    if status in Decision.Status.values:
        decisions = decisions.filter(status=status)
    page = paginate(decisions, request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "decisions/decision_list.html",
        {
            "page": page,
            "query": query.urlencode(),
            "statuses": Decision.Status.choices,
            "status": status,
        },
    )


@caseworker_required
def case_decisions(request, pk):
    case = get_case(request, pk)
    to_decide = services.services_to_decide(case) if case.is_open else []
    has_assessment = case.assessments.exists()
    return render_case_tab(
        request,
        case,
        "decisions",
        "decisions/tab_decisions.html",
        {
            "decisions": selectors.case_decisions(case),
            "draft_form": DraftForm(services=to_decide) if to_decide and has_assessment else None,
            "has_assessment": has_assessment,
            "to_decide": to_decide,
        },
    )


@require_POST
@caseworker_required
def decision_draft(request, pk):
    case = get_case(request, pk)
    form = DraftForm(request.POST, services=services.services_to_decide(case))
    if not form.is_valid():
        _form_errors(request, form)
        return redirect("decisions:case_decisions", pk=case.pk)
    try:
        decision = services.decision_draft(
            case=case, service=form.cleaned_data["service"], by=request.user
        )
    except RuleViolation as error:
        _errors(request, error)
        return redirect("decisions:case_decisions", pk=case.pk)
    _changed(request, decision, "Utkastet er laget ut fra vurderingen. Se over og rett teksten.")
    return redirect(decision)


def _detail_context(request, decision, **forms):
    content = selectors.decision_letter(decision)
    return {
        "decision": decision,
        "missing": letters.missing_parts(content) if decision.is_editable else [],
        "form": forms.get("form")
        or (DecisionForm(instance=decision) if decision.is_editable else None),
        "complaint_form": forms.get("complaint_form") or ComplaintForm(),
        "forward_form": ForwardForm(),
        "reverse_form": ReverseForm(),
        "result_form": ResultForm(),
        "letters": selectors.decision_letters(decision),
        "complaints": selectors.decision_complaints(decision),
        "can_approve": request.user.has_perm("decisions.approve_decision")
        and decision.decided_by_id != request.user.pk,
        "approval_required": settings.KE_DECISION_APPROVAL_REQUIRED,
        "received_form": ReceivedForm(),
    }


@caseworker_required
def decision_detail(request, pk):
    decision = _get_decision(request, pk)
    form = None
    if request.method == "POST":
        form = DecisionForm(request.POST, instance=Decision.objects.get(pk=decision.pk))
        if form.is_valid():
            try:
                services.decision_update(decision=decision, by=request.user, **form.cleaned_data)
            except RuleViolation as error:
                _errors(request, error)
            else:
                _changed(request, decision, "Vedtaket er lagret.")
                return redirect(decision)
    return render_case_tab(
        request,
        decision.case,
        "decisions",
        "decisions/decision_detail.html",
        _detail_context(request, decision, form=form),
        log=request.method == "GET",
    )


@caseworker_required
def decision_preview(request, pk):
    """The letter as it will look, before it is sent. Nothing is stored."""
    decision = _get_decision(request, pk)
    _html, pdf = render_to_pdf(
        services.LETTER_TEMPLATE, {"letter": selectors.decision_letter(decision), "preview": True}
    )
    log_access(request, obj=decision.case, action=AccessLog.Action.PRINT)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="utkast-vedtak-{decision.pk}.pdf"'
    return response


def _post_action(request, pk, action, success):
    decision = _get_decision(request, pk)
    try:
        result = action(decision=decision, by=request.user)
    except RuleViolation as error:
        _errors(request, error)
        return redirect(decision)
    _changed(request, decision, success)
    return result


@require_POST
@caseworker_required
def decision_submit(request, pk):
    _post_action(request, pk, services.decision_submit_for_approval, "Sendt til godkjenning.")
    return redirect("decisions:detail", pk=pk)


@require_POST
@caseworker_required
def decision_approve(request, pk):
    if not request.user.has_perm("decisions.approve_decision"):
        raise PermissionDenied
    _post_action(request, pk, services.decision_approve, "Vedtaket er godkjent.")
    return redirect("decisions:detail", pk=pk)


@require_POST
@caseworker_required
def decision_send(request, pk):
    result = _post_action(
        request, pk, services.decision_send, "Vedtaket er sendt, og klagefristen er beregnet."
    )
    if isinstance(result, services.SendResult):
        for notice in result.notices:
            messages.warning(request, notice)
    return redirect("decisions:detail", pk=pk)


@require_POST
@caseworker_required
def decision_received(request, pk):
    decision = _get_decision(request, pk)
    form = ReceivedForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(decision)
    try:
        services.decision_set_received(
            decision=decision, by=request.user, received_on=form.cleaned_data["received_on"]
        )
    except RuleViolation as error:
        _errors(request, error)
    else:
        _changed(request, decision, "Mottaksdatoen er lagret, og klagefristen er beregnet på nytt.")
    return redirect(decision)


@caseworker_required
def letter_file(request, pk):
    """A stored letter, served as it was sent."""
    letter = get_visible_or_404(
        request, selectors.letter_scope(request.user), pk=pk, object_type="letter"
    )
    log_access(
        request, obj=letter, action=AccessLog.Action.PRINT, person_id=letter.decision.case.person_id
    )
    response = FileResponse(letter.file.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="brev-{letter.pk}.pdf"'
    return response


@require_POST
@caseworker_required
def complaint_add(request, pk):
    decision = _get_decision(request, pk)
    form = ComplaintForm(request.POST)
    if form.is_valid():
        try:
            complaint = services.complaint_register(
                decision=decision, by=request.user, **form.cleaned_data
            )
        except RuleViolation as error:
            _errors(request, error)
        else:
            _changed(request, decision, "Klagen er registrert.")
            if complaint.is_late:
                messages.warning(
                    request,
                    "Klagen kom etter klagefristen. Den kan likevel behandles hvis klageren "
                    "ikke kan lastes for det, eller det er særlige grunner (fvl. § 31).",
                )
            return redirect(decision)
    else:
        _form_errors(request, form)
    return redirect(decision)


@require_POST
@caseworker_required
def complaint_forward(request, pk):
    complaint = _get_complaint(request, pk)
    form = ForwardForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
    else:
        try:
            services.complaint_uphold_and_forward(
                complaint=complaint, by=request.user, **form.cleaned_data
            )
        except RuleViolation as error:
            _errors(request, error)
        else:
            _changed(
                request,
                complaint.decision,
                "Vedtaket er opprettholdt, og oversendelsesbrevet til Statsforvalteren er laget.",
            )
    return redirect(complaint.decision)


@require_POST
@caseworker_required
def complaint_reverse(request, pk):
    complaint = _get_complaint(request, pk)
    form = ReverseForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(complaint.decision)
    try:
        new = services.complaint_reverse(complaint=complaint, by=request.user, **form.cleaned_data)
    except RuleViolation as error:
        _errors(request, error)
        return redirect(complaint.decision)
    _changed(request, new, "Klagen er tatt til følge. Se over og send det nye vedtaket.")
    return redirect(new)


@require_POST
@caseworker_required
def complaint_result(request, pk):
    complaint = _get_complaint(request, pk)
    form = ResultForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
    else:
        try:
            services.statsforvalteren_result_record(
                complaint=complaint, by=request.user, **form.cleaned_data
            )
        except RuleViolation as error:
            _errors(request, error)
        else:
            _changed(request, complaint.decision, "Statsforvalterens avgjørelse er registrert.")
    return redirect(complaint.decision)


def _get_dispatch(request, pk) -> Dispatch:
    visible = Dispatch.objects.filter(
        letter__decision__in=selectors.decision_list(request.user)
    ).select_related("letter__decision__case")
    return get_visible_or_404(request, visible, pk=pk, object_type="dispatch")


@require_POST
@caseworker_required
def dispatch_retry(request, pk):
    dispatch = _get_dispatch(request, pk)
    action = services.dispatch_to_post if "post" in request.POST else services.dispatch_retry
    try:
        action(dispatch=dispatch, by=request.user)
    except RuleViolation as error:
        _errors(request, error)
    else:
        _changed(request, dispatch.letter.decision, "Forsendelsen er lagt i kø på nytt.")
    return redirect(dispatch.letter.decision)


@caseworker_required
def print_batch(request):
    return render(
        request,
        "decisions/print_batch.html",
        {
            "batch": selectors.print_batch(request.user)[:200],
            "failed": selectors.failed_dispatches(request.user)[:200],
        },
    )


@require_POST
@caseworker_required
def print_batch_posted(request):
    ids = [int(i) for i in request.POST.getlist("dispatch") if i.isdigit()]
    try:
        count = services.print_batch_mark_posted(dispatch_ids=ids, by=request.user)
    except RuleViolation as error:
        _errors(request, error)
    else:
        messages.success(request, f"{count} brev er registrert som sendt i posten.")
    return redirect("decisions:print_batch")
