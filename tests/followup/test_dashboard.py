"""The start page, Mine saker: the user's open cases, the unassigned ones, reminders."""

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import AccessLog
from decisions.models import Dispatch, Letter
from followup.models import Reminder
from tests.decisions.factories import DecisionFactory
from tests.factories import CaseFactory
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def _mine_with_reminders(caseworker, k, made):
    for case in CaseFactory.create_batch(k, caseworker=caseworker):
        CaseFactory(caseworker=None)
        Reminder.objects.create(
            kind=Reminder.Kind.CONSENT_WAITING,
            object_type="case",
            object_id=str(case.pk),
            due_on=timezone.localdate(),
            recipient=caseworker,
            text=f"Sak {case.number} har ventet på samtykke.",
            link=case.get_absolute_url(),
        )
        made.append(case)


def test_it_runs_a_constant_number_of_queries(client, caseworker):
    client.force_login(caseworker)
    made = []
    # session, user, permissions (2), the user's coordinator record (for the case scope),
    # counts by status, my cases, unassigned cases, the
    # reminders with the person of each, letters that did not get through, the access-log
    # rows and the role they name (2), saving the session (3)
    one, many = assert_constant_queries(
        lambda: client.get(reverse("followup:dashboard")),
        lambda k: _mine_with_reminders(caseworker, k, made),
        n=50,
        at_most=15,
    )
    assert (one.status_code, many.status_code) == (200, 200)
    html = many.content.decode()
    assert all(case.person.full_name in html for case in made)
    # The page shows the 20 reminders due first (all due today: the first made), and logs them.
    reminders = AccessLog.objects.filter(view_name="followup:dashboard", object_type="reminder")
    assert set(reminders.values_list("person_id", flat=True)) == {c.person_id for c in made[:20]}


def test_a_letter_that_did_not_get_through_is_on_its_caseworker_s_start_page(client, caseworker):
    decision = DecisionFactory(sent=True, case__caseworker=caseworker)
    letter = Letter.objects.create(
        kind=Letter.Kind.DECISION,
        decision=decision,
        recipient_key=f"person:{decision.case.person_id}",
        recipient_name="Kari Nordmann",
    )
    Dispatch.objects.create(letter=letter, channel="svarut", status="sent", delivery="failed")
    client.force_login(caseworker)
    html = client.get(reverse("followup:dashboard")).content.decode()
    assert "Brev som ikke kom fram" in html
    assert f"Sak {decision.case.number}" in html
