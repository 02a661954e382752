from .access_log import AccessLog
from .case import Case, CaseNumberCounter, Consent, TimelineEntry, owes_a_decision
from .citizens import CitizenAccount
from .people import (
    AddressProtection,
    Family,
    FamilyMember,
    Person,
    PersonService,
    Relation,
    Residence,
    Service,
)
from .units import Unit

__all__ = [
    "AccessLog",
    "Case",
    "CaseNumberCounter",
    "CitizenAccount",
    "Consent",
    "Family",
    "FamilyMember",
    "Person",
    "PersonService",
    "Relation",
    "AddressProtection",
    "Residence",
    "Service",
    "TimelineEntry",
    "Unit",
    "owes_a_decision",
]
