from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import permission_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from cases import consents, rules, search, selectors, services, tabs, units
from cases.access import (
    caseworker_required,
    get_visible_or_404,
    log_access,
    log_list,
    log_shown,
)
from cases.edit_forms import RelationForm
from cases.filters import AccessLogFilter, CaseFilter, caseworker_choices, overdue_before
from cases.forms import (
    CaseEditForm,
    ConsentEnoughForm,
    ConsentForm,
    PersonServiceForm,
    TimelineEntryForm,
    WithdrawConsentForm,
)
from cases.intake_forms import RegistrationForm
from cases.models import AccessLog, Case, Person, Service
from cases.scoping import is_ke_staff, person_scope
from core.errors import RuleViolation, StaleEdit
from core.feedback import show_form_errors, show_violation
from core.locking import keep_input
from core.paging import paginate, paginate_keys


def get_case(request, pk) -> Case:
    """The case, inside the user's scope, or 404 with the attempt logged."""
    return get_visible_or_404(
        request, selectors.case_get_for_detail(request.user, pk), pk=pk, object_type="case"
    )


def render_case_tab(request, case, tab, template, context=None, *, log=True):
    if log:
        log_access(request, obj=case)
    is_ke = is_ke_staff(request.user)
    # Every page in the case frame belongs to "Saker" in the top menu, whichever app
    # serves it (followup.context_processors reads this).
    request.menu_section = "cases"
    steps = tabs.case_steps(case, is_ke=is_ke)
    context = {
        "case": case,
        "tab": tab,
        "tab_title": tabs.tab_title(tab),
        "case_tabs": tabs.case_tabs(case, is_ke=is_ke),
        "case_actions": tabs.case_actions(case, is_ke=is_ke),
        "case_steps": steps,
        "next_step": next((shown for shown in steps if shown.is_next), None),
        **(context or {}),
    }
    return render(request, template, context)


def _search_redirect(request, *, field: str, name: str, filterset_class):
    """A POSTed filter form goes back to GET, its personal term kept in the session."""
    query = search.stash(request, field, filterset_class.base_filters)
    return redirect(f"{reverse(name)}?{query.urlencode()}")


def _page_query(request, field: str) -> str:
    """The query string for pagination links: filters and the session key, no term."""
    query = request.GET.copy()
    query.pop("side", None)
    query.pop(field, None)
    return query.urlencode()


@caseworker_required
def case_list(request):
    if request.method == "POST":
        return _search_redirect(request, field="q", name="cases:list", filterset_class=CaseFilter)
    data = search.unstash(request, "q")
    filterset = CaseFilter(data, queryset=selectors.case_list(request.user), request=request)
    # Page 500 walks 12,500 keys on the ordering's index; only its 25 rows are joined.
    page = paginate_keys(
        filterset.qs,
        request.GET.get("side"),
        lambda keys: selectors.cases_by_pk(request.user, keys),
    )
    log_list(
        request,
        object_type="case",
        shown=[(case.pk, case.person_id) for case in page.items],
        searched=search.term_kind(data.get("q", "")),
    )
    return render(
        request,
        "cases/case_list.html",
        {
            "filter": filterset,
            "page": page,
            "query": _page_query(request, "q"),
            "overdue_before": overdue_before(),
        },
    )


@caseworker_required
def case_register(request, origin):
    origin = {"soknad": Case.Origin.APPLICATION, "melding": Case.Origin.NOTIFICATION}[origin]
    form = RegistrationForm(
        request.POST if request.method == "POST" else None,
        origin=origin,
        units=units.unit_choices(request.user),
        home_unit=units.home_unit(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            case, created = services.intake_register(
                national_id=form.cleaned_data["national_id"] or None,
                person_fields=form.person_fields(),
                case_fields=form.case_fields(),
                consent=form.consent_fields(),
                by=request.user,
                confirm_new_case=form.cleaned_data["confirm_new_case"],
            )
        except services.SecondOpenCase as error:
            form.add_error("national_id", error.messages[0])
        except RuleViolation as error:
            show_violation(request, error)
        else:
            if not created:
                messages.info(request, "Personen var registrert fra før. Saken er knyttet til den.")
            messages.success(request, f"Sak {case.number} er registrert.")
            log_access(request, obj=case, action=AccessLog.Action.CHANGE)
            return redirect(case)
    return render(request, "cases/case_register.html", {"form": form, "origin": origin})


def case_detail(request, pk):
    case = get_case(request, pk)
    person = selectors.person_with_relations(case.person_id)
    # The tab names the person's family members too; each of them is shown.
    members = {
        member.person_id
        for membership in person.family_memberships.all()
        for member in membership.family.members.all()
    } - {person.pk}
    log_shown(
        request,
        {"case": [(case.pk, case.person_id)], "person": [(pk, pk) for pk in sorted(members)]},
    )
    return render_case_tab(
        request,
        case,
        "person",
        "cases/tab_person.html",
        {"person": person, "relation_form": RelationForm(submit="Legg til")},
        log=False,
    )


def case_services(request, pk):
    case = get_case(request, pk)
    person = selectors.person_with_relations(case.person_id)
    form = None
    if request.user.has_perm("cases.add_personservice"):
        form = PersonServiceForm(services=Service.objects.filter(active=True))
    return render_case_tab(
        request, case, "services", "cases/tab_services.html", {"person": person, "form": form}
    )


@require_POST
@caseworker_required
def case_service_add(request, pk):
    case = get_case(request, pk)
    form = PersonServiceForm(request.POST, services=Service.objects.filter(active=True))
    if form.is_valid():
        try:
            services.person_service_add(
                person=case.person, by=request.user, case=case, **form.cleaned_data
            )
        except RuleViolation as error:
            show_violation(request, error)
        else:
            messages.success(request, "Tjenesten er lagt til.")
            log_access(request, obj=case, action=AccessLog.Action.CHANGE)
            return redirect("cases:services", pk=case.pk)
    person = selectors.person_with_relations(case.person_id)
    return render_case_tab(
        request,
        case,
        "services",
        "cases/tab_services.html",
        {"person": person, "form": form},
    )


def _consent_tab(request, case, form, enough_form=None):
    givers = selectors.consent_givers(case)
    holders = selectors.parental_consent_holders(givers)
    consents = list(selectors.case_consents(case))
    recorded = {c.given_by_key: c for c in consents if c.in_force and c.given_by_key}
    missing = rules.missing_consents(holders, set(recorded))
    waiting = case.status in (Case.Status.REGISTERED, Case.Status.AWAITING_CONSENT)
    may_record = request.user.has_perm("cases.add_consent") and case.is_open
    context = {
        "consents": consents,
        "form": form,
        "withdraw_form": WithdrawConsentForm(),
        "withdraw_url_name": tabs.endpoint("consent_withdraw"),
        # Whose consent is recorded and whose is missing, for a child with two holders.
        "holders": [(h, recorded.get(h.key)) for h in holders] if len(holders) > 1 else [],
        "enough_form": enough_form
        or (ConsentEnoughForm() if may_record and waiting and recorded and missing else None),
    }
    return render_case_tab(request, case, "consent", "cases/tab_consent.html", context)


def _consent_form(case, data=None):
    return ConsentForm(data, givers=selectors.consent_givers(case))


def case_consents(request, pk):
    case = get_case(request, pk)
    may_record = request.user.has_perm("cases.add_consent") and case.is_open
    return _consent_tab(request, case, _consent_form(case) if may_record else None)


@require_POST
@caseworker_required
def consent_add(request, pk):
    case = get_case(request, pk)
    form = _consent_form(case, request.POST)
    if form.is_valid():
        try:
            consents.consent_record(case=case, by=request.user, **form.service_arguments())
        except RuleViolation as error:
            show_violation(request, error)
        else:
            messages.success(request, "Samtykket er registrert.")
            log_access(request, obj=case, action=AccessLog.Action.CHANGE)
            return redirect("cases:consent", pk=case.pk)
    return _consent_tab(request, case, form)


@require_POST
@caseworker_required
def consent_enough(request, pk):
    case = get_case(request, pk)
    form = ConsentEnoughForm(request.POST)
    if form.is_valid():
        try:
            consents.consent_enough_record(case=case, by=request.user, **form.cleaned_data)
        except RuleViolation as error:
            show_violation(request, error)
        else:
            messages.success(request, "Begrunnelsen er notert, og saken går videre.")
            log_access(request, obj=case, action=AccessLog.Action.CHANGE)
            return redirect("cases:consent", pk=case.pk)
    return _consent_tab(request, case, _consent_form(case), enough_form=form)


def case_timeline(request, pk):
    case = get_case(request, pk)
    form = TimelineEntryForm() if request.user.has_perm("cases.add_timelineentry") else None
    return render_case_tab(
        request,
        case,
        "timeline",
        "cases/tab_timeline.html",
        {"entries": selectors.case_timeline(case), "form": form},
    )


@require_POST
@caseworker_required
def timeline_add(request, pk):
    case = get_case(request, pk)
    form = TimelineEntryForm(request.POST)
    if form.is_valid():
        services.timeline_add(case=case, by=request.user, **form.cleaned_data)
        messages.success(request, "Innslaget er lagret i journalen.")
        log_access(request, obj=case, action=AccessLog.Action.CHANGE)
        return redirect("cases:timeline", pk=case.pk)
    return render_case_tab(
        request,
        case,
        "timeline",
        "cases/tab_timeline.html",
        {"entries": selectors.case_timeline(case), "form": form},
    )


def _caseworkers():
    return get_user_model().objects.filter(pk__in=caseworker_choices().values("pk"))


@caseworker_required
def case_edit(request, pk):
    case = get_case(request, pk)
    form = CaseEditForm(
        request.POST if request.method == "POST" else None,
        instance=case,
        caseworkers=_caseworkers(),
    )
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.case_update(
                case=case, expected_version=form.cleaned_data["version"], by=request.user, **fields
            )
        except StaleEdit as error:
            # The user's input stays on the form, now against the stored version.
            keep_input(form, str(Case.objects.get(pk=case.pk).version), field="version")
            form.add_error(None, error.messages[0])
        except RuleViolation as error:
            show_violation(request, error)
        else:
            messages.success(request, "Endringene er lagret.")
            log_access(request, obj=case, action=AccessLog.Action.CHANGE)
            return redirect(case)
    return render_case_tab(request, case, "person", "cases/case_edit.html", {"form": form})


@require_POST
@caseworker_required
def relation_add(request, pk):
    case = get_case(request, pk)
    form = RelationForm(request.POST)
    if form.is_valid():
        services.relation_add(person=case.person, by=request.user, case=case, **form.edit_values())
        messages.success(request, "Relasjonen er lagt til.")
        log_access(request, obj=case, action=AccessLog.Action.CHANGE)
    else:
        show_form_errors(request, form)
    return redirect(case)


def person_detail(request, pk):
    person = get_visible_or_404(
        request, person_scope(Person.objects.all(), request.user), pk=pk, object_type="person"
    )
    person = selectors.person_with_relations(person.pk)
    log_access(request, obj=person)
    cases = list(person.cases.visible_to(request.user).select_related("caseworker"))
    # Corrections are made, and journalled, in one of the person's open cases.
    open_case = next((case for case in cases if case.is_open), None)
    return render(
        request,
        "cases/person_detail.html",
        {"person": person, "cases": cases, "open_case": open_case},
    )


@permission_required("cases.view_accesslog", raise_exception=True)
def access_log(request):
    if request.method == "POST":
        return _search_redirect(
            request, field="person", name="cases:access_log", filterset_class=AccessLogFilter
        )
    data = search.unstash(request, "person")
    filterset = AccessLogFilter(
        data, queryset=AccessLog.objects.select_related("user").order_by("-at", "-id")
    )
    page = paginate(filterset.qs, request.GET.get("side"), per_page=50)
    # Whose accesses a leader reads is itself a read of those people's data.
    log_list(
        request,
        object_type="accesslog",
        shown=[(row.pk, row.person_id) for row in page.items if row.person_id is not None],
        searched=search.term_kind(data.get("person", "")),
    )
    return render(
        request,
        "cases/access_log.html",
        {"filter": filterset, "page": page, "query": _page_query(request, "person")},
    )
