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
from eligibility.forms import AnswerForm, AssessmentRunForm
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
    return [
        {"question": JUDGEMENTS[key].question, **answer}
        for key, answer in assessment.answers.items()
        if key in JUDGEMENTS
    ]


@caseworker_required
def case_assessment(request, pk, *, run_form=None, answer_errors=None):
    case = get_case(request, pk)
    assessment = case.assessments.order_by("-created_at", "-id").first()
    context = {"assessment": assessment, "run_form": run_form or AssessmentRunForm()}
    if assessment is not None:
        context.update(
            results=_results(assessment),
            questions=_open_questions(assessment),
            answers=_answers(assessment),
            outdated=services.assessment_is_outdated(assessment, case),
            run_form=run_form
            or AssessmentRunForm(
                initial={
                    "function_level": assessment.facts.get("function_level"),
                    "rare_diagnosis": assessment.facts.get("rare_diagnosis"),
                }
            ),
            answer_errors=answer_errors or {},
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
    latest = case.assessments.order_by("-created_at", "-id").first()
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
    case = get_case(request, pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        key = request.POST.get("key", "")
        errors = [e for field_errors in form.errors.values() for e in field_errors]
        return case_assessment(request, pk, answer_errors={key: errors})
    try:
        services.assessment_answer(case=case, by=request.user, **form.cleaned_data)
    except RuleViolation as error:
        show_violation(request, error)
    else:
        messages.success(request, "Svaret er lagret, og vurderingen er oppdatert.")
        log_access(request, obj=case, action=AccessLog.Action.CHANGE)
    return redirect("eligibility:case_assessment", pk=case.pk)
