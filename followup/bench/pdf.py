"""Time our PDFs against bare WeasyPrint of the same HTML (issue 18, item 6: within 1.3×).

Ours is what the work costs: the decision letter as the Celery task renders it (its
content read from the database, the template, PDF/A-2a with our stylesheet), the plan as
its download renders it (PDF/UA-1). Bare is `weasyprint.HTML(string=html).write_pdf()` of
the very HTML ours made, with the same stylesheet fetched (without it WeasyPrint would lay
out an unstyled page and the comparison would flatter nobody). Between the two, "WeasyPrint
as we call it" is ours without the database and the template: the PDF variant and BASE_CSS.
"""

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string

from core.pdf import PDF_BASE_URL, html_to_pdf, render_to_pdf, url_fetcher
from decisions.dispatching import LETTER_TEMPLATE, LetterNotRenderable, stored_letter_content
from decisions.models import Decision, Letter
from plans import selectors as plan_selectors
from plans.models import Plan
from plans.pdf import PLAN_TEMPLATE, plan_pdf_context, plan_pdf_response


@dataclass(frozen=True)
class PdfFigure:
    name: str
    ours: float
    as_we_call_it: float
    bare: float

    @property
    def ratio(self) -> float:
        return self.ours / self.bare


def _p50s(works: list[Callable[[], object]], rounds: int) -> list[float]:
    """The median ms of each, timed in turn round by round, so that a machine that gets
    busier halfway slows them all alike."""
    for work in works:
        work()  # warm: fonts, the stylesheet, the template
    times: list[list[float]] = [[] for _ in works]
    for _ in range(rounds):
        for work, each in zip(works, times, strict=True):
            started = time.perf_counter()
            work()
            each.append((time.perf_counter() - started) * 1000)
    return [statistics.median(each) for each in times]


def bare_pdf(html: str) -> bytes:
    import weasyprint

    return weasyprint.HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=url_fetcher).write_pdf()


def _figure(name, ours, html, *, archival, rounds) -> PdfFigure:
    works = [ours, lambda: html_to_pdf(html, archival=archival), lambda: bare_pdf(html)]
    ours_ms, as_we_call_it, bare = _p50s(works, rounds)
    return PdfFigure(name=name, ours=ours_ms, as_we_call_it=as_we_call_it, bare=bare)


def _renderable_letter() -> tuple[Letter, dict] | None:
    """The first sent decision letter whose recipient is still registered, with its context."""
    sent = Letter.objects.filter(
        kind=Letter.Kind.DECISION, decision__status__in=Decision.SENT_STATUSES
    ).order_by("pk")
    for letter in sent[:50]:
        try:
            return letter, {"letter": stored_letter_content(letter)}
        except LetterNotRenderable:
            continue
    return None


def letter_figure(rounds: int) -> PdfFigure | None:
    found = _renderable_letter()
    if found is None:
        return None
    letter, context = found

    def ours():
        return render_to_pdf(
            LETTER_TEMPLATE, {"letter": stored_letter_content(letter)}, archival=True
        )

    html = render_to_string(LETTER_TEMPLATE, context)
    return _figure("Vedtaksbrev (PDF/A)", ours, html, archival=True, rounds=rounds)


def plan_figure(rounds: int) -> PdfFigure | None:
    first = Plan.objects.filter(status=Plan.Status.ACTIVE).order_by("pk").first()
    if first is None:
        return None
    case = first.case

    def ours():
        plan = plan_selectors.plan_for_case(case)
        return plan_pdf_response(plan, case=case, person=case.person, confidential=True)

    plan = plan_selectors.plan_for_case(case)
    context = plan_pdf_context(plan, case=case, person=case.person, confidential=True)
    html = render_to_string(PLAN_TEMPLATE, context)
    return _figure("Individuell plan (PDF/UA)", ours, html, archival=False, rounds=rounds)


def pdf_figures(rounds: int = 10) -> list[PdfFigure]:
    return [f for f in (letter_figure(rounds), plan_figure(rounds)) if f is not None]


def pdf_table(figures: list[PdfFigure]) -> str:
    lines = [
        "| PDF | ours p50 ms | WeasyPrint as we call it ms | bare WeasyPrint ms | ours / bare |",
        "|---|---:|---:|---:|---:|",
    ]
    for f in figures:
        lines.append(
            f"| {f.name} | {f.ours:.0f} | {f.as_we_call_it:.0f} | {f.bare:.0f} | {f.ratio:.2f}× |"
        )
    return "\n".join(lines)
