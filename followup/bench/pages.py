"""The pages the benchmark times: every list and detail page, as the role that uses it."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.urls import reverse

from cases.models import Case, Person
from coordinators.models import Appointment, Coordinator
from core.paging import MAX_PAGE
from decisions.models import Decision
from plans.models import Plan


@dataclass
class BenchPage:
    name: str
    username: str
    path: str
    # A search term goes by POST into the session (cases/search.py); the bench posts it
    # once and then times the GET it is redirected to.
    post: dict | None = None


def _sample_case():
    """An open case in follow-up with a plan and a coordinator: the fullest case page."""
    plan = (
        Plan.objects.filter(status=Plan.Status.ACTIVE, case__status=Case.Status.FOLLOW_UP)
        .filter(case__appointments__ended_on__isnull=True)
        .order_by("-pk")
        .values_list("case_id", flat=True)
        .first()
    )
    return Case.objects.get(pk=plan) if plan else Case.objects.order_by("-pk").first()


def pages() -> list[BenchPage]:
    case = _sample_case()
    decision = Decision.objects.filter(case=case).order_by("pk").first()
    coordinator = (
        Appointment.objects.filter(case=case, ended_on__isnull=True)
        .values_list("coordinator_id", flat=True)
        .first()
    ) or Coordinator.objects.order_by("pk").values_list("pk", flat=True).first()
    coordinator_user = get_user_model().objects.get(coordinator__pk=coordinator).username
    family_name = Person.objects.get(pk=case.person_id).family_name
    cw, leader = "saksbehandler01", "leder1"
    # The deepest page allowed (core.paging.MAX_PAGE) where there are that many rows; the
    # deepest full page otherwise.
    deep = max(1, min(MAX_PAGE, Case.objects.count() // 25))
    out = [
        BenchPage("Start page", cw, "/"),
        BenchPage("Mine saker", cw, reverse("followup:dashboard")),
        BenchPage("Case list", cw, reverse("cases:list")),
        BenchPage(f"Case list, page {deep}", cw, reverse("cases:list") + f"?side={deep}"),
        BenchPage("Case list, name search", cw, reverse("cases:list"), post={"q": family_name}),
        BenchPage("Case list, typo search", cw, reverse("cases:list"), post={"q": "Asmund"}),
        BenchPage("Case overview tab", cw, reverse("cases:detail", args=[case.pk])),
        BenchPage("Case services tab", cw, reverse("cases:services", args=[case.pk])),
        BenchPage("Case consent tab", cw, reverse("cases:consent", args=[case.pk])),
        BenchPage("Case journal tab", cw, reverse("cases:timeline", args=[case.pk])),
        BenchPage("Person page", cw, reverse("cases:person_detail", args=[case.person_id])),
        BenchPage(
            "Case assessment tab", cw, reverse("eligibility:case_assessment", args=[case.pk])
        ),
        BenchPage("Case decisions tab", cw, reverse("decisions:case_decisions", args=[case.pk])),
        BenchPage(
            "Case coordinator tab", cw, reverse("coordinators:case_coordinator", args=[case.pk])
        ),
        BenchPage("Case plan tab", cw, reverse("plans:case_plan", args=[case.pk])),
        BenchPage("Plan history", cw, reverse("plans:history", args=[case.pk])),
        BenchPage("Decision list", cw, reverse("decisions:list")),
        BenchPage("Plan list", cw, reverse("plans:list")),
        BenchPage("Coordinator registry", cw, reverse("coordinators:list")),
        BenchPage("Coordinator page", cw, reverse("coordinators:detail", args=[coordinator])),
        BenchPage("Caseload overview", cw, reverse("coordinators:caseload")),
        BenchPage("Training", cw, reverse("coordinators:training")),
        BenchPage("Frister", cw, reverse("followup:deadlines")),
        BenchPage("Oversikt", leader, reverse("followup:overview")),
        BenchPage("Oversikt CSV", leader, reverse("followup:overview_csv")),
        BenchPage("Access log", leader, reverse("cases:access_log")),
        BenchPage(
            "Access log, by person",
            leader,
            reverse("cases:access_log"),
            post={"person": family_name},
        ),
        BenchPage("Coordinator: start page", coordinator_user, "/"),
        BenchPage("Coordinator: Mine planer", coordinator_user, reverse("plans:my_plans")),
        BenchPage("Admin: access log", "admin", "/admin/cases/accesslog/"),
        BenchPage(
            "Admin: access log by person",
            "admin",
            f"/admin/cases/accesslog/?q={case.person_id}",
        ),
        BenchPage("Admin: cases", "admin", "/admin/cases/case/"),
        BenchPage("Admin: people", "admin", "/admin/cases/person/"),
    ]
    if decision:
        out.insert(
            13, BenchPage("Decision page", cw, reverse("decisions:detail", args=[decision.pk]))
        )
    return out
