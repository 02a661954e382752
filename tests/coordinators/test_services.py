import datetime

import pytest
from django.core import mail
from django.utils import timezone

from cases.models import Case, TimelineEntry
from coordinators import services, training
from coordinators.models import Appointment, Attendance, Completion, CoordinatorWish
from core.errors import RuleViolation
from tests.coordinators.factories import (
    AttendanceFactory,
    CourseFactory,
    GrantFactory,
    TrainingSessionFactory,
    WishFactory,
    qualify,
)
from tests.factories import AppointmentFactory, CaseFactory, CoordinatorFactory

TODAY = timezone.localdate  # frozen by the module's `today` mark

pytestmark = [pytest.mark.django_db, pytest.mark.today("2026-06-15")]
COORDINATOR = Appointment.Kind.COORDINATOR
CHILD = Appointment.Kind.CHILD_COORDINATOR


@pytest.fixture(autouse=True)
def courses(db):
    return CourseFactory(), CourseFactory(child=True)


@pytest.fixture
def case():
    return GrantFactory().case


@pytest.fixture
def coordinator():
    return qualify(CoordinatorFactory())


def appoint(case, coordinator, caseworker, kind=COORDINATOR, **kwargs):
    return services.appointment_create(
        case=case, coordinator=coordinator, kind=kind, by=caseworker, **kwargs
    )


# --- Happy path ------------------------------------------------------------------------------


def test_it_appoints_a_qualified_coordinator_to_a_granted_case(case, coordinator, caseworker):
    appointment, warnings = appoint(case, coordinator, caseworker)
    assert (appointment.coordinator, appointment.started_on, appointment.ended_on) == (
        coordinator,
        TODAY(),
        None,
    )
    assert warnings == []


def test_appointing_moves_a_decided_case_to_follow_up(case, coordinator, caseworker):
    appoint(case, coordinator, caseworker)
    case.refresh_from_db()
    assert case.status == Case.Status.FOLLOW_UP


def test_appointing_writes_the_timeline(case, coordinator, caseworker):
    appoint(case, coordinator, caseworker)
    texts = list(
        case.timeline.filter(kind=TimelineEntry.Kind.SYSTEM).values_list("text", flat=True)
    )
    assert f"Koordinator oppnevnt: {coordinator} fra {TODAY():%d.%m.%Y}." in texts


def test_it_records_that_the_applicants_wish_was_followed(case, coordinator, caseworker):
    WishFactory(case=case, coordinator=coordinator)
    appointment, _ = appoint(case, coordinator, caseworker)
    assert (appointment.applicant_wish, appointment.wish_followed) == (str(coordinator), True)


def test_it_records_that_the_applicants_wish_was_not_followed(case, coordinator, caseworker):
    WishFactory(case=case, coordinator=None, description="Fastlegen")
    appointment, _ = appoint(case, coordinator, caseworker)
    assert (appointment.applicant_wish, appointment.wish_followed) == ("Fastlegen", False)


def test_changing_coordinator_ends_the_old_appointment_and_keeps_it(case, coordinator, caseworker):
    old, _ = appoint(case, coordinator, caseworker, started_on=TODAY() - datetime.timedelta(days=9))
    new, _ = appoint(case, qualify(CoordinatorFactory()), caseworker, replaces=old)
    old.refresh_from_db()
    assert old.ended_on == new.started_on
    assert list(case.appointments.order_by("id")) == [old, new]


def test_the_coordinator_gets_an_email_with_only_a_link(
    case, coordinator, caseworker, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://ke.kommune.example"
    with django_capture_on_commit_callbacks(execute=True):
        appoint(case, coordinator, caseworker)
    body = mail.outbox[0].body
    assert f"https://ke.kommune.example/koordinatorer/sak/{case.pk}/" in body
    assert case.person.family_name not in body + mail.outbox[0].subject
    assert str(coordinator) not in body


def test_an_unqualified_coordinator_is_appointed_with_a_booked_session_and_a_warning(
    case, caseworker
):
    untrained = CoordinatorFactory()
    session = TrainingSessionFactory()
    appointment, warnings = appoint(case, untrained, caseworker, training_session=session)
    assert Attendance.objects.filter(session=session, coordinator=untrained).exists()
    assert appointment.training_session == session
    assert "uten gyldig opplæring" in warnings[0]


def test_an_existing_booking_is_enough_for_an_unqualified_coordinator(case, caseworker):
    untrained = CoordinatorFactory()
    AttendanceFactory(coordinator=untrained)
    _, warnings = appoint(case, untrained, caseworker)
    assert "allerede meldt på" in warnings[0]


def test_over_capacity_is_allowed_with_a_reason_and_shown(case, coordinator, caseworker):
    coordinator.capacity = 1
    coordinator.save()
    AppointmentFactory(coordinator=coordinator)
    appointment, warnings = appoint(
        case, coordinator, caseworker, over_capacity_reason="Kjenner familien godt."
    )
    assert appointment.over_capacity_reason == "Kjenner familien godt."
    assert warnings == [f"{coordinator} har nå 2 saker, over kapasiteten på 1."]


# --- Bad input changes nothing ---------------------------------------------------------------


def assert_refused(message, **kwargs):
    before = (Appointment.objects.count(), TimelineEntry.objects.count())
    with pytest.raises(RuleViolation, match=message):
        services.appointment_create(**kwargs)
    assert (Appointment.objects.count(), TimelineEntry.objects.count()) == before


def test_it_refuses_a_case_without_a_sent_grant(coordinator, caseworker):
    case = GrantFactory(draft=True).case
    assert_refused(
        "ikke et sendt vedtak", case=case, coordinator=coordinator, kind=COORDINATOR, by=caseworker
    )


def test_a_koordinator_grant_does_not_allow_a_barnekoordinator(case, caseworker):
    child = qualify(CoordinatorFactory(can_take_child_cases=True), child=True)
    assert_refused(
        "innvilger barnekoordinator", case=case, coordinator=child, kind=CHILD, by=caseworker
    )


def test_it_refuses_an_inactive_coordinator(case, caseworker):
    inactive = qualify(CoordinatorFactory(active=False))
    assert_refused("ikke aktiv", case=case, coordinator=inactive, kind=COORDINATOR, by=caseworker)


def test_it_refuses_over_capacity_without_a_reason(case, coordinator, caseworker):
    coordinator.capacity = 1
    coordinator.save()
    AppointmentFactory(coordinator=coordinator)
    assert_refused(
        "Oppgi en begrunnelse", case=case, coordinator=coordinator, kind=COORDINATOR, by=caseworker
    )


def test_it_refuses_a_barnekoordinator_without_the_training(caseworker):
    case = GrantFactory(child=True).case
    untrained = qualify(CoordinatorFactory(can_take_child_cases=True))
    assert_refused(
        "opplæring for barnekoordinator",
        case=case,
        coordinator=untrained,
        kind=CHILD,
        by=caseworker,
    )


def test_it_refuses_a_barnekoordinator_whose_training_expired(caseworker):
    case = GrantFactory(child=True).case
    expired = qualify(CoordinatorFactory(can_take_child_cases=True))
    Completion.objects.create(
        coordinator=expired,
        course=CourseFactory(child=True),
        completed_on=TODAY() - datetime.timedelta(days=800),
        registered_by=caseworker,
    )
    assert_refused("gikk ut", case=case, coordinator=expired, kind=CHILD, by=caseworker)


def test_it_refuses_a_barnekoordinator_who_does_not_take_child_cases(caseworker):
    case = GrantFactory(child=True).case
    coordinator = qualify(CoordinatorFactory(can_take_child_cases=False), child=True)
    assert_refused(
        "tar ikke barnekoordinatorsaker",
        case=case,
        coordinator=coordinator,
        kind=CHILD,
        by=caseworker,
    )


def test_it_refuses_an_unqualified_koordinator_without_a_booking(case, caseworker):
    assert_refused(
        "Meld vedkommende på en kursdag",
        case=case,
        coordinator=CoordinatorFactory(),
        kind=COORDINATOR,
        by=caseworker,
    )


def test_it_refuses_a_session_that_has_been_held(case, caseworker):
    assert_refused(
        "allerede vært",
        case=case,
        coordinator=CoordinatorFactory(),
        kind=COORDINATOR,
        by=caseworker,
        training_session=TrainingSessionFactory(held=True),
    )


def test_it_refuses_a_second_active_coordinator_of_the_same_kind(case, coordinator, caseworker):
    AppointmentFactory(case=case, coordinator=qualify(CoordinatorFactory()))
    assert_refused(
        "allerede en aktiv koordinator",
        case=case,
        coordinator=coordinator,
        kind=COORDINATOR,
        by=caseworker,
    )


def test_it_refuses_to_replace_with_a_start_before_the_current_one_started(
    case, coordinator, caseworker
):
    current = AppointmentFactory(case=case, started_on=TODAY())
    assert_refused(
        "kan ikke avsluttes før den begynte",
        case=case,
        coordinator=coordinator,
        kind=COORDINATOR,
        by=caseworker,
        replaces=current,
        started_on=TODAY() - datetime.timedelta(days=1),
    )


def test_it_refuses_a_closed_case(coordinator, caseworker):
    case = GrantFactory(case=CaseFactory(closed=True)).case
    assert_refused("avsluttet", case=case, coordinator=coordinator, kind=COORDINATOR, by=caseworker)


# --- Ending an appointment -------------------------------------------------------------------


def test_ending_an_appointment_keeps_it_as_history(caseworker):
    appointment = AppointmentFactory(started_on=TODAY() - datetime.timedelta(days=5))
    services.appointment_end(appointment=appointment, by=caseworker, ended_on=TODAY())
    appointment.refresh_from_db()
    assert appointment.ended_on == TODAY()


def test_it_refuses_to_end_an_appointment_before_it_started(caseworker):
    appointment = AppointmentFactory(started_on=TODAY())
    with pytest.raises(RuleViolation, match="før den begynte"):
        services.appointment_end(
            appointment=appointment, by=caseworker, ended_on=TODAY() - datetime.timedelta(days=1)
        )
    appointment.refresh_from_db()
    assert appointment.ended_on is None


def test_it_refuses_to_end_an_appointment_twice(caseworker):
    appointment = AppointmentFactory(ended_on=TODAY(), started_on=TODAY())
    with pytest.raises(RuleViolation, match="allerede avsluttet"):
        services.appointment_end(appointment=appointment, by=caseworker, ended_on=TODAY())


# --- Registry, training and guidance ---------------------------------------------------------


def test_a_coordinator_with_active_appointments_cannot_be_made_inactive(leader):
    appointment = AppointmentFactory()
    with pytest.raises(RuleViolation, match="1 aktive oppnevninger"):
        services.coordinator_update(coordinator=appointment.coordinator, by=leader, active=False)
    appointment.coordinator.refresh_from_db()
    assert appointment.coordinator.active is True


def test_attending_a_session_becomes_a_completion(caseworker):
    attendance = AttendanceFactory(session=TrainingSessionFactory(held=True))
    training.attendance_mark(attendance=attendance, attended=True, by=caseworker)
    completion = Completion.objects.get()
    assert (completion.coordinator, completion.completed_on) == (
        attendance.coordinator,
        attendance.session.held_on,
    )


def test_being_absent_makes_no_completion(caseworker):
    attendance = AttendanceFactory(session=TrainingSessionFactory(held=True))
    training.attendance_mark(attendance=attendance, attended=False, by=caseworker)
    attendance.refresh_from_db()
    assert attendance.status == Attendance.Status.ABSENT
    assert not Completion.objects.exists()


def test_attendance_cannot_be_marked_before_the_session(caseworker):
    attendance = AttendanceFactory()
    with pytest.raises(RuleViolation, match="fra og med kursdagen"):
        training.attendance_mark(attendance=attendance, attended=True, by=caseworker)


def test_a_coordinator_cannot_be_booked_twice_on_one_session(caseworker):
    attendance = AttendanceFactory()
    with pytest.raises(RuleViolation, match="allerede meldt på"):
        training.attendance_book(
            session=attendance.session, coordinator=attendance.coordinator, by=caseworker
        )


def test_group_guidance_needs_at_least_two_coordinators(caseworker):
    with pytest.raises(RuleViolation, match="minst to"):
        training.guidance_record(
            kind="group",
            held_on=TODAY(),
            guide="Lars",
            topic="Møteledelse",
            coordinators=[CoordinatorFactory()],
            by=caseworker,
        )


def test_individual_guidance_is_recorded_for_one_coordinator(caseworker):
    coordinator = CoordinatorFactory()
    session = training.guidance_record(
        kind="individual",
        held_on=TODAY(),
        guide="Lars",
        topic="Evaluering",
        coordinators=[coordinator],
        by=caseworker,
    )
    assert list(session.coordinators.all()) == [coordinator]


# --- Who made the change -----------------------------------------------------------------------


def test_an_appointment_records_who_appointed(case, coordinator, caseworker):
    appointment, _ = appoint(case, coordinator, caseworker)
    assert appointment.history.latest().history_user == caseworker


def test_changing_coordinator_ends_the_old_appointment_in_the_changers_name(
    case, leader, caseworker
):
    old, _ = appoint(case, qualify(CoordinatorFactory()), leader)
    appoint(case, qualify(CoordinatorFactory()), caseworker, replaces=old)
    assert old.history.latest().history_user == caseworker


def test_ending_an_appointment_records_who_ended_it(caseworker):
    appointment = AppointmentFactory(started_on=TODAY() - datetime.timedelta(days=5))
    services.appointment_end(appointment=appointment, by=caseworker, ended_on=TODAY())
    assert appointment.history.latest().history_user == caseworker


def test_a_coordinator_edit_records_who_edited(leader):
    coordinator = CoordinatorFactory()
    services.coordinator_update(coordinator=coordinator, by=leader, capacity=7)
    assert coordinator.history.latest().history_user == leader


def test_a_wish_records_who_recorded_it(caseworker):
    case = CaseFactory()
    wish = services.wish_record(case=case, by=caseworker, description="Helsesykepleieren")
    assert wish.history.latest().history_user == caseworker


def test_removing_a_wish_records_who_removed_it(caseworker):
    wish = WishFactory()
    services.wish_record(case=wish.case, by=caseworker)
    record = CoordinatorWish.history.filter(id=wish.pk).latest()
    assert (record.history_type, record.history_user) == ("-", caseworker)


def test_changing_a_wish_keeps_one_wish_per_case(caseworker):
    wish = WishFactory()
    services.wish_record(case=wish.case, by=caseworker, description="Fastlegen")
    assert list(
        CoordinatorWish.objects.filter(case=wish.case).values_list("pk", "description")
    ) == [(wish.pk, "Fastlegen")]
