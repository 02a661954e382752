"""Small builders for eligibility facts: a default that qualifies, changed one fact at a time."""

from datetime import date

from cases.vocabulary import ServiceKind
from eligibility.facts import (
    Category,
    Consent,
    Facts,
    Judgements,
    Person,
    Service,
    ServiceStatus,
)

TODAY = date(2026, 11, 23)
ADULT = date(1980, 5, 17)
CHILD = date(2016, 1, 20)

ALL_YES = {
    "long_term": True,
    "coordinated": True,
    "current_need": True,
    "serious_condition": True,
    "participation": True,
}


def municipal(status=ServiceStatus.RECEIVED, name="Hjemmesykepleie") -> Service:
    return Service(name, Category.MUNICIPAL_HEALTH_CARE, ServiceStatus(status))


def specialist(status=ServiceStatus.RECEIVED, name="HABU") -> Service:
    return Service(name, Category.SPECIALIST_HEALTH_CARE, ServiceStatus(status))


def mental(status=ServiceStatus.RECEIVED, name="DPS poliklinikk") -> Service:
    return Service(name, Category.MENTAL_HEALTH_CARE, ServiceStatus(status))


def welfare(status=ServiceStatus.RECEIVED, name="Spesialundervisning") -> Service:
    return Service(name, Category.WELFARE, ServiceStatus(status))


# Two municipal health services and a welfare service: enough for koordinator and plan.
ADULT_SERVICES = (municipal(), municipal(name="Ergoterapi"), welfare())


def make_facts(
    *,
    assessed_on: date = TODAY,
    requested=tuple(ServiceKind),
    born_on: date | None = ADULT,
    expected_on: date | None = None,
    stays_in_municipality: bool = True,
    plan_consent: bool | None = True,
    participant_access: bool | None = True,
    services=ADULT_SERVICES,
    function_level: int | None = None,
    rare_diagnosis: bool = False,
    **answers: bool | None,
) -> Facts:
    """Facts where everything asked for qualifies, apart from what the caller changes.

    Judgements default to yes; pass e.g. `long_term=None` for an unanswered one.
    """
    return Facts(
        assessed_on=assessed_on,
        requested=frozenset(ServiceKind(o) for o in requested),
        person=Person(born_on, expected_on, stays_in_municipality),
        consent=Consent(plan_consent, participant_access),
        services=tuple(services),
        function_level=function_level,
        rare_diagnosis=rare_diagnosis,
        judgements=Judgements(**{**ALL_YES, **answers}),
    )


def child(**changes) -> Facts:
    """A child with one health and one welfare service, asking for barnekoordinator."""
    return make_facts(
        **{
            "born_on": CHILD,
            "requested": [ServiceKind.CHILD_COORDINATOR],
            "services": (municipal(name="Fysioterapi"), welfare()),
            **changes,
        }
    )
