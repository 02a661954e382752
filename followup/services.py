"""Use cases that reach across the apps: closing a case, withdrawing consent.

Each runs in one transaction, so a case is never closed with its plan still open, or
its consent withdrawn with the plan still active.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from cases.consents import consent_withdrawal_record
from cases.models import Case, Consent
from cases.services import case_transition
from coordinators.models import Appointment
from coordinators.services import appointment_end
from core.errors import RuleViolation
from core.history import save_with_history
from followup.models import Reminder
from plans.models import Plan
from plans.services import plan_close, plans_suspend_for_withdrawn_consent

# A closed case ends its plan with the nearest of the plan's own reasons.
_PLAN_REASON = {
    Case.ClosedReason.NEED_ENDED: Plan.ClosedReason.NEED_ENDED,
    Case.ClosedReason.PERSONS_WISH: Plan.ClosedReason.PERSONS_WISH,
    Case.ClosedReason.MOVED: Plan.ClosedReason.MOVED,
    Case.ClosedReason.DECEASED: Plan.ClosedReason.NEED_ENDED,
    Case.ClosedReason.WITHDRAWN: Plan.ClosedReason.PERSONS_WISH,
}


@transaction.atomic
def case_close(*, case: Case, by, closed_reason: str, note: str = "") -> Case:
    """Close the case, and with it its open plan and its coordinators' appointments.

    Otherwise a coordinator would keep seeing, and being reminded about, a closed case.
    """
    if not closed_reason:
        raise RuleViolation("Oppgi hvorfor saken avsluttes.")
    case_transition(
        case=case, to=Case.Status.CLOSED, by=by, reason=note, closed_reason=closed_reason
    )
    plan = Plan.objects.filter(case=case).exclude(status=Plan.Status.CLOSED).first()
    if plan is not None:
        plan_close(
            plan=plan, by=by, closed_reason=_PLAN_REASON[closed_reason], note="Saken er avsluttet."
        )
    today = timezone.localdate()
    for appointment in Appointment.objects.filter(case=case, ended_on__isnull=True):
        if appointment.started_on <= today:
            appointment_end(
                appointment=appointment, by=by, ended_on=today, reason="Saken er avsluttet."
            )
        else:
            # Never started: it ends on the day it would have begun.
            appointment.ended_on = appointment.started_on
            appointment.end_reason = "Saken ble avsluttet før oppnevningen begynte."
            save_with_history(appointment, by=by, update_fields=["ended_on", "end_reason"])
    return case


@transaction.atomic
def consent_withdraw(
    *, consent: Consent, by, withdrawn_on: datetime.date, reason: str = ""
) -> Consent:
    """Withdrawal stops the assessment and the plan work until new consent is given."""
    consent_withdrawal_record(consent=consent, by=by, withdrawn_on=withdrawn_on, reason=reason)
    plans_suspend_for_withdrawn_consent(case=consent.case, by=by)
    return consent


def reminder_close(*, reminder: Reminder) -> Reminder:
    reminder.done_at = timezone.now()
    reminder.save(update_fields=["done_at"])
    return reminder
