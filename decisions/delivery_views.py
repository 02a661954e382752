"""Pages for letters once they are sent: the stored PDF, how the dispatches are doing
(polled by htmx), a failed letter tried again or put in the post, the local outbox, and
the print batch with its merged PDF."""

import io

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from pypdf import PdfWriter
from pypdf.errors import PyPdfError

from cases.access import caseworker_required, get_visible_or_404, log_access, log_list
from cases.models import AccessLog
from core.errors import RuleViolation
from core.feedback import show_violation
from decisions import delivery, selectors
from decisions.models import Dispatch
from decisions.print_batch import print_batch_mark_posted


@caseworker_required
def letter_file(request, pk):
    """A stored letter, served as it was sent."""
    letter = get_visible_or_404(
        request, selectors.letter_scope(request.user), pk=pk, object_type="letter"
    )
    if not letter.file:
        raise Http404("Brevet er ikke laget ennå.")
    log_access(
        request, obj=letter, action=AccessLog.Action.PRINT, person_id=letter.decision.case.person_id
    )
    response = FileResponse(letter.file.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="brev-{letter.pk}.pdf"'
    return response


def _get_dispatch(request, pk) -> Dispatch:
    visible = selectors.dispatch_scope(request.user)
    return get_visible_or_404(request, visible, pk=pk, object_type="dispatch")


@require_POST
@caseworker_required
def dispatch_retry(request, pk):
    dispatch = _get_dispatch(request, pk)
    action = delivery.dispatch_to_post if "post" in request.POST else delivery.dispatch_retry
    try:
        action(dispatch=dispatch, by=request.user)
    except RuleViolation as error:
        show_violation(request, error)
    else:
        messages.success(request, "Forsendelsen er lagt i kø på nytt.")
        log_access(request, obj=dispatch.letter.decision.case, action=AccessLog.Action.CHANGE)
    return redirect(dispatch.letter.decision)


@caseworker_required
def dispatch_status(request, pk):
    """The letters and dispatches of one decision, for htmx to swap in while they go out."""
    decision = get_visible_or_404(
        request, selectors.decision_list(request.user), pk=pk, object_type="decision"
    )
    log_access(request, obj=decision, person_id=decision.case.person_id)
    letters = list(selectors.decision_letters(decision))
    return render(
        request,
        "decisions/_dispatches.html",
        {"decision": decision, "letters": letters, "working": selectors.letters_working(letters)},
    )


@caseworker_required
def outbox(request):
    """Without SvarUt the letters go to var/outbox/; this page shows them as sent."""
    sent = list(selectors.outbox(request.user)[:200])
    log_list(
        request,
        object_type="dispatch",
        shown=[(d.pk, d.letter.decision.case.person_id) for d in sent],
    )
    return render(request, "decisions/outbox.html", {"sent": sent})


@caseworker_required
def print_batch(request):
    batch = list(selectors.print_batch(request.user)[:200])
    failed = list(selectors.failed_dispatches(request.user)[:200])
    # Each line names a recipient (the person or a parent) with the address.
    shown = [(d.pk, d.letter.decision.case.person_id) for d in batch + failed]
    log_list(request, object_type="dispatch", shown=shown)
    return render(request, "decisions/print_batch.html", {"batch": batch, "failed": failed})


@require_POST
@caseworker_required
def print_batch_posted(request):
    ids = [int(i) for i in request.POST.getlist("dispatch") if i.isdigit()]
    try:
        count = print_batch_mark_posted(dispatch_ids=ids, by=request.user)
    except RuleViolation as error:
        show_violation(request, error)
    else:
        messages.success(request, f"{count} brev er registrert som sendt i posten.")
    return redirect("decisions:print_batch")


@caseworker_required
def print_batch_pdf(request):
    """The whole print batch as one PDF, in the batch's order, to print in one go."""
    batch = [d for d in selectors.print_batch(request.user)[:200] if d.letter.file]
    if not batch:
        raise Http404("Utskriftsbunken er tom.")
    writer = PdfWriter()
    for dispatch in batch:
        try:
            with dispatch.letter.file.open("rb") as pdf:
                writer.append(io.BytesIO(pdf.read()))
        except (OSError, PyPdfError):
            # A bunch missing one letter would look complete: print none instead.
            messages.error(
                request,
                f"Brevet i sak {dispatch.letter.decision.case.number} kunne ikke leses, så "
                "bunken er ikke satt sammen. Skriv ut brevene ett for ett.",
            )
            return redirect("decisions:print_batch")
    out = io.BytesIO()
    writer.write(out)
    for dispatch in batch:
        log_access(
            request,
            obj=dispatch.letter,
            action=AccessLog.Action.PRINT,
            person_id=dispatch.letter.decision.case.person_id,
        )
    response = HttpResponse(out.getvalue(), content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="utskriftsbunke.pdf"'
    return response
