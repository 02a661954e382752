"""What a case and a consent must hold, as Norwegian refusals. Pure.

Forms call these to put the message on the right field; services call them again and
refuse with RuleViolation, so a caller that skips the form is held to the same rules.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from cases.models.case import Case

# pbrl. § 4-3: from 16 the young person gives the health-law consent themselves.
CONSENT_AGE = 16


def requested_service_refusals(
    *, requests_coordinator: bool, requests_child_coordinator: bool, requests_plan: bool
) -> list[str]:
    if requests_coordinator or requests_child_coordinator or requests_plan:
        return []
    return ["Velg minst én tjeneste saken gjelder."]


def notifier_refusals(*, origin: str, notifier_name: str) -> list[str]:
    """A notification from health personnel names who sent it (hpl. § 38 a)."""
    if origin == Case.Origin.NOTIFICATION and not (notifier_name or "").strip():
        return ["En melding fra helsepersonell må ha navnet på den som meldte."]
    return []


def consent_scope_refusals(
    *, covers_plan: bool, covers_sharing: bool, sharing_with: str
) -> dict[str, list[str]]:
    """Field name -> refusals. A consent covers the plan, the sharing, or both."""
    refusals: dict[str, list[str]] = {}
    if not (covers_plan or covers_sharing):
        refusals["covers_plan"] = ["Kryss av for hva samtykket gjelder."]
    if covers_sharing and not (sharing_with or "").strip():
        refusals["sharing_with"] = ["Skriv hvem opplysningene kan deles med."]
    return refusals


def second_open_case_refusals(open_case_numbers: Sequence[str], *, confirmed: bool) -> list[str]:
    """A person with an open case gets no second one by accident (one IP per person)."""
    if not open_case_numbers or confirmed:
        return []
    return [
        f"Personen har allerede en åpen sak ({', '.join(open_case_numbers)}). Bruk den saken, "
        "eller kryss av for «Registrer en ny sak likevel»."
    ]


def holds_own_consent(born_on: datetime.date | None, on: datetime.date) -> bool:
    """From the sixteenth birthday the person consents themselves; an unborn child never."""
    if born_on is None:
        return False
    try:
        birthday = born_on.replace(year=born_on.year + CONSENT_AGE)
    except ValueError:  # born on 29 February
        birthday = born_on.replace(year=born_on.year + CONSENT_AGE, month=3, day=1)
    return birthday <= on


@dataclass(frozen=True)
class ConsentGiver:
    """A registered party who can give the consent (cases.selectors.consent_givers)."""

    key: str  # "person:<id>" or "relation:<id>"
    name: str
    given_by: str  # a Consent.GivenBy value
    role: str  # as the page shows it


def missing_consents(
    holders: Sequence[ConsentGiver], consented_keys: set[str]
) -> list[ConsentGiver]:
    """The holders of parental responsibility whose consent is not recorded."""
    return [holder for holder in holders if holder.key not in consented_keys]


def single_consent_refusals(
    *, holders: Sequence[ConsentGiver], consented_keys: set[str], reason: str
) -> list[str]:
    """A child with two (or more) holders of parental responsibility goes on with fewer
    consents only when the caseworker has written why that is enough."""
    missing = missing_consents(holders, consented_keys)
    if not missing or len(missing) == len(holders) or (reason or "").strip():
        return []
    names = ", ".join(holder.name for holder in missing)
    return [
        f"Samtykke fra {names} er ikke registrert. Skriv hvorfor ett samtykke er nok, "
        "eller vent på samtykke fra begge."
    ]
