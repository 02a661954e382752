"""The KE units of the municipality: which a user belongs to, the default, the letterhead.

A small municipality has one unit, the default, and nothing about units shows. A large
one splits its KE by district or age group (cases.models.Unit): a case belongs to one
unit, its caseworkers see its cases (cases.scoping), its letterhead heads the letters.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, Q, QuerySet

from cases.models import Case, Unit
from core.subqueries import OneValueSubquery
from core.text import in_text


def default_unit() -> Unit:
    """The default unit, made from the settings if it is missing (a flushed test database;
    the migration makes it in a real one)."""
    unit = Unit.objects.filter(is_default=True).first()
    if unit is None:
        unit, _ = Unit.objects.get_or_create(
            name=settings.KE_UNIT_NAME,
            defaults={"kind": Unit.Kind.MUNICIPALITY, "is_default": True},
        )
    return unit


def ensure_default_unit(using="default", **kwargs) -> None:
    """post_migrate: there is always a default unit (a flush empties the table)."""
    from django.db import connections

    # Not there when migrating back past the units.
    if Unit._meta.db_table in connections[using].introspection.table_names():
        default_unit()


def units_of(user) -> QuerySet:
    """The units a staff member belongs to; with none, the default unit.

    One subquery, no query of its own: it goes into the case scope's WHERE clause.
    """
    return _units_of_user_id(user.pk)


def _units_of_user_id(user_id: int) -> QuerySet:
    Membership = Unit.staff.through
    memberships = Membership.objects.filter(user_id=user_id)
    return Unit.objects.filter(
        Q(pk__in=memberships.values("unit_id")) | Q(Q(is_default=True) & ~Exists(memberships))
    )


# The case scope's form of units_of, compiled once (core.subqueries).
unit_ids_of = OneValueSubquery(lambda user_id: _units_of_user_id(user_id).order_by().values("pk"))


def home_unit(user) -> Unit:
    """Where a case the user registers goes when no unit is chosen: their first unit."""
    return units_of(user).order_by("-is_default", "name").first() or default_unit()


def has_several_units() -> bool:
    return Unit.objects.count() > 1


def unit_choices(user) -> QuerySet:
    """The units a user may put a case in: every unit for a leader, else their own."""
    from cases.scoping import sees_all_units

    units = Unit.objects.all() if sees_all_units(user) else units_of(user)
    return units.order_by("-is_default", "name")


def is_in_unit(user, unit) -> bool:
    return units_of(user).filter(pk=unit.pk).exists()


@transaction.atomic
def unit_make_default(*, unit: Unit) -> Unit:
    """Make `unit` the default; the one before stops being it (one default, always)."""
    Unit.objects.select_for_update().filter(is_default=True).exclude(pk=unit.pk).update(
        is_default=False
    )
    unit.is_default = True
    unit.save(update_fields=["is_default"])
    return unit


# --- The letterhead --------------------------------------------------------------------


@dataclass(frozen=True)
class Letterhead:
    municipality: str
    unit: str
    address: str
    phone: str
    email: str

    @property
    def contact_details(self) -> str:
        return f"Telefon {self.phone}, e-post {self.email}"

    @property
    def unit_in_text(self) -> str:
        """The unit's name inside a sentence: "koordinerende enhet, bydel Frogner"."""
        return in_text(self.unit)


def letterhead_of(unit: Unit | None) -> Letterhead:
    """The unit's letterhead; each field it leaves blank from the settings."""
    return Letterhead(
        municipality=settings.MUNICIPALITY_NAME,
        unit=(unit.name if unit else "") or settings.KE_UNIT_NAME,
        address=(unit.address if unit else "") or settings.KE_ADDRESS,
        phone=(unit.phone if unit else "") or settings.KE_PHONE,
        email=(unit.email if unit else "") or settings.KE_EMAIL,
    )


def letterhead_for(case: Case) -> Letterhead:
    """The letterhead of the case's unit: its letters, its plan PDF, where complaints go."""
    return letterhead_of(case.unit)
