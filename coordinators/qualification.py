"""Is a coordinator qualified for a role? Pure: completions + courses + today.

A role is qualified when every course that role requires has a completion that
has not expired. A course with no validity period never expires. A role that
requires no course is always qualified.
"""

import calendar
import datetime
from dataclasses import dataclass

COORDINATOR = "coordinator"
CHILD_COORDINATOR = "child_coordinator"


@dataclass(frozen=True)
class CourseRule:
    id: int
    name: str
    validity_months: int | None = None
    required_for: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Completed:
    course_id: int
    completed_on: datetime.date


@dataclass(frozen=True)
class Qualification:
    role: str
    qualified: bool
    missing: tuple[str, ...] = ()  # required courses never completed
    expired: tuple[tuple[str, datetime.date], ...] = ()  # (course, expired on)
    valid_until: datetime.date | None = None  # the first expiry among required courses

    @property
    def lacking(self) -> tuple[str, ...]:
        """Every required course without a valid completion."""
        return self.missing + tuple(name for name, _ in self.expired)

    @property
    def summary(self) -> str:
        if self.qualified:
            if self.valid_until:
                return f"Gyldig opplæring til {self.valid_until:%d.%m.%Y}."
            return "Gyldig opplæring."
        parts = []
        if self.missing:
            parts.append("Mangler " + ", ".join(self.missing) + ".")
        for name, expired_on in self.expired:
            parts.append(f"{name} gikk ut {expired_on:%d.%m.%Y}.")
        return " ".join(parts)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; the 31st becomes the last day of a shorter month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def expires_on(completed_on: datetime.date, validity_months: int | None) -> datetime.date | None:
    """The first day the completion no longer counts; None if it never expires."""
    if validity_months is None:
        return None
    return add_months(completed_on, validity_months)


def qualification(
    role: str,
    courses: list[CourseRule] | tuple[CourseRule, ...],
    completions: list[Completed] | tuple[Completed, ...],
    today: datetime.date,
) -> Qualification:
    missing: list[str] = []
    expired: list[tuple[str, datetime.date]] = []
    valid_until: list[datetime.date] = []
    for course in courses:
        if role not in course.required_for:
            continue
        done = [c.completed_on for c in completions if c.course_id == course.id]
        done = [d for d in done if d <= today]
        if not done:
            missing.append(course.name)
            continue
        until = expires_on(max(done), course.validity_months)
        if until is not None and until <= today:
            expired.append((course.name, until))
        elif until is not None:
            valid_until.append(until)
    return Qualification(
        role=role,
        qualified=not missing and not expired,
        missing=tuple(missing),
        expired=tuple(expired),
        valid_until=min(valid_until) if valid_until and not (missing or expired) else None,
    )
