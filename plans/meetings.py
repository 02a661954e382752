"""The responsibility group's meetings, their action points, and the plan's evaluations."""

import datetime

from django.db import transaction
from django.utils import timezone

from core.errors import RuleViolation
from plans import rules, selectors
from plans.models import (
    ActionPoint,
    Evaluation,
    Meeting,
    Plan,
)
from plans.writes import lock_plan, save, sync, today_or

# --- Responsibility group and evaluations ------------------------------------------------


@transaction.atomic
def meeting_record(
    *,
    plan: Plan,
    by,
    held_on: datetime.date,
    place: str,
    attendees: str = "",
    agenda: str = "",
    minutes: str = "",
    agreements: str = "",
    next_meeting_on: datetime.date | None = None,
    next_meeting_at: datetime.time | None = None,
    action_points: list[dict] | None = None,
) -> Meeting:
    """A responsibility-group meeting and its action points (what, who, by when)."""
    lock_plan(plan)
    if held_on > timezone.localdate():
        raise RuleViolation("Et møte kan ikke registreres før det er holdt.")
    if next_meeting_on and next_meeting_on <= held_on:
        raise RuleViolation("Neste møte må være etter dette møtet.")
    if next_meeting_at and not next_meeting_on:
        raise RuleViolation("Oppgi datoen for neste møte.")
    for point in action_points or []:
        problems = rules.action_point_refusals(point.get("due_on"), held_on)
        if problems:
            raise RuleViolation(problems)
    responsible = {p["responsible_user"] for p in action_points or [] if p.get("responsible_user")}
    if responsible:
        allowed = set(selectors.action_point_users(plan.case))
        if not responsible <= allowed:
            raise RuleViolation(
                "Påminnelsen kan bare gå til sakens koordinator eller saksbehandler, "
                "eller til en deltaker i planen som logger inn her."
            )
    meeting = Meeting(
        plan=plan,
        held_on=held_on,
        place=place.strip(),
        attendees=attendees,
        agenda=agenda,
        minutes=minutes,
        agreements=agreements,
        next_meeting_on=next_meeting_on,
        next_meeting_at=next_meeting_at,
        recorded_by=by,
    )
    save(meeting, by=by)
    for point in action_points or []:
        save(ActionPoint(meeting=meeting, **point), by=by)
    return meeting


@transaction.atomic
def action_point_set_done(*, action_point: ActionPoint, by, done: bool) -> ActionPoint:
    lock_plan(action_point.meeting.plan)
    action_point.done = done
    save(action_point, by=by, update_fields=["done"])
    return action_point


@transaction.atomic
def evaluation_record(
    *,
    plan: Plan,
    by,
    held_on: datetime.date,
    what_worked: str,
    next_evaluation_on: datetime.date,
    what_changes: str = "",
    today: datetime.date | None = None,
) -> Evaluation:
    """Record an evaluation; its next date becomes the plan's next evaluation."""
    locked = lock_plan(plan)
    today = today_or(today)
    if held_on > today:
        raise RuleViolation("En evaluering kan ikke registreres før den er holdt.")
    problems = rules.next_evaluation_refusals(next_evaluation_on, today, required=True)
    if not problems and next_evaluation_on <= held_on:
        problems = ["Neste evaluering må være etter denne."]
    if problems:
        raise RuleViolation(problems)
    evaluation = Evaluation(
        plan=locked,
        held_on=held_on,
        what_worked=what_worked,
        what_changes=what_changes,
        next_evaluation_on=next_evaluation_on,
        recorded_by=by,
    )
    save(evaluation, by=by)
    locked.next_evaluation_on = next_evaluation_on
    save(locked, by=by, update_fields=["next_evaluation_on", "updated_at"])
    sync(plan, locked)
    return evaluation
