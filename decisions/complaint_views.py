"""Rejecting a complaint (avvisning), and taking a rejected complaint up again when a
complaint on the rejection is justified. The decision page shows both forms."""

from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from cases.access import caseworker_required
from core.errors import RuleViolation
from decisions import complaints
from decisions.forms import RejectForm, RejectionReverseForm
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
