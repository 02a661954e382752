"""The admin reads coordinators, appointments and training records; courses and service
areas are reference data and stay editable there."""

import pytest

from coordinators.models import GuidanceSession
from tests.admin_pages import (
    READ_VIEWS,
    answered_and_logged,
    visit,
    visit_past_version,
    writable,
    write_attempts,
)
from tests.coordinators.factories import AttendanceFactory, CompletionFactory, CourseFactory
from tests.factories import AppointmentFactory, CoordinatorFactory, ServiceAreaFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.today("2026-06-15")]


def coordinator():
    return CoordinatorFactory(), None


def appointment():
    appointment = AppointmentFactory()
    return appointment, appointment.case.person_id


def training_session():
    return AttendanceFactory().session, None


def completion():
    return CompletionFactory(), None


def guidance_session():
    session = GuidanceSession.objects.create(
        kind="individual",
        held_on="2026-06-01",
        guide="Lars",
        topic="Evaluering",
        recorded_by=UserFactory(),
    )
    session.coordinators.add(CoordinatorFactory())
    return session, None


SHOWN = [
    pytest.param(make, id=make.__name__)
    for make in (coordinator, appointment, training_session, completion, guidance_session)
]
WITH_HISTORY = [pytest.param(make, id=make.__name__) for make in (coordinator, appointment)]


@pytest.mark.parametrize("view", READ_VIEWS)
@pytest.mark.parametrize("make", SHOWN)
def test_each_page_answers_and_logs_what_it_shows(admin_client, make, view):
    obj, person_id = make()
    assert visit(admin_client, obj, view) == answered_and_logged(obj, person_id)


@pytest.mark.parametrize("make", WITH_HISTORY)
def test_a_past_version_answers_and_is_logged(admin_client, make):
    obj, person_id = make()
    assert visit_past_version(admin_client, obj) == answered_and_logged(obj, person_id)


@pytest.mark.parametrize("make", SHOWN)
def test_nothing_can_be_added_changed_or_deleted(admin_client, admin_user, make):
    obj, _ = make()
    assert write_attempts(admin_client, obj) == {"add": 403, "change": 403, "delete": 403}
    assert writable(admin_user, obj) == []


@pytest.mark.parametrize("make", [CourseFactory, ServiceAreaFactory])
def test_courses_and_service_areas_can_be_edited(admin_user, make):
    obj = make()
    name = type(obj).__name__
    assert writable(admin_user, obj) == [
        f"{name}Admin.add",
        f"{name}Admin.change",
        f"{name}Admin.delete",
    ]
