"""The admin reads plans and their parts, logs what it shows, and writes none of it."""

import pytest

from tests.admin_pages import READ_VIEWS, visit, writable, write_attempts
from tests.plans.factories import (
    EvaluationFactory,
    GoalFactory,
    MeasureFactory,
    MeetingFactory,
    ParticipantFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    plan = GoalFactory().plan
    MeasureFactory(plan=plan)
    ParticipantFactory(plan=plan)
    MeetingFactory(plan=plan)
    EvaluationFactory(plan=plan)
    return plan


@pytest.mark.parametrize("view", READ_VIEWS)
def test_each_page_answers_and_logs_the_person(admin_client, plan, view):
    assert visit(admin_client, plan, view) == (200, [(str(plan.pk), plan.person_id)])


def test_a_past_version_answers_and_is_logged(admin_client, plan):
    version = plan.history.earliest().history_id
    assert visit(admin_client, plan, "simple_history", version) == (
        200,
        [(str(plan.pk), plan.person_id)],
    )


def test_nothing_can_be_added_changed_or_deleted(admin_client, admin_user, plan):
    assert write_attempts(admin_client, plan) == {"add": 403, "change": 403, "delete": 403}
    assert writable(admin_user, plan) == []
