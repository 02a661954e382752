"""The facts an eligibility assessment is made from, and their JSON form.

`parse_facts` checks untrusted JSON and collects every problem as a Norwegian
message prefixed by the field path, so a caseworker can fix all fields at once.
"""

import re
from dataclasses import dataclass, field, fields
from datetime import date
from enum import StrEnum

from cases.vocabulary import ServiceKind


class Category(StrEnum):
    MUNICIPAL_HEALTH_CARE = "municipal_health_care"
    SPECIALIST_HEALTH_CARE = "specialist_health_care"
    MENTAL_HEALTH_CARE = "mental_health_care"
    WELFARE = "welfare"


HEALTH_AND_CARE = frozenset(
    {Category.MUNICIPAL_HEALTH_CARE, Category.SPECIALIST_HEALTH_CARE, Category.MENTAL_HEALTH_CARE}
)


class ServiceStatus(StrEnum):
    RECEIVED = "received"
    APPLIED = "applied"
    EXPECTED = "expected"


@dataclass(frozen=True)
class Person:
    born_on: date | None
    expected_on: date | None
    stays_in_municipality: bool


@dataclass(frozen=True)
class Consent:
    plan: bool | None = None
    participant_access: bool | None = None


@dataclass(frozen=True)
class Service:
    name: str
    category: Category
    status: ServiceStatus


@dataclass(frozen=True)
class Judgements:
    """Caseworker answers to the discretionary questions; None means not answered yet."""

    long_term: bool | None = None
    coordinated: bool | None = None
    current_need: bool | None = None
    serious_condition: bool | None = None
    participation: bool | None = None


JUDGEMENT_KEYS = tuple(f.name for f in fields(Judgements))


@dataclass(frozen=True)
class Facts:
    assessed_on: date
    person: Person
    requested: frozenset[ServiceKind] = frozenset()
    consent: Consent = field(default_factory=Consent)
    services: tuple[Service, ...] = ()
    function_level: int | None = None
    rare_diagnosis: bool = False
    judgements: Judgements = field(default_factory=Judgements)


class FactsError(ValueError):
    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_REQUIRED = object()


class _Reader:
    """Reads decoded JSON field by field, collecting errors instead of raising."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def error(self, path: str, message: str) -> None:
        self.errors.append(f"{path}: {message}")

    def read_object(
        self, value: object, path: str, cls: type, unknown: str = "ukjent felt"
    ) -> dict | None:
        """Value if it is an object holding only fields of dataclass `cls`, else None."""
        if value is _REQUIRED:
            self.error(path, "mangler")
            return None
        if not isinstance(value, dict):
            self.error(path, "må være et objekt")
            return None
        allowed = {f.name for f in fields(cls)}
        for key in value:
            if key not in allowed:
                self.error(f"{path}.{key}" if path else str(key), unknown)
        return value

    def read_list(self, data: dict, key: str) -> list:
        value = data.get(key, [])
        if not isinstance(value, list):
            self.error(key, "må være en liste")
            return []
        return value

    def read_date(self, data: dict, key: str, path: str, *, required: bool = False):
        value = data.get(key)
        if value is None:
            if required:
                self.error(path, "mangler")
            return None
        if isinstance(value, str) and _ISO_DATE.fullmatch(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        self.error(path, f"ugyldig dato {value!r}, forventet ÅÅÅÅ-MM-DD")
        return None

    def read_bool(self, data: dict, key: str, path: str, *, default: object = _REQUIRED):
        """A bool; null is allowed only where the field has a None default."""
        value = data.get(key, default)
        if value is _REQUIRED:
            self.error(path, "mangler")
        elif isinstance(value, bool) or (value is None and default is None):
            return value
        else:
            either = "true, false eller null" if default is None else "true eller false"
            self.error(path, f"må være {either}")
        return None

    def read_choice(self, data: dict, key: str, path: str, enum: type[StrEnum], label: str):
        value = data.get(key)
        if value is None:
            self.error(path, "mangler")
            return None
        try:
            return enum(value)
        except ValueError:
            self.error(path, f"ukjent {label} {value!r}")
            return None


def parse_facts(data: object) -> Facts:
    """Build Facts from decoded JSON, or raise FactsError listing every wrong field."""
    r = _Reader()
    if not isinstance(data, dict):
        raise FactsError(["(rot): må være et objekt"])
    r.read_object(data, "", Facts)

    assessed_on = r.read_date(data, "assessed_on", "assessed_on", required=True)

    requested = []
    for i, value in enumerate(r.read_list(data, "requested")):
        try:
            requested.append(ServiceKind(value))
        except ValueError:
            r.error(f"requested[{i}]", f"ukjent tjeneste {value!r}")

    person = None
    person_data = r.read_object(data.get("person", _REQUIRED), "person", Person)
    if person_data is not None:
        person = Person(
            born_on=r.read_date(person_data, "born_on", "person.born_on"),
            expected_on=r.read_date(person_data, "expected_on", "person.expected_on"),
            stays_in_municipality=r.read_bool(
                person_data, "stays_in_municipality", "person.stays_in_municipality"
            ),
        )

    consent_data = r.read_object(data.get("consent", {}), "consent", Consent) or {}
    consent = Consent(
        plan=r.read_bool(consent_data, "plan", "consent.plan", default=None),
        participant_access=r.read_bool(
            consent_data, "participant_access", "consent.participant_access", default=None
        ),
    )

    services = []
    for i, value in enumerate(r.read_list(data, "services")):
        path = f"services[{i}]"
        item = r.read_object(value, path, Service)
        if item is None:
            continue
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            r.error(f"{path}.name", "mangler" if name is None else "må være en ikke-tom tekst")
        category = r.read_choice(item, "category", f"{path}.category", Category, "kategori")
        status = r.read_choice(item, "status", f"{path}.status", ServiceStatus, "status")
        services.append(Service(name=name, category=category, status=status))

    function_level = data.get("function_level")
    if function_level is not None and (
        isinstance(function_level, bool)
        or not isinstance(function_level, int)
        or not 1 <= function_level <= 5
    ):
        r.error(
            "function_level", f"ugyldig funksjonsnivå {function_level!r}, forventet 1–5 eller null"
        )

    rare_diagnosis = r.read_bool(data, "rare_diagnosis", "rare_diagnosis", default=False)

    judgement_data = (
        r.read_object(
            data.get("judgements", {}), "judgements", Judgements, unknown="ukjent vurdering"
        )
        or {}
    )
    judgements = Judgements(
        **{
            key: r.read_bool(judgement_data, key, f"judgements.{key}", default=None)
            for key in JUDGEMENT_KEYS
        }
    )

    if r.errors:
        raise FactsError(r.errors)
    return Facts(
        assessed_on=assessed_on,
        requested=frozenset(requested),
        person=person,
        consent=consent,
        services=tuple(services),
        function_level=function_level,
        rare_diagnosis=rare_diagnosis,
        judgements=judgements,
    )


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def facts_to_dict(facts: Facts) -> dict:
    """The JSON-able form of Facts; `parse_facts(facts_to_dict(f)) == f`."""
    return {
        "assessed_on": facts.assessed_on.isoformat(),
        "requested": [kind.value for kind in ServiceKind if kind in facts.requested],
        "person": {
            "born_on": _iso(facts.person.born_on),
            "expected_on": _iso(facts.person.expected_on),
            "stays_in_municipality": facts.person.stays_in_municipality,
        },
        "consent": {
            "plan": facts.consent.plan,
            "participant_access": facts.consent.participant_access,
        },
        "services": [
            {"name": s.name, "category": s.category.value, "status": s.status.value}
            for s in facts.services
        ],
        "function_level": facts.function_level,
        "rare_diagnosis": facts.rare_diagnosis,
        "judgements": {
            key: answer
            for key in JUDGEMENT_KEYS
            if (answer := getattr(facts.judgements, key)) is not None
        },
    }
