import datetime

from django.contrib import messages
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from cases.access import caseworker_required, log_access
from cases.models import AccessLog
from cases.views import get_case, render_case_tab
from cases.vocabulary import ServiceKind
from core.errors import RuleViolation
from core.feedback import show_violation
from eligibility import services
from eligibility.forms import AnswersForm, AssessmentRunForm
from eligibility.history import history_lines
from eligibility.rules import JUDGEMENTS


def _results(assessment):
    return [
        {
            "key": key,
            "label": label,
            "outcome": assessment.result[key]["outcome"],
            "outcome_label": services.OUTCOME_LABELS[assessment.result[key]["outcome"]],
            "findings": assessment.result[key]["findings"],
            "questions": assessment.result[key]["questions"],
        }
        for key, label in ServiceKind.choices
    ]


def _open_questions(assessment):
    """Each open question once, for the services asked for only.

    A service not asked for still shows its findings, but asks nothing: an adult's
    caseworker is never asked whether "the child" is seriously ill.
    """
    seen = {}
    for key in ServiceKind.values:
        if assessment.result[key]["outcome"] == "not_requested":
            continue
        for question in assessment.result[key]["questions"]:
            seen.setdefault(question["key"], question)
    return list(seen.values())


def _answers(assessment):
    """The answers given, each `at` as a datetime so the template shows it in local time."""
    return [
        {**answer, "question": JUDGEMENTS[key].question, "at": _moment(answer.get("at"))}
        for key, answer in assessment.answers.items()
        if key in JUDGEMENTS
    ]


def _moment(stored) -> datetime.datetime | None:
    # Stored in the snapshot as ISO 8601 with its offset (UTC).
    try:
        return datetime.datetime.fromisoformat(stored)
    except (TypeError, ValueError):
        return None


@caseworker_required
def case_assessment(request, pk, *, run_form=None, answers_form=None):
    case = get_case(request, pk)
    assessment = _latest(case)
    context = {"assessment": assessment, "run_form": run_form or AssessmentRunForm()}
    if assessment is not None:
        context.update(
            results=_results(assessment),
            answers_form=answers_form or AnswersForm(questions=_open_questions(assessment)),
            answers=_answers(assessment),
            outdated=services.assessment_is_outdated(assessment, case),
            run_form=run_form
            or AssessmentRunForm(
                initial={
                    "function_level": assessment.facts.get("function_level"),
                    "rare_diagnosis": assessment.facts.get("rare_diagnosis"),
                }
            ),
            history=history_lines(
                case.assessments.select_related("created_by").order_by("-created_at", "-id")[:11]
            )[:10],
        )
    return render_case_tab(request, case, "assessment", "eligibility/tab_assessment.html", context)


@require_POST
@caseworker_required
def assessment_run(request, pk):
    case = get_case(request, pk)
    form = AssessmentRunForm(request.POST)
    if not form.is_valid():
        return case_assessment(request, pk, run_form=form)
    latest = _latest(case)
    try:
        services.assessment_run(
            case=case,
            by=request.user,
            answers=latest.answers if latest else {},
            **form.cleaned_data,
        )
    except RuleViolation as error:
        show_violation(request, error)
    else:
        messages.success(request, "Vurderingen er lagret.")
        log_access(request, obj=case, action=AccessLog.Action.CHANGE)
    return redirect("eligibility:case_assessment", pk=case.pk)


@require_POST
@caseworker_required
def assessment_answer(request, pk):
    """Save the answers to the open questions, all in one form.

    The page posts it with htmx and swaps in the page it is redirected to; without
    JavaScript the same post and redirect load the whole page.
    """
    case = get_case(request, pk)
    latest = _latest(case)
    form = AnswersForm(request.POST, questions=_open_questions(latest) if latest else [])
    if not form.is_valid():
        return case_assessment(request, pk, answers_form=form)
    try:
        services.assessment_answer_all(case=case, by=request.user, answers=form.answers())
    except RuleViolation as error:
        show_violation(request, error)
    else:
        messages.success(request, "Svarene er lagret, og vurderingen er oppdatert.")
        log_access(request, obj=case, action=AccessLog.Action.CHANGE)
    return redirect("eligibility:case_assessment", pk=case.pk)


def _latest(case):
    return case.assessments.order_by("-created_at", "-id").first()
