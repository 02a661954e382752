"""Which services of a case have a sent decision, kept on the case as one flag each
(Case.DECIDED_FIELDS), so "owes a decision" (cases.models.owes_a_decision) is a filter on
the case row that a partial index serves.

A decision goes draft -> awaiting approval -> sent -> final or appealed, and an appealed
one goes back to sent or final; it is never deleted, and a complaint that is upheld adds
a new draft beside it. So once a decision on a service is sent the flag stays true, and
the one place that sends (delivery.decision_send) sets it, in the same transaction. The
daily scan `decided_flags_repair` puts right any flag that disagrees with the decisions.
"""

from django.db.models import Exists, OuterRef, Q

from cases.models import Case
from decisions.models import Decision


def case_mark_decided(*, case: Case, services) -> None:
    """The case has a sent decision on each of `services`: set their flags on its row (and
    on the instance, so a later save of it does not put them back)."""
    fields = {Case.DECIDED_FIELDS[service]: True for service in services}
    if fields:
        Case.objects.filter(pk=case.pk).update(**fields)
        for name, value in fields.items():
            setattr(case, name, value)


def _sent(service) -> Exists:
    # Served by the partial index decision_sent_by_case (case, service) on sent decisions.
    return Exists(
        Decision.objects.filter(
            case=OuterRef("pk"), service=service, status__in=Decision.SENT_STATUSES
        )
    )


def decided_flags_wrong(cases=None):
    """(service, cases whose flag for it disagrees with the decisions), for each service."""
    # One pass over the cases against a hash of the sent decisions' case ids (from
    # decision_sent_by_case): about half a second a service at 100,000 cases, once a day.
    cases = (cases if cases is not None else Case.objects.all()).order_by()
    for service, flag in Case.DECIDED_FIELDS.items():
        yield service, cases.filter(~Q(**{flag: _sent(service)}))


def decided_flags_repair(cases=None) -> int:
    """Set every flag to what the decisions say, one UPDATE per service; the number of
    cases changed. Also the backfill: on a fresh column every sent decision is a repair.

    Run by the daily scan. A decision sent while it runs may, in a rare race, be read as
    unsent under the new flag; the next run puts that right.
    """
    repaired = 0
    for service, wrong in decided_flags_wrong(cases):
        repaired += wrong.update(**{Case.DECIDED_FIELDS[service]: _sent(service)})
    return repaired
