"""The complaint steps after registration: upholding and forwarding to Statsforvalteren,
reversing, recording Statsforvalteren's result, rejecting a complaint (avvisning), and
taking a rejected complaint up again when a complaint on the rejection is justified. The
decision page shows the forms."""

from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from cases.access import caseworker_required
from core.errors import RuleViolation
from decisions import complaints
from decisions.forms import (
    ForwardForm,
    RejectForm,
    RejectionReverseForm,
    ResultForm,
    ReverseForm,
)
from decisions.views import (
    _add_errors,
    _changed,
    _complaint_form,
    _complaint_invalid,
    _get_complaint,
)


@require_POST
@caseworker_required
def complaint_reject(request, pk):
    complaint = _get_complaint(request, pk)
    form = _complaint_form(RejectForm, complaint, request.POST)
    if form.is_valid():
        try:
            complaints.complaint_reject(complaint=complaint, by=request.user, **form.cleaned_data)
        except RuleViolation as error:
            _add_errors(form, error)
        else:
            _changed(
                request,
                complaint.decision,
                "Klagen er avvist. Vedtaket om avvisning er sendt til partene, eller lagt i "
                "utskriftsbunken.",
            )
            return redirect(complaint.decision)
    return _complaint_invalid(request, complaint, "reject", form, "Klagen er ikke avvist.")


@require_POST
@caseworker_required
def rejection_reverse(request, pk):
    complaint = _get_complaint(request, pk)
    form = _complaint_form(RejectionReverseForm, complaint, request.POST)
    if form.is_valid():
        try:
            complaints.rejection_reverse(complaint=complaint, by=request.user, **form.cleaned_data)
        except RuleViolation as error:
            _add_errors(form, error)
        else:
            _changed(request, complaint.decision, "Avvisningen er omgjort; klagen behandles.")
            return redirect(complaint.decision)
    return _complaint_invalid(request, complaint, "unreject", form, "Avvisningen er ikke omgjort.")


@require_POST
@caseworker_required
def complaint_forward(request, pk):
    complaint = _get_complaint(request, pk)
    form = _complaint_form(ForwardForm, complaint, request.POST)
    if form.is_valid():
        try:
            complaints.complaint_uphold_and_forward(
                complaint=complaint, by=request.user, **form.cleaned_data
            )
        except RuleViolation as error:
            _add_errors(form, error)
        else:
            _changed(
                request,
                complaint.decision,
                "Vedtaket er opprettholdt, og oversendelsesbrevet til Statsforvalteren er laget.",
            )
            return redirect(complaint.decision)
    return _complaint_invalid(
        request, complaint, "forward", form, "Klagen er ikke oversendt Statsforvalteren."
    )


@require_POST
@caseworker_required
def complaint_reverse(request, pk):
    complaint = _get_complaint(request, pk)
    form = _complaint_form(ReverseForm, complaint, request.POST)
    if form.is_valid():
        try:
            new = complaints.complaint_reverse(
                complaint=complaint, by=request.user, **form.cleaned_data
            )
        except RuleViolation as error:
            _add_errors(form, error)
        else:
            _changed(request, new, "Klagen er tatt til følge. Se over og send det nye vedtaket.")
            return redirect(new)
    return _complaint_invalid(request, complaint, "reverse", form, "Det er ikke laget nytt vedtak.")


@require_POST
@caseworker_required
def complaint_result(request, pk):
    complaint = _get_complaint(request, pk)
    form = _complaint_form(ResultForm, complaint, request.POST)
    if form.is_valid():
        try:
            complaints.statsforvalteren_result_record(
                complaint=complaint, by=request.user, **form.cleaned_data
            )
        except RuleViolation as error:
            _add_errors(form, error)
        else:
            _changed(request, complaint.decision, "Statsforvalterens avgjørelse er registrert.")
            return redirect(complaint.decision)
    return _complaint_invalid(
        request, complaint, "result", form, "Statsforvalterens avgjørelse er ikke registrert."
    )
