from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from cases.access import caseworker_required, log_access, log_list
from cases.models import AccessLog
from cases.views import get_case, render_case_tab
from coordinators import choices, selectors, services
from coordinators import suggestions as coordinator_suggestions
from coordinators import training as training_services
from coordinators.forms import (
    AppointmentForm,
    BookingForm,
    CompletionForm,
    CoordinatorForm,
    EndAppointmentForm,
    GuidanceForm,
    TrainingSessionForm,
    WishForm,
)
from coordinators.models import Appointment, Attendance, Coordinator, Course, TrainingSession
from core.charts import bar_chart
from core.errors import RuleViolation, StaleEdit
from core.feedback import show_form_errors, show_violation
from core.locking import keep_input


def _area(request, areas) -> str:
    area = request.GET.get("omrade", "")
    return area if area in {a.slug for a in areas} else ""


# --- Registry ----------------------------------------------------------------------------


@caseworker_required
def coordinator_list(request):
    areas = list(selectors.service_areas())
    area = _area(request, areas)
    page = selectors.coordinator_page(area=area, page=request.GET.get("side"))
    return render(
        request,
        "coordinators/coordinator_list.html",
        {
            "page": page,
            "rows": page.items,
            "query": f"omrade={area}" if area else "",
            "areas": areas,
            "area": area,
        },
    )


@permission_required("coordinators.add_coordinator", raise_exception=True)
def coordinator_create(request):
    form = CoordinatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.edit_values()
        try:
            coordinator = services.coordinator_create(
                user=data.pop("user"), by=request.user, **data
            )
        except RuleViolation as error:
            show_violation(request, error)
        else:
            messages.success(request, f"{coordinator} er registrert som koordinator.")
            return redirect("coordinators:detail", pk=coordinator.pk)
    return render(request, "coordinators/coordinator_form.html", {"form": form})


@permission_required("coordinators.change_coordinator", raise_exception=True)
def coordinator_edit(request, pk):
    coordinator = get_object_or_404(Coordinator.objects.select_related("user"), pk=pk)
    form = CoordinatorForm(request.POST or None, instance=coordinator)
    if request.method == "POST" and form.is_valid():
        try:
            services.coordinator_update(
                coordinator=coordinator,
                by=request.user,
                expected_stamp=form.expected_stamp,
                **form.edit_values(),
            )
        except StaleEdit as error:
            form.keep_input(Coordinator.objects.get(pk=coordinator.pk))
            form.add_error(None, error.messages[0])
        except RuleViolation as error:
            show_violation(request, error)
        else:
            messages.success(request, "Endringene er lagret.")
            return redirect("coordinators:detail", pk=coordinator.pk)
    return render(
        request, "coordinators/coordinator_form.html", {"form": form, "coordinator": coordinator}
    )


@caseworker_required
def coordinator_detail(request, pk, *, completion_form=None):
    coordinator = get_object_or_404(selectors.coordinator_detail(pk, request.user))
    today = timezone.localdate()
    shown = coordinator.appointments_shown[: selectors.APPOINTMENTS_SHOWN]
    # The appointments name their cases by number, and a case number points at a person.
    log_list(request, object_type="appointment", shown=[(a.pk, a.case.person_id) for a in shown])
    return render(
        request,
        "coordinators/coordinator_detail.html",
        {
            "coordinator": coordinator,
            "appointments": shown,
            "more_appointments": len(coordinator.appointments_shown) > len(shown),
            "as_coordinator": selectors.coordinator_qualification(
                coordinator, Appointment.Kind.COORDINATOR, today
            ),
            "as_child_coordinator": selectors.coordinator_qualification(
                coordinator, Appointment.Kind.CHILD_COORDINATOR, today
            ),
            "completion_form": completion_form or CompletionForm(),
        },
    )


@require_POST
@caseworker_required
def completion_add(request, pk):
    coordinator = get_object_or_404(Coordinator, pk=pk)
    form = CompletionForm(request.POST)
    if form.is_valid():
        try:
            training_services.completion_record(
                coordinator=coordinator, by=request.user, **form.cleaned_data
            )
        except RuleViolation as error:
            show_violation(request, error)
        else:
            messages.success(request, "Fullført opplæring er registrert.")
            return redirect("coordinators:detail", pk=pk)
    return coordinator_detail(request, pk, completion_form=form)


# --- Caseload overview -----------------------------------------------------------------------


@caseworker_required
def caseload_overview(request):
    areas = list(selectors.service_areas())
    area = _area(request, areas)
    page = selectors.coordinator_page(area=area, active_only=True, page=request.GET.get("side"))
    rows = page.items
    return render(
        request,
        "coordinators/caseload.html",
        {
            "page": page,
            "query": f"omrade={area}" if area else "",
            "rows": rows,
            "chart": bar_chart(
                "Aktive saker mot kapasitet per koordinator",
                [(str(r.coordinator), r.active_cases) for r in rows],
                limits=[r.capacity for r in rows],
            ),
            "areas": areas,
            "area": area,
        },
    )


# --- Training and guidance -----------------------------------------------------------------


@caseworker_required
def training(request, *, session_form=None, guidance_form=None):
    return render(
        request,
        "coordinators/training.html",
        {
            "courses": Course.objects.all(),
            "sessions": selectors.upcoming_sessions(),
            "guidance": selectors.recent_guidance(),
            "session_form": session_form or TrainingSessionForm(),
            "guidance_form": guidance_form or GuidanceForm(offered=_named(request)),
            "name_search": request.GET.get("navn", "").strip()[:100],
        },
    )


@require_POST
@caseworker_required
def session_add(request):
    form = TrainingSessionForm(request.POST)
    if form.is_valid():
        try:
            session = training_services.training_session_create(
                by=request.user, **form.cleaned_data
            )
        except RuleViolation as error:
            show_violation(request, error)
        else:
            messages.success(request, "Kursdagen er lagt til.")
            return redirect("coordinators:session", pk=session.pk)
    return training(request, session_form=form)


@caseworker_required
def session_detail(request, pk, *, booking_form=None):
    session = get_object_or_404(selectors.sessions_with_attendances(), pk=pk)
    return render(
        request,
        "coordinators/session_detail.html",
        {
            "session": session,
            "held": session.held_on <= timezone.localdate(),
            "booking_form": booking_form or BookingForm(),
        },
    )


@require_POST
@caseworker_required
def session_book(request, pk):
    session = get_object_or_404(TrainingSession, pk=pk)
    form = BookingForm(request.POST)
    if form.is_valid():
        try:
            training_services.attendance_book(session=session, by=request.user, **form.cleaned_data)
        except RuleViolation as error:
            show_violation(request, error)
        else:
            messages.success(request, "Koordinatoren er meldt på.")
            return redirect("coordinators:session", pk=pk)
    return session_detail(request, pk, booking_form=form)


@require_POST
@caseworker_required
def attendance_mark(request, pk):
    attendance = get_object_or_404(Attendance, pk=pk)
    attended = request.POST.get("oppmote") == "deltok"
    try:
        training_services.attendance_mark(attendance=attendance, attended=attended, by=request.user)
    except RuleViolation as error:
        show_violation(request, error)
    else:
        messages.success(request, "Oppmøtet er registrert.")
    return redirect("coordinators:session", pk=attendance.session_id)


@require_POST
@caseworker_required
def guidance_add(request):
    form = GuidanceForm(request.POST, offered=_named(request))
    if form.is_valid():
        try:
            training_services.guidance_record(by=request.user, **form.cleaned_data)
        except RuleViolation as error:
            show_violation(request, error)
        else:
            messages.success(request, "Veiledningen er registrert.")
            return redirect("coordinators:training")
    return training(request, guidance_form=form)


# --- A case's coordinator tab ------------------------------------------------------------------


def _granted_kinds(case) -> list[str]:
    from decisions.selectors import granted_services

    granted = granted_services(case)
    return [kind for kind, service in services.GRANT_FOR_KIND.items() if service in granted]


SHOWN_SUGGESTIONS = 25


def _named(request) -> list:
    name = request.GET.get("navn", "").strip()[:100]
    return choices.coordinators_named(name, active_only=True)


def case_coordinator(request, pk, *, forms=None):
    case = get_case(request, pk)
    appointments = list(selectors.case_appointments(case))
    context = {"appointments": appointments}
    if request.user.has_perm("coordinators.add_appointment") and case.is_open:
        kinds = _granted_kinds(case)
        kind = request.GET.get("type") or (forms or {}).get("kind")
        if kind not in kinds:
            active = {a.kind for a in appointments if a.is_active}
            kind = next((k for k in kinds if k not in active), kinds[0] if kinds else None)
        wish = selectors.case_wish(case)
        # Thousands of coordinators: the page shows the best few, and a name search finds
        # the rest (the wish select and the suggestions alike); any of them may be posted.
        name = request.GET.get("navn", "").strip()[:100]
        context["name_search"] = name
        context.update(
            kinds=[(k, Appointment.Kind(k).label) for k in kinds],
            kind=kind,
            wish=wish,
            wish_form=(forms or {}).get("wish")
            or WishForm(
                initial={
                    "coordinator": wish.coordinator_id if wish else None,
                    "description": wish.description if wish else "",
                    "edit_stamp": services.wish_stamp(wish),
                },
                offered=choices.coordinators_named(name, keep=wish.coordinator if wish else None),
            ),
            end_form=EndAppointmentForm(),
        )
        if kind:
            current = next((a for a in appointments if a.is_active and a.kind == kind), None)
            context.update(
                current=current,
                suggestions=coordinator_suggestions.suggestions(
                    case, kind, wish=wish, limit=SHOWN_SUGGESTIONS, name=name, replacing=current
                ),
                appoint_form=(forms or {}).get("appoint")
                or AppointmentForm(
                    initial={"kind": kind, "replaces": current.pk if current else None},
                    sessions=selectors.upcoming_sessions(),
                ),
            )
    return render_case_tab(
        request,
        case,
        "coordinator",
        "coordinators/tab_coordinator.html",
        context,
    )


@require_POST
@caseworker_required
def wish_save(request, pk):
    case = get_case(request, pk)
    form = WishForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.wish_record(
                case=case, by=request.user, expected_stamp=data.pop("edit_stamp") or None, **data
            )
        except StaleEdit as error:
            keep_input(form, services.wish_stamp(selectors.case_wish(case)))
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, "Søkers ønske er lagret.")
            log_access(request, obj=case, action=AccessLog.Action.CHANGE)
            return redirect("coordinators:case_coordinator", pk=case.pk)
    return case_coordinator(request, pk, forms={"wish": form})


@require_POST
@caseworker_required
def appointment_add(request, pk):
    case = get_case(request, pk)
    form = AppointmentForm(request.POST, sessions=selectors.upcoming_sessions())
    if form.is_valid():
        try:
            appointment, warnings = services.appointment_create(
                case=case, by=request.user, **form.cleaned_data
            )
        except RuleViolation as error:
            show_violation(request, error)
        else:
            messages.success(
                request,
                f"{appointment.coordinator} er oppnevnt som "
                f"{appointment.get_kind_display().lower()}.",
            )
            for warning in warnings:
                messages.warning(request, warning)
            log_access(request, obj=case, action=AccessLog.Action.CHANGE)
            return redirect("coordinators:case_coordinator", pk=case.pk)
    return case_coordinator(request, pk, forms={"appoint": form, "kind": request.POST.get("kind")})


@require_POST
@caseworker_required
def appointment_end(request, pk, appointment_pk):
    case = get_case(request, pk)
    appointment = get_object_or_404(Appointment, pk=appointment_pk, case=case)
    form = EndAppointmentForm(request.POST)
    if form.is_valid():
        try:
            services.appointment_end(appointment=appointment, by=request.user, **form.cleaned_data)
        except RuleViolation as error:
            show_violation(request, error)
        else:
            messages.success(request, "Oppnevningen er avsluttet.")
            log_access(request, obj=case, action=AccessLog.Action.CHANGE)
    else:
        show_form_errors(request, form)
    return redirect("coordinators:case_coordinator", pk=case.pk)
