"""Every change to coordinators, their training and their appointments goes through here."""

import datetime
import logging

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cases.models import Case, TimelineEntry
from cases.roles import Role
from cases.services import case_transition, timeline_add
from coordinators import selectors
from coordinators.models import (
    Appointment,
    Attendance,
    Coordinator,
    CoordinatorWish,
    TrainingSession,
)
from core.errors import RuleViolation, StaleEdit
from core.history import delete_with_history, save_with_history
from core.locking import edit_stamp, refuse_if_changed

logger = logging.getLogger(__name__)

# Which granted decision an appointment of each kind needs.
GRANT_FOR_KIND = Appointment.SERVICE_FOR_KIND


# --- The registry --------------------------------------------------------------------------


WISH_FIELDS = ("coordinator", "description")
COORDINATOR_FIELDS = (
    "profession",
    "workplace",
    "service_area",
    "capacity",
    "can_take_child_cases",
    "active",
)


@transaction.atomic
def coordinator_create(*, user, by, **fields) -> Coordinator:
    if Coordinator.objects.filter(user=user).exists():
        raise RuleViolation("Brukeren er allerede registrert som koordinator.")
    if not user.is_active:
        raise RuleViolation("Brukeren er deaktivert og kan ikke registreres som koordinator.")
    coordinator = Coordinator(user=user, **fields)
    coordinator.full_clean()
    save_with_history(coordinator, by=by)
    # Coordinators log in to see their own plans; the role gives exactly that.
    user.groups.add(Group.objects.get_or_create(name=Role.COORDINATOR.label)[0])
    return coordinator


@transaction.atomic
def coordinator_update(
    *, coordinator: Coordinator, by, expected_stamp: str | None = None, **fields
) -> Coordinator:
    unknown = set(fields) - set(COORDINATOR_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    locked = Coordinator.objects.select_for_update().get(pk=coordinator.pk)
    refuse_if_changed(
        locked,
        COORDINATOR_FIELDS,
        expected_stamp,
        message="Koordinatoren ble endret av noen andre etter at du åpnet skjemaet. "
        "Endringene dine er ikke lagret, men står i skjemaet nedenfor. Se over og lagre igjen.",
    )
    if locked.active and fields.get("active") is False:
        held = locked.appointments.filter(ended_on__isnull=True).count()
        if held:
            raise RuleViolation(
                f"{locked} har {held} aktive oppnevninger. Oppnevn en annen koordinator i "
                "sakene før du setter vedkommende som inaktiv."
            )
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.full_clean()
    save_with_history(locked, by=by, update_fields=list(fields))
    return locked


# --- The applicant's wish ------------------------------------------------------------------


@transaction.atomic
def wish_record(
    *,
    case: Case,
    by,
    coordinator: Coordinator | None = None,
    description: str = "",
    expected_stamp: str | None = None,
) -> CoordinatorWish | None:
    """Record who the applicant asked for; with neither field filled in, remove the wish.

    `expected_stamp` is wish_stamp() of the wish the form showed: a wish saved by someone
    else since is not overwritten (StaleEdit).
    """
    description = description.strip()
    # Lock the case: two caseworkers saving a wish at once must not both create one.
    Case.objects.select_for_update().get(pk=case.pk)
    wish = CoordinatorWish.objects.filter(case=case).first()
    if expected_stamp is not None and expected_stamp != wish_stamp(wish):
        raise StaleEdit(
            "Søkers ønske ble endret av noen andre etter at du åpnet siden. Ditt ønske er "
            "ikke lagret, men står i skjemaet. Se over og lagre igjen."
        )
    if coordinator is None and not description:
        if wish is not None:
            delete_with_history(wish, by=by)
            timeline_add(
                case=case,
                kind=TimelineEntry.Kind.SYSTEM,
                text="Søkers ønske om koordinator er fjernet.",
                by=by,
            )
        return None
    wish = wish or CoordinatorWish(case=case)
    wish.coordinator, wish.description, wish.recorded_by = coordinator, description, by
    save_with_history(wish, by=by)
    timeline_add(
        case=case,
        kind=TimelineEntry.Kind.SYSTEM,
        text=f"Søkers ønske om koordinator registrert: {wish.text}.",
        by=by,
    )
    return wish


def wish_stamp(wish: CoordinatorWish | None) -> str:
    return edit_stamp(wish, WISH_FIELDS) if wish is not None else "-"


# --- Appointments --------------------------------------------------------------------------


def _check_training(
    *, coordinator, kind, session: TrainingSession | None, today
) -> tuple[TrainingSession | None, str]:
    """The session to book (if any) and a warning, or RuleViolation."""
    q = selectors.coordinator_qualification(coordinator, kind, today)
    if q.qualified:
        return None, ""
    lacking = ", ".join(q.lacking)
    if kind == Appointment.Kind.CHILD_COORDINATOR:
        raise RuleViolation(
            f"{coordinator} har ikke gyldig opplæring for barnekoordinator. {q.summary} "
            "En barnekoordinator må ha fullført denne opplæringen."
        )
    if session is not None:
        if session.held_on < today:
            raise RuleViolation("Kursdagen du valgte har allerede vært. Velg en kommende kursdag.")
        if session.course.name not in q.lacking:
            raise RuleViolation(
                f"Kursdagen gjelder ikke opplæringen {coordinator} mangler ({lacking})."
            )
        return session, (
            f"{coordinator} er oppnevnt uten gyldig opplæring og er meldt på "
            f"{session.course} {session.held_on:%d.%m.%Y}."
        )
    booked = selectors.upcoming_booking(coordinator, q.lacking, today)
    if booked is not None:
        return None, (
            f"{coordinator} er oppnevnt uten gyldig opplæring og er allerede meldt på "
            f"{booked.session.course} {booked.session.held_on:%d.%m.%Y}."
        )
    raise RuleViolation(
        f"{coordinator} mangler gyldig opplæring for koordinator. {q.summary} Meld "
        "vedkommende på en kursdag samtidig med oppnevningen, eller velg en annen koordinator."
    )


@transaction.atomic
def appointment_create(
    *,
    case: Case,
    coordinator: Coordinator,
    kind: str,
    by,
    started_on: datetime.date | None = None,
    over_capacity_reason: str = "",
    training_session: TrainingSession | None = None,
    replaces: Appointment | None = None,
) -> tuple[Appointment, list[str]]:
    """Appoint a coordinator to a case; returns the appointment and warnings to show.

    `replaces` is the active appointment the caseworker saw and chose to change. If
    the case has another active appointment of this kind (someone appointed one in
    the meantime), nothing changes.
    """
    today = timezone.localdate()
    started_on = started_on or today
    label = Appointment.Kind(kind).label.lower()
    # Lock the case, then the coordinator (always in this order): two caseworkers
    # appointing at once must not give a case two coordinators of one kind, nor
    # push a coordinator over capacity without a reason.
    locked_case = Case.objects.select_for_update().get(pk=case.pk)
    if not locked_case.is_open:
        raise RuleViolation("Saken er avsluttet. Det kan ikke oppnevnes koordinator.")
    from decisions.selectors import granted_services

    if GRANT_FOR_KIND[kind] not in granted_services(locked_case):
        raise RuleViolation(
            f"Saken har ikke et sendt vedtak som innvilger {label}. "
            "Koordinator oppnevnes etter at vedtaket er sendt."
        )
    locked = (
        Coordinator.objects.select_for_update(of=("self",))
        .select_related("user")
        .get(pk=coordinator.pk)
    )
    if not locked.active:
        raise RuleViolation(f"{locked} er ikke aktiv som koordinator og kan ikke oppnevnes.")
    if kind == Appointment.Kind.CHILD_COORDINATOR and not locked.can_take_child_cases:
        raise RuleViolation(f"{locked} tar ikke barnekoordinatorsaker.")

    current = (
        Appointment.objects.filter(case=locked_case, kind=kind, ended_on__isnull=True)
        .select_related("coordinator__user")
        .first()
    )
    if current is not None and current.coordinator_id == locked.pk:
        raise RuleViolation(f"{locked} er allerede oppnevnt som {label} i saken.")
    if current is not None and (replaces is None or replaces.pk != current.pk):
        raise RuleViolation(
            f"Saken har allerede en aktiv {label} ({current.coordinator}). "
            "Last siden på nytt og bruk «Bytt koordinator» hvis koordinatoren skal byttes."
        )
    if current is None and replaces is not None:
        raise RuleViolation(
            "Koordinatoren du ville bytte ut er ikke lenger oppnevnt. Last siden på nytt."
        )
    if current is not None and started_on < current.started_on:
        raise RuleViolation(
            f"Den nye oppnevningen kan ikke starte før den gjeldende startet "
            f"({current.started_on:%d.%m.%Y}): en oppnevning kan ikke avsluttes før den begynte."
        )

    warnings = []
    session, warning = _check_training(
        coordinator=locked, kind=kind, session=training_session, today=today
    )
    if warning:
        warnings.append(warning)

    held = locked.appointments.filter(ended_on__isnull=True).count()
    over_capacity_reason = over_capacity_reason.strip()
    if held >= locked.capacity:
        if not over_capacity_reason:
            raise RuleViolation(
                f"{locked} har allerede {held} saker, og kapasiteten er {locked.capacity}. "
                "Oppgi en begrunnelse for å oppnevne likevel."
            )
        warnings.append(f"{locked} har nå {held + 1} saker, over kapasiteten på {locked.capacity}.")
    else:
        over_capacity_reason = ""

    wish = CoordinatorWish.objects.filter(case=locked_case).first()
    if current is not None:
        current.ended_on = started_on
        current.end_reason = "Ny koordinator oppnevnt."
        save_with_history(current, by=by, update_fields=["ended_on", "end_reason"])
    appointment = Appointment(
        case=locked_case,
        coordinator=locked,
        kind=kind,
        started_on=started_on,
        applicant_wish=wish.text[:200] if wish else "",
        # A wish for someone outside the registry cannot be followed by appointing.
        wish_followed=(wish.coordinator_id == locked.pk) if wish else None,
        over_capacity_reason=over_capacity_reason,
        training_session=session,
        appointed_by=by,
    )
    appointment.full_clean()
    save_with_history(appointment, by=by)
    if session is not None:
        Attendance.objects.get_or_create(
            session=session, coordinator=locked, defaults={"booked_by": by}
        )

    text = f"{Appointment.Kind(kind).label} oppnevnt: {locked} fra {started_on:%d.%m.%Y}."
    if current is not None:
        text += f" Erstatter {current.coordinator}."
    if wish is not None:
        text += (
            " Søkers ønske ble fulgt."
            if appointment.wish_followed
            else (" Søkers ønske ble ikke fulgt.")
        )
    if over_capacity_reason:
        text += f" Over kapasitet, begrunnelse: {over_capacity_reason}"
    timeline_add(case=locked_case, kind=TimelineEntry.Kind.SYSTEM, text=text, by=by)
    if locked_case.status == Case.Status.DECIDED:
        case_transition(
            case=locked_case,
            to=Case.Status.FOLLOW_UP,
            by=by,
            reason="Koordinator er oppnevnt.",
            follow_up_started=True,
        )
        case.status, case.version = locked_case.status, locked_case.version

    from coordinators.tasks import appointment_notify_task

    transaction.on_commit(lambda: appointment_notify_task.delay(appointment.pk))
    return appointment, warnings


@transaction.atomic
def appointment_end(
    *, appointment: Appointment, by, ended_on: datetime.date, reason: str = ""
) -> Appointment:
    locked = (
        Appointment.objects.select_for_update(of=("self",))
        .select_related("coordinator__user")
        .get(pk=appointment.pk)
    )
    if locked.ended_on is not None:
        raise RuleViolation("Oppnevningen er allerede avsluttet.")
    if ended_on < locked.started_on:
        raise RuleViolation(
            f"En oppnevning kan ikke avsluttes før den begynte ({locked.started_on:%d.%m.%Y})."
        )
    if ended_on > timezone.localdate():
        raise RuleViolation("Sluttdatoen kan ikke ligge fram i tid.")
    locked.ended_on = ended_on
    locked.end_reason = reason.strip()[:200]
    save_with_history(locked, by=by, update_fields=["ended_on", "end_reason"])
    text = f"{locked.get_kind_display()} {locked.coordinator} avsluttet {ended_on:%d.%m.%Y}."
    if locked.end_reason:
        text += f" Årsak: {locked.end_reason}"
    timeline_add(case=locked.case, kind=TimelineEntry.Kind.SYSTEM, text=text, by=by)
    return locked


def appointment_notify(*, appointment_id: int) -> bool:
    """Email the coordinator a link to the new appointment. Idempotent.

    The email holds only a link: no names, no case details, no health data.
    """
    appointment = Appointment.objects.select_related("coordinator__user").get(pk=appointment_id)
    email = appointment.coordinator.user.email
    if appointment.notified_at is not None or not email or appointment.ended_on is not None:
        return False
    link = settings.SITE_URL.rstrip("/") + reverse(
        "coordinators:case_coordinator", args=[appointment.case_id]
    )
    send_mail(
        subject="Ny oppnevning fra koordinerende enhet",
        message=(
            "Hei,\n\n"
            "Du er oppnevnt i en ny sak hos koordinerende enhet. Logg inn for å se den:\n"
            f"{link}\n\n"
            "Av hensyn til taushetsplikten står ingen opplysninger om saken i denne e-posten.\n"
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[email],
    )
    Appointment.objects.filter(pk=appointment.pk).update(notified_at=timezone.now())
    logger.info("appointment %s notified", appointment.pk)
    return True
