from django.contrib import messages
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from cases import selectors as case_selectors
from cases.access import caseworker_required, log_access, log_list, log_shown
from cases.filters import overdue_before
from cases.forms import CloseCaseForm, WithdrawConsentForm
from cases.login.accounts import is_citizen
from cases.models import AccessLog, Case, Consent
from cases.scoping import is_ke_staff
from cases.views import get_case, render_case_tab
from core.errors import RuleViolation
from core.feedback import show_form_errors, show_violation
from core.paging import page_number, paginate
from followup import deadlines as deadline_list
from followup import selectors, services
from followup.context_processors import forget_reminder_count
from followup.forms import DeadlineFilterForm
from followup.models import Reminder
from plans.confinement import is_confined


def home(request):
    if is_citizen(request.user):
        return redirect("citizen:home")
    if is_confined(request):
        return redirect("participant:plans")
    if request.user.has_perm("cases.hand_over_cases"):
        return redirect("followup:leader_home")
    if is_ke_staff(request.user):
        return redirect("followup:dashboard")
    if hasattr(request.user, "coordinator"):
        return redirect("plans:my_plans")
    return render(request, "followup/home.html")


@caseworker_required
def dashboard(request):
    mine = case_selectors.case_list(request.user).filter(
        caseworker=request.user, status__in=Case.OPEN_STATUSES
    )
    counts = dict(
        mine.order_by().values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    cases = list(mine.order_by("received_on")[:50])
    unassigned = list(
        case_selectors.case_list(request.user)
        .filter(caseworker__isnull=True, status__in=Case.OPEN_STATUSES)
        .order_by("received_on")[:10]
    )
    reminders = list(selectors.open_reminders(request.user))
    failed_letters = list(selectors.failed_letters(request.user)[:20])
    log_shown(
        request,
        {
            "case": [(case.pk, case.person_id) for case in cases + unassigned],
            "dispatch": [(d.pk, d.letter.decision.case.person_id) for d in failed_letters],
            # A reminder names a case by its number only, which still points at a person.
            "reminder": [(r.pk, r.person_id) for r in reminders],
        },
    )
    return render(
        request,
        "followup/dashboard.html",
        {
            "cases": cases,
            "counts": [(s, counts.get(s, 0)) for s in Case.OPEN_STATUSES],
            "overdue_before": overdue_before(),
            "reminders": reminders,
            "unassigned": unassigned,
            "failed_letters": failed_letters,
        },
    )


@require_POST
@caseworker_required
def consent_withdraw(request, pk, consent_pk):
    case = get_case(request, pk)
    consent = get_object_or_404(Consent, pk=consent_pk, case=case)
    form = WithdrawConsentForm(request.POST)
    if form.is_valid():
        try:
            services.consent_withdraw(consent=consent, by=request.user, **form.cleaned_data)
        except RuleViolation as error:
            show_violation(request, error)
        else:
            messages.success(request, "Samtykket er registrert som trukket tilbake.")
            log_access(request, obj=case, action=AccessLog.Action.CHANGE)
    else:
        show_form_errors(request, form)
    return redirect("cases:consent", pk=case.pk)


@caseworker_required
def case_close(request, pk):
    case = get_case(request, pk)
    form = CloseCaseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_close(case=case, by=request.user, **form.cleaned_data)
        except RuleViolation as error:
            show_violation(request, error)
        else:
            messages.success(request, f"Sak {case.number} er avsluttet.")
            log_access(request, obj=case, action=AccessLog.Action.CHANGE)
            return redirect(case)
    return render_case_tab(request, case, "person", "followup/case_close.html", {"form": form})


DEADLINES_PER_PAGE = 50
# Forty pages (2,000 deadlines) are more than anyone pages through; past them the filters
# narrow the list.
DEADLINE_PAGES = 40


def deadlines(request):
    """Frister: the deadlines in what this user may see, overdue first."""
    form = DeadlineFilterForm(request.GET or None, show_people=is_ke_staff(request.user))
    filters = form.cleaned_data if form.is_valid() else {}
    today = timezone.localdate()
    number = page_number(request.GET.get("side"))
    if number > DEADLINE_PAGES:
        raise Http404("Siden finnes ikke.")
    # Fifty to a page, overdue first: only the rows up to this page are read, only the
    # page's are rendered and logged.
    found = deadline_list.find(
        request.user,
        today=today,
        horizon_days=filters.get("days") or DeadlineFilterForm.DAYS,
        wanted=number * DEADLINES_PER_PAGE + 1,
        kind=filters.get("kind") or "",
        caseworker_id=getattr(filters.get("caseworker"), "pk", None),
        coordinator_id=getattr(filters.get("coordinator"), "pk", None),
    )
    page = paginate(found.rows, number, per_page=DEADLINES_PER_PAGE)
    page.items = deadline_list.with_coordinators(page.items)
    # Past the last page the filters narrow the list: say so rather than stop silently.
    cut = not found.complete or (page.has_next and number == DEADLINE_PAGES)
    page.has_next = page.has_next and number < DEADLINE_PAGES
    shown = [(row.case_id, row.person_id) for row in page.items if row.case_id is not None]
    log_list(request, object_type="case", shown=shown)
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "followup/deadlines.html",
        {
            "form": form,
            "rows": [(row, row.is_overdue(today)) for row in page.items],
            "page": page,
            "query": query.urlencode(),
            "overdue_count": found.overdue,
            "overdue_exact": found.overdue_exact,
            "cut": cut,
            "today": today,
        },
    )


def reminders(request):
    """The user's own open reminders, for every role (a coordinator's start page is their
    plans, so the menu links here with the count)."""
    shown = list(selectors.open_reminders(request.user, limit=200))
    forget_reminder_count(request)  # the count in the menu, fresh beside the list
    log_shown(request, {"reminder": [(r.pk, r.person_id) for r in shown]})
    return render(request, "followup/reminders.html", {"reminders": shown})


@require_POST
def reminder_done(request, pk):
    """Close one of the user's own reminders, then go back where the user was."""
    reminder = get_object_or_404(Reminder, pk=pk, recipient=request.user, done_at__isnull=True)
    services.reminder_close(reminder=reminder)
    forget_reminder_count(request)
    back = request.POST.get("next", "")
    # Only a path on this site: a crafted form must not send the user elsewhere. A path,
    # not just anything relative: redirect() would read "x:y" as a URL name and fail.
    if not back.startswith("/") or not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = "home"
    return redirect(back)
