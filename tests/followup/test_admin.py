"""The admin reads reminders, logs the person each one is about, and writes none of them."""

import pytest

from followup.models import Reminder
from tests.admin_pages import READ_VIEWS, answered_and_logged, visit, writable, write_attempts
from tests.coordinators.factories import CompletionFactory
from tests.factories import CaseFactory, UserFactory
from tests.plans.factories import ActionPointFactory, PlanFactory

pytestmark = pytest.mark.django_db


def _reminder(object_type, obj):
    return Reminder.objects.create(
        kind=Reminder.Kind.CONSENT_WAITING,
        object_type=object_type,
        object_id=str(obj.pk),
        due_on="2026-06-15",
        recipient=UserFactory(),
        text="Påminnelse",
        link="/",
    )


def about_a_case():
    case = CaseFactory()
    return _reminder("case", case), case.person_id


def about_a_plan():
    plan = PlanFactory()
    return _reminder("plan", plan), plan.person_id


def about_an_action_point():
    point = ActionPointFactory()
    return _reminder("actionpoint", point), point.meeting.plan.person_id


def about_training():
    return _reminder("completion", CompletionFactory()), None


SHOWN = [
    pytest.param(make, id=make.__name__)
    for make in (about_a_case, about_a_plan, about_an_action_point, about_training)
]


@pytest.mark.parametrize("view", READ_VIEWS)
@pytest.mark.parametrize("make", SHOWN)
def test_each_page_answers_and_logs_the_person_the_reminder_is_about(admin_client, make, view):
    obj, person_id = make()
    assert visit(admin_client, obj, view) == answered_and_logged(obj, person_id)


def test_nothing_can_be_added_changed_or_deleted(admin_client, admin_user):
    obj, _ = about_a_case()
    assert write_attempts(admin_client, obj) == {"add": 403, "change": 403, "delete": 403}
    assert writable(admin_user, obj) == []
