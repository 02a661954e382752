"""Consent on a case: recorded from a registered party, withdrawn, and, for a child with
two holders of parental responsibility, whose consent is missing and why one is enough."""

import datetime

from django.db import transaction
from django.utils import timezone

from cases import rules, selectors
from cases.models import Case, Consent, TimelineEntry
from cases.services import case_transition, timeline_add
from core.errors import RuleViolation
from core.history import save_with_history

S = Case.Status


@transaction.atomic
def consent_record(
    *,
    case: Case,
    by,
    given_by: str,
    given_by_name: str,
    given_on: datetime.date,
    form: str,
    covers_plan: bool = False,
    covers_sharing: bool = False,
    sharing_with: str = "",
    given_by_key: str = "",
    enough_reason: str = "",
    acr: str = "",
) -> Consent:
    """Record a consent; the case goes on to assessment once the consent it needs is there:
    for a child with two holders of parental responsibility, both, or one with the
    caseworker's reason why that is enough (`enough_reason`)."""
    if not case.is_open:
        raise RuleViolation("Samtykke kan ikke registreres på en avsluttet sak.")
    if given_on > timezone.localdate():
        raise RuleViolation("Samtykket kan ikke være gitt fram i tid.")
    scope = rules.consent_scope_refusals(
        covers_plan=covers_plan, covers_sharing=covers_sharing, sharing_with=sharing_with
    )
    if scope:
        raise RuleViolation([message for messages in scope.values() for message in messages])
    consent = Consent(
        case=case,
        given_by=given_by,
        given_by_name=given_by_name,
        given_on=given_on,
        form=form,
        covers_plan=covers_plan,
        covers_sharing=covers_sharing,
        sharing_with=sharing_with,
        given_by_key=given_by_key,
        enough_reason=enough_reason,
        acr=acr,
        noted_by=by,
    )
    consent.full_clean()
    save_with_history(consent, by=by)
    timeline_add(
        case=case,
        kind=TimelineEntry.Kind.SYSTEM,
        text=f"Samtykke registrert ({consent.get_form_display().lower()}, "
        f"{consent.get_given_by_display().lower()}).",
        by=by,
    )
    if case.status in (S.REGISTERED, S.AWAITING_CONSENT) and not _one_short(case):
        case_transition(case=case, to=S.UNDER_ASSESSMENT, by=by, reason="Samtykke er registrert.")
    return consent


def _one_short(case: Case) -> list[str]:
    """Refusals if the case lacks a holder's consent and no one has written why it is enough."""
    holders = selectors.parental_consent_holders(selectors.consent_givers(case))
    reasons = case.consents.in_force().exclude(enough_reason="").exists()
    return rules.single_consent_refusals(
        holders=holders,
        consented_keys=selectors.consented_keys(case),
        reason="given" if reasons else "",
    )


@transaction.atomic
def consent_enough_record(*, case: Case, by, reason: str) -> Consent:
    """Go on with the consents given: the caseworker records why one is enough."""
    if not (reason or "").strip():
        raise RuleViolation("Skriv hvorfor ett samtykke er nok.")
    consent = case.consents.in_force().order_by("-given_on", "-id").first()
    if consent is None:
        raise RuleViolation("Det er ikke registrert noe samtykke ennå.")
    consent.enough_reason = reason
    consent.full_clean()
    save_with_history(consent, by=by, update_fields=["enough_reason"])
    timeline_add(
        case=case,
        kind=TimelineEntry.Kind.SYSTEM,
        text="Saken går videre med samtykke fra én av foreldrene. Begrunnelsen er notert.",
        by=by,
    )
    if case.status in (S.REGISTERED, S.AWAITING_CONSENT):
        case_transition(
            case=case, to=S.UNDER_ASSESSMENT, by=by, reason="Ett samtykke er nok; se begrunnelsen."
        )
    return consent


@transaction.atomic
def consent_withdrawal_record(
    *, consent: Consent, by, withdrawn_on: datetime.date, reason: str = ""
) -> Consent:
    """Withdrawal is recorded, and stops the assessment until new consent.

    Plan work stops too: followup.services.consent_withdraw does both.
    """
    if not consent.in_force:
        raise RuleViolation("Samtykket er allerede trukket tilbake.")
    if withdrawn_on < consent.given_on:
        raise RuleViolation("Et samtykke kan ikke trekkes tilbake før det ble gitt.")
    consent.withdrawn_on = withdrawn_on
    consent.withdrawn_reason = reason
    save_with_history(consent, by=by, update_fields=["withdrawn_on", "withdrawn_reason"])
    case = consent.case
    timeline_add(case=case, kind=TimelineEntry.Kind.SYSTEM, text="Samtykke trukket tilbake.", by=by)
    if case.status in (S.UNDER_ASSESSMENT, S.FOLLOW_UP) and not case.consents.in_force().exists():
        case_transition(
            case=case, to=S.AWAITING_CONSENT, by=by, reason="Samtykket ble trukket tilbake."
        )
    return consent
