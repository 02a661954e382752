"""Who may see a plan, and how much, from the law's age rules. Pure: no database.

From 16 the young person holds the health-law consent and sees their own plan; until
then the parents with parental responsibility see it and decide for the child; after
that, a parent sees only what the young person consents to (pbrl §§ 3-4, 4-3). A
guardian (verge) represents the person they are appointed for at any age.
"""

import datetime

from core.dates import add_years

CONSENT_AGE = 16

OWNER = "owner"
REPRESENTATIVE = "representative"
PARTICIPANT = "participant"

PARENT, GUARDIAN = "parent", "guardian"  # cases.Relation.Role values


def of_consent_age(born_on: datetime.date | None, today: datetime.date) -> bool:
    """An unborn child (no birth date) is not."""
    return born_on is not None and born_on <= add_years(today, -CONSENT_AGE)


def citizen_standing(
    *, is_person: bool, relation_roles: set[str], person_of_age: bool
) -> str | None:
    """How a citizen stands to a plan by law, before any consent: the owner, the owner's
    representative, or neither (then they see it only as a participant, by consent)."""
    if is_person:
        return OWNER if person_of_age else None
    if GUARDIAN in relation_roles:
        return REPRESENTATIVE
    if PARENT in relation_roles and not person_of_age:
        return REPRESENTATIVE
    return None


def access_consent_refusals(
    *, valid_from: datetime.date | None, valid_to: datetime.date | None, today: datetime.date
) -> list[str]:
    """A consent to access has a period that has not already ended."""
    reasons = []
    if valid_from is None or valid_to is None:
        reasons.append("Oppgi hvilken periode tilgangen gjelder.")
    elif valid_to < valid_from:
        reasons.append("Tilgangen kan ikke slutte før den begynner.")
    elif valid_to < today:
        reasons.append("Sluttdatoen for tilgangen kan ikke ligge tilbake i tid.")
    return reasons
