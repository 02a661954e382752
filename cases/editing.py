"""Correcting a person, their relations and their services after registration.

Each edit is saved only if nobody changed the same fields since the form was opened
(core.locking), with the acting user on the history row, and noted in the case journal
by field name only: the journal says what was corrected, the history keeps the values.
"""

from django.db import IntegrityError, transaction

from cases import national_id
from cases.models import Case, Person, PersonService, Relation, TimelineEntry
from cases.services import timeline_add
from core.errors import RuleViolation
from core.history import delete_with_history, save_with_history
from core.locking import refuse_if_changed

PERSON_FIELDS = (
    "given_name",
    "family_name",
    "national_id",
    "born_on",
    "expected_on",
    "residence",
    "address",
    "postal_code",
    "postal_town",
    "email",
    "phone",
    "language",
    "needs_interpreter",
)
RELATION_FIELDS = ("name", "role", "national_id", "phone", "email", "address")
PERSON_SERVICE_FIELDS = ("provider", "status", "since", "long_term")

STALE = (
    "{what} ble endret av noen andre etter at du åpnet skjemaet. Endringene dine er ikke "
    "lagret, men står i skjemaet nedenfor. Se over det som nå er lagret, og lagre igjen "
    "hvis endringene dine skal gjelde."
)


def _check_fields(fields: dict, allowed: tuple) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")


def _changed(locked, fields: dict) -> list[str]:
    return [name for name, value in fields.items() if getattr(locked, name) != value]


def _labels(model, names) -> str:
    return ", ".join(str(model._meta.get_field(name).verbose_name) for name in names)


def _note(case: Case | None, text: str, by) -> None:
    if case is not None:
        timeline_add(case=case, kind=TimelineEntry.Kind.SYSTEM, text=text, by=by)


@transaction.atomic
def person_update(
    *, person: Person, by, expected_stamp: str | None, case: Case | None = None, **fields
) -> Person:
    """Correct the person's name, number, birth or due date, address and contact details."""
    _check_fields(fields, PERSON_FIELDS)
    locked = Person.objects.select_for_update().get(pk=person.pk)
    refuse_if_changed(
        locked, fields, expected_stamp, message=STALE.format(what="Personopplysningene")
    )
    if "national_id" in fields:
        fields["national_id"] = fields["national_id"] or None
        if fields["national_id"]:
            try:
                fields["national_id"] = national_id.validate(fields["national_id"])
            except national_id.InvalidNationalId as error:
                raise RuleViolation(str(error)) from None
        elif locked.national_id:
            raise RuleViolation(
                "Et registrert fødselsnummer kan rettes, men ikke fjernes. "
                "Skriv det riktige nummeret."
            )
    edited = _changed(locked, fields)
    if not edited:
        return locked
    for name in edited:
        setattr(locked, name, fields[name])
    number = locked.national_id
    if number and Person.objects.exclude(pk=locked.pk).filter(national_id=number).exists():
        raise RuleViolation(
            "Et annet personregister har dette fødselsnummeret. Sjekk nummeret; "
            "er det samme person, må registrene slås sammen av en administrator."
        )
    # Person.clean() derives the birth date from the number and drops a due date.
    locked.full_clean()
    try:
        with transaction.atomic():
            save_with_history(locked, by=by, update_fields=[*PERSON_FIELDS, "updated_at"])
    except IntegrityError:
        raise RuleViolation("Fødselsnummeret ble nettopp registrert på en annen person.") from None
    _note(case, f"Personopplysninger rettet: {_labels(Person, edited)}.", by)
    return locked


@transaction.atomic
def relation_update(
    *, relation: Relation, by, expected_stamp: str | None, case: Case | None = None, **fields
) -> Relation:
    """Correct a parent's, guardian's or next of kin's details."""
    _check_fields(fields, RELATION_FIELDS)
    locked = Relation.objects.select_for_update().get(pk=relation.pk)
    refuse_if_changed(locked, fields, expected_stamp, message=STALE.format(what="Relasjonen"))
    if fields.get("national_id"):
        try:
            fields["national_id"] = national_id.validate(fields["national_id"])
        except national_id.InvalidNationalId as error:
            raise RuleViolation(str(error)) from None
    edited = _changed(locked, fields)
    if not edited:
        return locked
    for name in edited:
        setattr(locked, name, fields[name])
    locked.full_clean()
    save_with_history(locked, by=by, update_fields=edited)
    _note(case, f"{locked.get_role_display()} rettet: {_labels(Relation, edited)}.", by)
    return locked


@transaction.atomic
def relation_remove(*, relation: Relation, by, case: Case | None = None) -> None:
    role = relation.get_role_display()
    delete_with_history(relation, by=by)
    _note(case, f"{role} fjernet.", by)


@transaction.atomic
def person_service_update(
    *, record: PersonService, by, expected_stamp: str | None, case: Case | None = None, **fields
) -> PersonService:
    """Correct who provides a service, its status, since when and whether it is long-term."""
    _check_fields(fields, PERSON_SERVICE_FIELDS)
    locked = PersonService.objects.select_for_update().select_related("service").get(pk=record.pk)
    refuse_if_changed(locked, fields, expected_stamp, message=STALE.format(what="Tjenesten"))
    edited = _changed(locked, fields)
    if not edited:
        return locked
    for name in edited:
        setattr(locked, name, fields[name])
    locked.full_clean()
    save_with_history(locked, by=by, update_fields=[*edited, "updated_at"])
    _note(case, f"Tjeneste endret: {locked.service} ({_labels(PersonService, edited)}).", by)
    return locked


@transaction.atomic
def person_service_remove(*, record: PersonService, by, case: Case | None = None) -> None:
    """Remove a service registered by mistake or no longer received.

    Stored assessments keep their own copy of the services they counted, so removing one
    changes no assessment or decision already made; the next assessment counts without it.
    """
    name = str(record.service)
    delete_with_history(record, by=by)
    _note(case, f"Tjeneste fjernet: {name}.", by)
