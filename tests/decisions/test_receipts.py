"""The day a letter was received: its own complaint deadline, and its decisions' latest
(decisions.receipts.letter_record_received, which delivery receipts call too)."""

import datetime

import pytest

from core.errors import RuleViolation
from decisions import deadlines, delivery, receipts, selectors
from decisions.models import Decision, Letter
from tests.decisions.factories import DecisionFactory, child_case
from tests.factories import RelationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.today("2026-03-02")]

MONDAY = datetime.date(2026, 3, 2)


@pytest.fixture
def two_letters(db):
    """A child's decision sent by email to two parents on Monday 2 March 2026."""
    case = child_case()
    RelationFactory(person=case.person, name="Per Forelder", email="per@epost.example")
    decision = DecisionFactory(case=case, service="barnekoordinator")
    delivery.decision_send(decision=decision, by=decision.decided_by)
    return Decision.objects.get(pk=decision.pk), list(Letter.objects.order_by("id"))


def received(letter, day):
    return receipts.letter_record_received(letter=letter, received_on=day, by=None)


def test_the_actual_day_counts_the_letters_deadline_from_it(two_letters):
    _decision, (first, _second) = two_letters
    assert received(first, MONDAY).complaint_deadline == deadlines.complaint_deadline(MONDAY)
    assert first.complaint_deadline is not None


def test_the_other_parents_letter_keeps_its_own_deadline(two_letters):
    _decision, (first, second) = two_letters
    before = second.complaint_deadline
    received(first, MONDAY)
    second.refresh_from_db()
    assert (second.complaint_deadline, second.received_on_confirmed) == (before, False)


@pytest.mark.today("2026-03-05")
def test_the_decision_keeps_the_latest_deadline_of_its_letters(two_letters):
    # Sent and received Thursday 5 March: four weeks on is Maundy Thursday, so the deadline
    # runs past Easter to Tuesday 7 April.
    decision, (first, _second) = two_letters
    received(first, datetime.date(2026, 3, 5))
    decision.refresh_from_db()
    assert decision.complaint_deadline == datetime.date(2026, 4, 7)


def test_a_day_before_the_letter_was_sent_is_refused_and_changes_nothing(two_letters):
    _decision, (first, _second) = two_letters
    with pytest.raises(RuleViolation, match="før vedtaket ble sendt"):
        received(first, MONDAY - datetime.timedelta(days=1))
    first.refresh_from_db()
    assert first.received_on_confirmed is False


def test_a_day_in_the_future_is_refused(two_letters):
    _decision, (first, _second) = two_letters
    with pytest.raises(RuleViolation, match="fram i tid"):
        received(first, MONDAY + datetime.timedelta(days=1))


def test_the_caseworker_records_the_day_for_one_letter_only(two_letters):
    decision, (first, second) = two_letters
    delivery.decision_set_received(
        decision=decision, by=decision.decided_by, received_on=MONDAY, letter=second
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.received_on_confirmed, second.received_on_confirmed) == (False, True)


def test_the_caseworkers_page_offers_each_letter(two_letters, client):
    decision, (first, second) = two_letters
    client.force_login(decision.decided_by)
    page = client.get(decision.get_absolute_url()).content.decode()
    assert "Brevet til Mona Forelder" in page
    assert "Brevet til Per Forelder" in page


def test_a_decision_sent_with_another_has_the_same_letters_once_each():
    case = child_case()
    first = DecisionFactory(case=case, service="barnekoordinator")
    second = DecisionFactory(case=case, service="individuell_plan")
    delivery.decision_send(decision=first, by=first.decided_by)
    letters = list(Letter.objects.filter(kind=Letter.Kind.DECISION).order_by("id"))
    found = [list(selectors.decision_letters(d)) for d in (first, second)]
    assert (len(letters), found) == (1, [letters, letters])
