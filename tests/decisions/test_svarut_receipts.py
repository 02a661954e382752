"""SvarUt's receipts, polled by the scan from the stand-in, move the received date and the
complaint deadline; a failure reaches the caseworker."""

import datetime

import pytest

from cases.models import Relation
from cases.vocabulary import ServiceKind
from decisions import deadlines, delivery
from decisions.due import dispatches_failed
from decisions.models import Decision, Dispatch, DispatchEvent, Letter
from decisions.scans import dispatch_receipts
from tests.decisions.factories import DecisionFactory, child_case
from tests.factories import CaseFactory, RelationFactory

TODAY = datetime.date(2026, 11, 23)  # a Monday
pytestmark = [pytest.mark.django_db, pytest.mark.today(TODAY)]
POST_DAYS = 3


@pytest.fixture(autouse=True)
def post_days(settings):
    settings.KE_POST_DAYS = POST_DAYS


def at(day: datetime.date, hour=11) -> str:
    return f"{day.isoformat()}T{hour:02d}:30:00+01:00"


def sent(svarut, capture, case=None, **kwargs):
    decision = DecisionFactory(case=case or CaseFactory(), **kwargs)
    with capture(execute=True):
        delivery.decision_send(decision=decision, by=decision.decided_by)
    return decision


def report(svarut, decision, status, day, *, letter_index=0):
    dispatch = Dispatch.objects.filter(letter__decision=decision).order_by("id")[letter_index]
    svarut.set_status(dispatch.forsendelse_id, status, at(day))
    return dispatch


def scan(day=TODAY):
    return dispatch_receipts(day)


def fresh(decision):
    return Decision.objects.get(pk=decision.pk)


def test_until_svarut_reports_the_deadline_runs_from_the_assumed_post_days(
    svarut, django_capture_on_commit_callbacks
):
    decision = fresh(sent(svarut, django_capture_on_commit_callbacks))
    assumed = deadlines.assumed_received_on(TODAY, channel="post", post_days=POST_DAYS)
    assert decision.complaint_deadline == deadlines.complaint_deadline(assumed)


def test_a_digital_delivery_sets_the_received_date_and_the_deadline(
    svarut, django_capture_on_commit_callbacks
):
    decision = sent(svarut, django_capture_on_commit_callbacks)
    report(svarut, decision, "SENDT_DIGITALT", TODAY)
    assert scan() == 1
    decision = fresh(decision)
    assert decision.received_on == TODAY
    assert decision.complaint_deadline == datetime.date(2026, 12, 21)


def test_sent_to_print_counts_the_post_days_from_the_print_day(
    svarut, django_capture_on_commit_callbacks
):
    decision = sent(svarut, django_capture_on_commit_callbacks)
    printed = TODAY + datetime.timedelta(days=4)  # Friday 27 Nov; +3 working days: Wednesday
    report(svarut, decision, "SENDT_PRINT", printed)
    scan(printed)
    decision = fresh(decision)
    assert decision.received_on == datetime.date(2026, 12, 2)
    assert decision.complaint_deadline == datetime.date(2026, 12, 30)


def test_read_without_a_delivery_seen_counts_from_the_read_day(
    svarut, django_capture_on_commit_callbacks
):
    decision = sent(svarut, django_capture_on_commit_callbacks)
    read = TODAY + datetime.timedelta(days=1)
    report(svarut, decision, "LEST", read)
    scan(read)
    assert fresh(decision).received_on == read


def test_each_change_is_recorded_once_however_often_the_scan_runs(
    svarut, django_capture_on_commit_callbacks
):
    decision = sent(svarut, django_capture_on_commit_callbacks)
    dispatch = report(svarut, decision, "SENDT_DIGITALT", TODAY)
    scan()
    scan()
    report(svarut, decision, "LEST", TODAY)
    assert (scan(), scan()) == (1, 0)
    assert list(dispatch.events.values_list("delivery", flat=True)) == ["digital", "read"]
    dispatch.refresh_from_db()
    assert dispatch.delivery == "read"


def test_with_two_parties_the_later_receipt_counts(svarut, django_capture_on_commit_callbacks):
    case = child_case()
    RelationFactory(person=case.person, role=Relation.Role.PARENT, name="Per Forelder")
    decision = sent(
        svarut, django_capture_on_commit_callbacks, case=case, service=ServiceKind.CHILD_COORDINATOR
    )
    report(svarut, decision, "SENDT_DIGITALT", TODAY, letter_index=0)
    report(svarut, decision, "SENDT_DIGITALT", TODAY + datetime.timedelta(days=8), letter_index=1)
    scan(TODAY + datetime.timedelta(days=8))
    assert fresh(decision).received_on == TODAY + datetime.timedelta(days=8)


def test_a_party_not_yet_reported_keeps_the_assumed_day_in_play(
    svarut, django_capture_on_commit_callbacks
):
    case = child_case()
    RelationFactory(person=case.person, role=Relation.Role.PARENT, name="Per Forelder")
    decision = sent(
        svarut, django_capture_on_commit_callbacks, case=case, service=ServiceKind.CHILD_COORDINATOR
    )
    report(svarut, decision, "SENDT_DIGITALT", TODAY, letter_index=0)
    scan()
    assert fresh(decision).received_on == fresh(decision).assumed_received_on


def test_a_receipt_moves_only_its_own_letters_deadline(svarut, django_capture_on_commit_callbacks):
    case = child_case()
    RelationFactory(person=case.person, role=Relation.Role.PARENT, name="Per Forelder")
    decision = sent(
        svarut, django_capture_on_commit_callbacks, case=case, service=ServiceKind.CHILD_COORDINATOR
    )
    assumed = fresh(decision).complaint_deadline
    reported = report(svarut, decision, "SENDT_DIGITALT", TODAY, letter_index=0).letter
    scan()
    letters = Letter.objects.filter(decision=decision).order_by("id")
    assert [x.complaint_deadline for x in letters] == [
        deadlines.complaint_deadline(TODAY),
        assumed,
    ]
    assert letters[0] == reported and not letters[0].received_on_confirmed


def test_a_receipt_counts_for_every_decision_the_letter_covers(
    svarut, django_capture_on_commit_callbacks
):
    case = child_case()
    ip = DecisionFactory(case=case, service=ServiceKind.PLAN)
    decision = sent(
        svarut, django_capture_on_commit_callbacks, case=case, service=ServiceKind.CHILD_COORDINATOR
    )
    letter = Letter.objects.get(decision=decision)
    assert set(letter.decisions.all()) == {decision, ip}
    later = TODAY + datetime.timedelta(days=8)
    report(svarut, decision, "SENDT_DIGITALT", later)
    scan(later)
    assert {fresh(decision).received_on, fresh(ip).received_on} == {later}


def test_a_date_the_caseworker_registered_is_not_overwritten(
    svarut, django_capture_on_commit_callbacks
):
    decision = sent(svarut, django_capture_on_commit_callbacks)
    delivery.decision_set_received(decision=decision, by=decision.decided_by, received_on=TODAY)
    report(svarut, decision, "SENDT_PRINT", TODAY)
    scan()
    assert fresh(decision).received_on == TODAY


def test_not_delivered_is_a_failure_the_caseworker_sees(svarut, django_capture_on_commit_callbacks):
    decision = sent(svarut, django_capture_on_commit_callbacks)
    dispatch = report(svarut, decision, "IKKE_LEVERT", TODAY)
    scan()
    assert list(dispatches_failed()) == [dispatch]
    assert decision.case.timeline.filter(text__contains="kunne ikke levere").exists()


def test_a_letter_read_is_no_longer_asked_about(svarut, django_capture_on_commit_callbacks):
    decision = sent(svarut, django_capture_on_commit_callbacks)
    report(svarut, decision, "LEST", TODAY)
    scan()
    asked = len(svarut.log)
    scan()
    assert len(svarut.log) == asked
    assert DispatchEvent.objects.count() == 1


# --- The rule, as a pure function ---------------------------------------------------------------

MON, TUE = datetime.date(2026, 11, 23), datetime.date(2026, 11, 24)


@pytest.mark.parametrize(
    "events,expected",
    [
        ([], None),
        ([("received", MON)], None),
        ([("digital", MON)], MON),
        ([("digital", MON), ("read", TUE)], MON),
        ([("read", TUE)], TUE),
        ([("digital", MON), ("print", TUE)], datetime.date(2026, 11, 27)),
        # Post days are working days: printed on a Friday, it arrives on the Wednesday.
        ([("print", datetime.date(2026, 11, 27))], datetime.date(2026, 12, 2)),
    ],
    ids=["nothing", "received", "digital", "digital-read", "read", "unread-printed", "weekend"],
)
def test_received_on_from_deliveries(events, expected):
    assert deadlines.received_on_from_deliveries(events, post_days=POST_DAYS) == expected
