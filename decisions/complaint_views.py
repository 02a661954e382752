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


def _step(request, pk, *, form_class, service, key, done, not_done, to_new=False):
    """One complaint step: the form, the service, and back to the decision page with what
    happened; `to_new` goes to the decision the service returns (a reversal's new one)."""
    complaint = _get_complaint(request, pk)
    form = _complaint_form(form_class, complaint, request.POST)
    if form.is_valid():
        try:
            result = service(complaint=complaint, by=request.user, **form.cleaned_data)
        except RuleViolation as error:
            _add_errors(form, error)
        else:
            target = result if to_new else complaint.decision
            _changed(request, target, done)
            return redirect(target)
    return _complaint_invalid(request, complaint, key, form, not_done)


@require_POST
@caseworker_required
def complaint_reject(request, pk):
    return _step(
        request,
        pk,
        form_class=RejectForm,
        service=complaints.complaint_reject,
        key="reject",
        done="Klagen er avvist. Vedtaket om avvisning er sendt til partene, eller lagt i "
        "utskriftsbunken.",
        not_done="Klagen er ikke avvist.",
    )


@require_POST
@caseworker_required
def rejection_reverse(request, pk):
    return _step(
        request,
        pk,
        form_class=RejectionReverseForm,
        service=complaints.rejection_reverse,
        key="unreject",
        done="Avvisningen er omgjort; klagen behandles.",
        not_done="Avvisningen er ikke omgjort.",
    )


@require_POST
@caseworker_required
def complaint_forward(request, pk):
    return _step(
        request,
        pk,
        form_class=ForwardForm,
        service=complaints.complaint_uphold_and_forward,
        key="forward",
        done="Vedtaket er opprettholdt, og oversendelsesbrevet til Statsforvalteren er laget.",
        not_done="Klagen er ikke oversendt Statsforvalteren.",
    )


@require_POST
@caseworker_required
def complaint_reverse(request, pk):
    return _step(
        request,
        pk,
        form_class=ReverseForm,
        service=complaints.complaint_reverse,
        key="reverse",
        done="Klagen er tatt til følge. Se over og send det nye vedtaket.",
        not_done="Det er ikke laget nytt vedtak.",
        to_new=True,
    )


@require_POST
@caseworker_required
def complaint_result(request, pk):
    return _step(
        request,
        pk,
        form_class=ResultForm,
        service=complaints.statsforvalteren_result_record,
        key="result",
        done="Statsforvalterens avgjørelse er registrert.",
        not_done="Statsforvalterens avgjørelse er ikke registrert.",
    )
