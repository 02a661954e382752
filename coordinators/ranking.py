"""Ranked coordinator suggestions for a case. Pure: plain data in, reasons out.

Order: the person the applicant asked for; then coordinators from the service
area that fits the person's age and phase of life (or, for a heavy user of
health and care services, the area they get most services from); then the rest.
Inside each group: qualified before unqualified, lower load before higher.
Anyone who cannot be appointed (inactive, or a barnekoordinator without the
training) comes after everyone who can, except the applicant's own wish. The
coordinator being replaced is not suggested as their own replacement.

Each reason says something true of the candidate it stands beside, in plain words;
another area is named as a better fit only where someone there can be appointed.
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from coordinators.qualification import CHILD_COORDINATOR

HELSESTASJON = "helsestasjon"
BARNEHAGE = "barnehage"
GRUNNSKOLE = "grunnskole"
HELSE_OG_OMSORG = "helse-og-omsorg"

DEFAULT_AREA_NAMES = {
    HELSESTASJON: "Helsestasjon",
    BARNEHAGE: "Barnehage",
    GRUNNSKOLE: "Grunnskole",
    HELSE_OG_OMSORG: "Helse og omsorg",
}

# A heavy user receives at least this many health and care services.
HEAVY_USER_MIN_SERVICES = 3
KINDERGARTEN_AGE = 1
SCHOOL_AGE = 6
UPPER_SECONDARY_AGE = 16
ADULT_AGE = 19


@dataclass(frozen=True)
class Area:
    slug: str
    name: str


@dataclass(frozen=True)
class ReceivedService:
    name: str
    health_and_care: bool
    areas: tuple[Area, ...] = ()  # the service areas that provide it


@dataclass(frozen=True)
class PersonFacts:
    today: datetime.date
    born_on: datetime.date | None = None
    expected_on: datetime.date | None = None
    services: tuple[ReceivedService, ...] = ()  # services the person receives now


@dataclass(frozen=True)
class Candidate:
    id: int
    name: str
    area: Area
    active_cases: int
    capacity: int
    qualified: bool
    lacking_training: tuple[str, ...] = ()
    can_take_child_cases: bool = False
    active: bool = True

    @property
    def load(self) -> float:
        return self.active_cases / self.capacity if self.capacity else float("inf")

    @property
    def over_capacity(self) -> bool:
        """Taking one more case would exceed the capacity."""
        return self.active_cases >= self.capacity


@dataclass(frozen=True)
class AreaFit:
    area: Area
    why: str  # completes «… passer for <why>»


@dataclass(frozen=True)
class Suggestion:
    candidate: Candidate
    rank: int
    wished: bool
    area_fits: bool
    appointable: bool
    reasons: tuple[str, ...]

    @property
    def reason_text(self) -> str:
        return " ".join(self.reasons)


def age_in_years(born_on: datetime.date, today: datetime.date) -> int:
    before_birthday = (today.month, today.day) < (born_on.month, born_on.day)
    return today.year - born_on.year - before_birthday


def _heavy_use_area(person: PersonFacts) -> AreaFit | None:
    health = [s for s in person.services if s.health_and_care]
    if len(health) < HEAVY_USER_MIN_SERVICES:
        return None
    counts = Counter(area for s in health for area in s.areas).most_common()
    # No single area gives the most services: the age rule decides instead.
    if not counts or (len(counts) > 1 and counts[0][1] == counts[1][1]):
        return None
    area, n = counts[0]
    return AreaFit(
        area,
        f"en som får mange helse- og omsorgstjenester, flest fra {area.name} "
        f"({n} av {len(health)} tjenester)",
    )


def fitting_area(person: PersonFacts, area_names: dict[str, str] | None = None) -> AreaFit:
    """The service area that fits the person best, and why."""
    names = {**DEFAULT_AREA_NAMES, **(area_names or {})}

    def fit(slug: str, why: str) -> AreaFit:
        return AreaFit(Area(slug, names[slug]), why)

    heavy = _heavy_use_area(person)
    if heavy is not None:
        return heavy
    if person.born_on is None:
        return fit(HELSESTASJON, "et ufødt barn")
    age = age_in_years(person.born_on, person.today)
    if age < KINDERGARTEN_AGE:
        return fit(HELSESTASJON, f"et barn under barnehagealder ({age} år)")
    if age < SCHOOL_AGE:
        return fit(BARNEHAGE, f"et barn i barnehagealder ({age} år)")
    if age < UPPER_SECONDARY_AGE:
        return fit(GRUNNSKOLE, f"et barn i grunnskolealder ({age} år)")
    if age < ADULT_AGE:
        return fit(HELSE_OG_OMSORG, f"en ungdom i videregående alder ({age} år)")
    return fit(HELSE_OG_OMSORG, f"en voksen ({age} år)")


def _blocked(candidate: Candidate, kind: str) -> str:
    """Why the candidate cannot be appointed, or ''."""
    if not candidate.active:
        return "Er ikke aktiv og kan ikke oppnevnes."
    if kind == CHILD_COORDINATOR and not candidate.can_take_child_cases:
        return "Tar ikke barnekoordinatorsaker og kan ikke oppnevnes."
    if kind == CHILD_COORDINATOR and not candidate.qualified:
        return "Mangler opplæring for barnekoordinator og kan ikke oppnevnes."
    return ""


def _reasons(candidate, *, kind, wished, fit, blocked, fit_open) -> tuple[str, ...]:
    """`fit_open`: someone in the fitting area can be appointed, so it may be pointed to."""
    reasons = []
    if wished:
        reasons.append("Søkeren ønsket denne koordinatoren.")
    if candidate.area.slug == fit.area.slug:
        reasons.append(f"Fra {fit.area.name}, som passer for {fit.why}.")
    elif fit_open:
        reasons.append(f"Fra {candidate.area.name}; {fit.area.name} passer bedre for {fit.why}.")
    else:
        reasons.append(f"Fra {candidate.area.name}.")
    if candidate.qualified:
        reasons.append("Har gyldig opplæring.")
    else:
        lacking = ", ".join(candidate.lacking_training) or "opplæring"
        note = "" if kind == CHILD_COORDINATOR else " Må meldes på opplæring ved oppnevning."
        reasons.append(f"Mangler gyldig opplæring: {lacking}.{note}")
    if candidate.over_capacity:
        reasons.append(
            f"Full kapasitet: {candidate.active_cases} av {candidate.capacity} saker. "
            "Oppnevning krever begrunnelse."
        )
    else:
        reasons.append(f"Har {candidate.active_cases} av {candidate.capacity} saker.")
    if blocked:
        reasons.append(blocked)
    return tuple(reasons)


def rank(
    *,
    kind: str,
    person: PersonFacts,
    candidates: list[Candidate] | tuple[Candidate, ...],
    wished_id: int | None = None,
    area_names: dict[str, str] | None = None,
    replacing_id: int | None = None,
    limit: int | None = None,
    name: str = "",
) -> list[Suggestion]:
    """Suggestions best first. Inactive coordinators, and for a barnekoordinator those
    who do not take child cases, are left out unless the applicant asked for them; the
    coordinator being replaced (`replacing_id`) is left out always.

    With `name`, only those whose name has it in it, keeping their rank among all; with
    `limit`, the first so many (the reasons are written only for those returned).
    """
    fit = fitting_area(person, area_names)
    candidates = [c for c in candidates if c.id != replacing_id]
    fit_open = any(c.area.slug == fit.area.slug and not _blocked(c, kind) for c in candidates)
    keyed = []
    for c in candidates:
        wished = c.id == wished_id
        blocked = _blocked(c, kind)
        if not c.active and not wished:
            continue
        if kind == CHILD_COORDINATOR and not c.can_take_child_cases and not wished:
            continue
        group = 0 if wished else 1 if c.area.slug == fit.area.slug else 2
        # The wish first even if it cannot be followed, so the caseworker sees why;
        # then everyone who can be appointed; those who cannot come last.
        key = (not wished, bool(blocked), group, not c.qualified, c.load, c.active_cases, c.name)
        keyed.append((key, c, wished, blocked))
    keyed.sort(key=lambda item: item[0])
    numbered = list(enumerate(keyed, start=1))
    if name:
        numbered = [(i, item) for i, item in numbered if name.lower() in item[1].name.lower()]
    if limit is not None:
        numbered = numbered[:limit]
    return [
        Suggestion(
            candidate=c,
            rank=i,
            wished=wished,
            area_fits=c.area.slug == fit.area.slug,
            appointable=not blocked,
            reasons=_reasons(
                c, kind=kind, wished=wished, fit=fit, blocked=blocked, fit_open=fit_open
            ),
        )
        for i, (_, c, wished, blocked) in numbered
    ]
