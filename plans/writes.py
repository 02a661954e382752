"""What the plan services share when they change a row."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from core.errors import RuleViolation
from core.history import save_with_history
from plans.models import Plan

CLOSED_PLAN = "En avsluttet plan kan ikke endres."


def save(obj, *, by, update_fields=None) -> None:
    """Validate (fields and constraints) and save, with `by` on the history row."""
    try:
        obj.full_clean()
    except ValidationError as error:
        raise RuleViolation(error.messages) from error
    save_with_history(obj, by=by, update_fields=update_fields)


def lock_plan(plan: Plan) -> Plan:
    # Lock the plan row and check its state as stored now: another request may have
    # closed or activated it since this one read it.
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    if locked.is_closed:
        raise RuleViolation(CLOSED_PLAN)
    return locked


def sync(plan: Plan, locked: Plan) -> None:
    for field in locked._meta.concrete_fields:
        setattr(plan, field.attname, getattr(locked, field.attname))


def today_or(today: datetime.date | None) -> datetime.date:
    return today or timezone.localdate()
