"""The admin reads decisions, letters, dispatches and complaints, logs whose they are,
and writes none of it."""

import pytest

from decisions.models import Dispatch, Letter
from tests.admin_pages import (
    READ_VIEWS,
    answered_and_logged,
    url,
    visit,
    visit_past_version,
    writable,
    write_attempts,
)
from tests.decisions.factories import ComplaintFactory, DecisionFactory

pytestmark = pytest.mark.django_db


def _letter():
    decision = DecisionFactory(sent=True)
    return Letter.objects.create(
        kind=Letter.Kind.DECISION,
        decision=decision,
        recipient_key=f"person:{decision.case.person_id}",
        recipient_name="Kari Nordmann",
        file="letters/2026/06/brev.pdf",
        sha256="0" * 64,
    )


def decision():
    letter = _letter()
    return letter.decision, letter.decision.case.person_id


def letter():
    letter = _letter()
    return letter, letter.decision.case.person_id


def dispatch():
    letter = _letter()
    dispatch = Dispatch.objects.create(
        letter=letter, channel=Dispatch.Channel.POST, address="Storgata 1"
    )
    return dispatch, letter.decision.case.person_id


def complaint():
    complaint = ComplaintFactory()
    return complaint, complaint.decision.case.person_id


SHOWN = [pytest.param(make, id=make.__name__) for make in (decision, letter, dispatch, complaint)]
WITH_HISTORY = [pytest.param(make, id=make.__name__) for make in (decision, complaint)]


@pytest.mark.parametrize("view", READ_VIEWS)
@pytest.mark.parametrize("make", SHOWN)
def test_each_page_answers_and_logs_the_person_shown(admin_client, make, view):
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


def test_an_unsent_decision_cannot_be_edited_either(admin_client):
    draft = DecisionFactory()
    response = admin_client.post(url(draft, "change"), {"reasons": "Endret i admin"})
    draft.refresh_from_db()
    assert (response.status_code, draft.reasons) == (403, DecisionFactory.reasons)
