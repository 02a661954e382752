"""Daily scans for plans: evaluations coming up or overdue, overdue action points, and
plans gone quiet.

Each scan selects everything due and not yet reminded, so a missed or doubled run does
no harm (see followup/scans/__init__.py). What is due comes from plans.due, the same
selectors "Frister" reads. Texts name the case number only: never the person, services
or anything from the plan itself.
"""

import datetime

from django.conf import settings
from django.db.models import Q
from django.urls import reverse

from coordinators.models import Appointment
from followup.models import Reminder
from followup.reminders import BATCH, Due, record
from plans import due
from plans.activity import last_active_repair


def _plan_link(case_id: int) -> str:
    return reverse("plans:case_plan", args=[case_id])


def _coordinators_of(plans):
    """(plan, case, case number, date, coordinator user) for each active coordinator."""
    return (
        Appointment.objects.filter(
            case__plan__in=plans, ended_on__isnull=True, coordinator__user__is_active=True
        )
        .order_by("case__plan__next_evaluation_on", "id")
        .values_list(
            "case__plan__id",
            "case_id",
            "case__number",
            "case__plan__next_evaluation_on",
            "coordinator__user_id",
        )
    )


def evaluations_due(today: datetime.date, dry_run: bool = False) -> int:
    """Active plans to be evaluated within KE_EVALUATION_REMINDER_DAYS: remind the coordinator."""
    last = today + datetime.timedelta(days=settings.KE_EVALUATION_REMINDER_DAYS)
    rows = _coordinators_of(due.evaluations_due(since=today, until=last).values("pk"))
    dues = (
        Due(
            kind=Reminder.Kind.EVALUATION_DUE,
            object_type="plan",
            object_id=plan_id,
            due_on=on,
            recipient_id=user_id,
            text=f"Planen i sak {number} skal evalueres innen {on:%d.%m.%Y}.",
            link=_plan_link(case_id),
        )
        for plan_id, case_id, number, on, user_id in rows.iterator(chunk_size=BATCH)
    )
    return record(dues, dry_run=dry_run)


def evaluations_overdue(today: datetime.date, dry_run: bool = False) -> int:
    """Active plans past their evaluation date: remind the coordinator and alert the caseworker."""
    overdue = due.evaluations_due(until=today - datetime.timedelta(days=1))
    coordinators = _coordinators_of(overdue.values("pk"))
    caseworkers = overdue.filter(
        case__caseworker__isnull=False, case__caseworker__is_active=True
    ).values_list("pk", "case_id", "case__number", "next_evaluation_on", "case__caseworker_id")

    def dues(rows, text):
        for plan_id, case_id, number, on, user_id in rows.iterator(chunk_size=BATCH):
            yield Due(
                kind=Reminder.Kind.EVALUATION_OVERDUE,
                object_type="plan",
                object_id=plan_id,
                due_on=on,
                recipient_id=user_id,
                text=text.format(number=number, on=on),
                link=_plan_link(case_id),
            )

    return record(
        dues(coordinators, "Evalueringen av planen i sak {number} skulle vært {on:%d.%m.%Y}."),
        dry_run=dry_run,
    ) + record(
        dues(
            caseworkers,
            "Planen i sak {number} er ikke evaluert: fristen var {on:%d.%m.%Y}. "
            "Koordinatoren er varslet.",
        ),
        dry_run=dry_run,
    )


def action_points_overdue(today: datetime.date, dry_run: bool = False) -> int:
    """Open action points of active plans past their date: remind the one responsible.

    That is the responsible user where one is set and active, otherwise the plan's
    active coordinators. A participant (a citizen, another service) is not reminded
    from here: the reminder's page is the coordinator's, so the coordinator follows up.
    """
    overdue = due.action_points_due(until=today - datetime.timedelta(days=1))
    participant = Q(responsible_user__participant_account__isnull=False) | Q(
        responsible_user__citizen__isnull=False
    )
    to_user = (
        overdue.filter(responsible_user__is_active=True)
        .exclude(participant)
        .values_list(
            "pk",
            "meeting__plan__case_id",
            "meeting__plan__case__number",
            "due_on",
            "responsible_user",
        )
    )
    # The filter and the value read the same join: only the active appointments' users.
    to_coordinator = (
        overdue.filter(
            Q(responsible_user__isnull=True) | Q(responsible_user__is_active=False) | participant
        )
        .filter(
            meeting__plan__case__appointments__ended_on__isnull=True,
            meeting__plan__case__appointments__coordinator__user__is_active=True,
        )
        .values_list(
            "pk",
            "meeting__plan__case_id",
            "meeting__plan__case__number",
            "due_on",
            "meeting__plan__case__appointments__coordinator__user_id",
        )
    )

    def dues(rows):
        for point_id, case_id, number, on, user_id in rows.iterator(chunk_size=BATCH):
            yield Due(
                kind=Reminder.Kind.ACTION_POINT_OVERDUE,
                object_type="actionpoint",
                object_id=point_id,
                due_on=on,
                recipient_id=user_id,
                text=f"Et oppfølgingspunkt fra ansvarsgruppen i sak {number} "
                f"skulle vært utført innen {on:%d.%m.%Y}.",
                link=_plan_link(case_id),
            )

    return record(dues(to_user), dry_run=dry_run) + record(dues(to_coordinator), dry_run=dry_run)


def quiet_plan_rows(*, until: datetime.date):
    """(plan id, case id, case number, last activity, quiet on) of plans quiet by `until`,
    the longest quiet first: plans.due's selector, the one "Frister" reads too."""
    months = settings.KE_PLAN_QUIET_MONTHS
    quiet = due.quiet_plans_due(until=until, months=months)
    for plan_id, case_id, number, last in quiet.values_list(
        "pk", "case_id", "case__number", "last_active_on"
    ).iterator(chunk_size=BATCH):
        yield plan_id, case_id, number, last, due.quiet_on(last, months=months)


def plans_last_active(today: datetime.date, dry_run: bool = False) -> int:
    """Plans whose last activity disagrees with their rows get it put right, so quiet
    plans heal themselves; only the count is logged."""
    return last_active_repair(dry_run=dry_run)


def plans_quiet(today: datetime.date, dry_run: bool = False) -> int:
    """Active plans with no activity for KE_PLAN_QUIET_MONTHS months: remind the coordinator."""
    rows = list(quiet_plan_rows(until=today))
    coordinators = Appointment.objects.filter(
        case_id__in=[case_id for _, case_id, *_ in rows],
        ended_on__isnull=True,
        coordinator__user__is_active=True,
    ).values_list("case_id", "coordinator__user_id")
    users_by_case: dict[int, list[int]] = {}
    for case_id, user_id in coordinators:
        users_by_case.setdefault(case_id, []).append(user_id)
    dues = (
        Due(
            kind=Reminder.Kind.PLAN_QUIET,
            object_type="plan",
            object_id=plan_id,
            due_on=quiet_on,
            recipient_id=user_id,
            text=f"Planen i sak {number} har ikke hatt aktivitet siden {last:%d.%m.%Y}. "
            "Ta kontakt med deltakerne, eller evaluer planen.",
            link=_plan_link(case_id),
        )
        for plan_id, case_id, number, last, quiet_on in rows
        for user_id in users_by_case.get(case_id, ())
    )
    return record(dues, dry_run=dry_run)
