"""Endre planen without silent overwrite, Aktiver planen explained, who attended a meeting."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases import tabs
from core.locking import edit_stamp
from plans.models import Meeting, Plan
from plans.services import PLAN_CONTENT_FIELDS
from tests.plans.factories import ready_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def my_plan(coordinator_user):
    return ready_plan(coordinator=coordinator_user.coordinator)


def url(name, plan):
    return reverse(f"plans:{name}", args=[plan.case_id])


def plan_post(plan, **changes):
    stored = Plan.objects.get(pk=plan.pk)
    data = {name: getattr(stored, name) or "" for name in PLAN_CONTENT_FIELDS}
    for name in ("valid_from", "valid_to", "next_evaluation_on"):
        data[name] = data[name].isoformat() if data[name] else ""
    return {**data, "edit_stamp": edit_stamp(stored, PLAN_CONTENT_FIELDS), **changes}


class TestTwoEditors:
    def test_the_second_save_is_refused_and_the_first_kept(self, coordinator_client, my_plan):
        first = plan_post(my_plan, needs="Avlastning hver helg")
        second = plan_post(my_plan, needs="Støttekontakt")
        coordinator_client.post(url("edit", my_plan), first)
        coordinator_client.post(url("edit", my_plan), second)
        assert Plan.objects.get(pk=my_plan.pk).needs == "Avlastning hver helg"

    def test_the_second_editor_sees_their_text_again_with_a_warning(
        self, coordinator_client, my_plan
    ):
        first = plan_post(my_plan, needs="Avlastning hver helg")
        second = plan_post(my_plan, needs="Støttekontakt")
        coordinator_client.post(url("edit", my_plan), first)
        html = coordinator_client.post(url("edit", my_plan), second).content.decode()
        assert "Planen ble endret av noen andre" in html and "Støttekontakt" in html

    def test_an_edit_after_activation_is_not_refused(self, coordinator_client, my_plan):
        opened = plan_post(my_plan, needs="Avlastning hver helg")
        Plan.objects.filter(pk=my_plan.pk).update(status=Plan.Status.ACTIVE)
        coordinator_client.post(url("edit", my_plan), opened)
        assert Plan.objects.get(pk=my_plan.pk).needs == "Avlastning hver helg"


class TestActivation:
    def test_the_button_is_disabled_while_something_is_missing(self, coordinator_client, my_plan):
        Plan.objects.filter(pk=my_plan.pk).update(next_evaluation_on=None)
        html = coordinator_client.get(url("case_plan", my_plan)).content.decode()
        assert 'disabled aria-describedby="aktivering-mangler">Aktiver planen' in html

    def test_the_button_works_when_the_plan_is_ready(self, coordinator_client, my_plan):
        html = coordinator_client.get(url("case_plan", my_plan)).content.decode()
        assert '<button class="btn btn-success" type="submit">Aktiver planen' in html


class TestMeetings:
    def test_who_attended_is_saved_and_shown(self, coordinator_client, my_plan):
        coordinator_client.post(
            url("meeting_add", my_plan),
            {
                "held_on": timezone.localdate().isoformat(),
                "place": "Skolen",
                "attendees": "Emma, mor, kontaktlærer",
                "punkt-TOTAL_FORMS": "3",
                "punkt-INITIAL_FORMS": "0",
            },
        )
        assert Meeting.objects.get().attendees == "Emma, mor, kontaktlærer"
        html = coordinator_client.get(url("case_plan", my_plan)).content.decode()
        assert "Emma, mor, kontaktlærer" in html

    def test_the_reminder_help_is_said_once_not_once_per_row(self, coordinator_client, my_plan):
        html = coordinator_client.get(url("meeting_add", my_plan)).content.decode()
        assert html.count("Ellers får koordinatoren påminnelsen") == 1


def test_the_plan_step_is_done_once_the_plan_is_active(my_plan):
    Plan.objects.filter(pk=my_plan.pk).update(
        status=Plan.Status.ACTIVE, activated_on=datetime.date(2026, 1, 1)
    )
    steps = {s.step.key: s for s in tabs.case_steps(my_plan.case, is_ke=True)}
    assert steps["plan"].done
