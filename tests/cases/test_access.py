import datetime

import pytest
import time_machine
from django.urls import reverse

from cases.models import AccessLog
from tests.factories import CaseFactory, CoordinatorFactory

MINUTE_START = datetime.datetime(2026, 6, 15, 8, 0, 5, tzinfo=datetime.UTC)


def _probe(client, route, ids):
    for pk in ids:
        assert client.get(reverse(route, args=[pk])).status_code == 404


@pytest.fixture
def clock():
    with time_machine.travel(MINUTE_START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def prober(client, clock, db):
    # Logged in on the moved clock, so the session's age is counted from there.
    user = CoordinatorFactory().user
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_it_logs_one_denied_row_a_minute_however_many_ids_are_probed(prober, clock):
    others = CaseFactory.create_batch(3)
    _probe(prober, "cases:detail", [case.pk for case in others] + [999_998, 999_999])
    clock.shift(datetime.timedelta(seconds=50))
    _probe(prober, "cases:detail", [999_997])
    row = AccessLog.objects.get(action=AccessLog.Action.DENIED)
    assert (row.object_type, row.object_id) == ("case", str(others[0].pk))


@pytest.mark.django_db
def test_it_logs_the_first_probe_of_the_next_minute(prober, clock):
    _probe(prober, "cases:detail", [999_998])
    clock.shift(datetime.timedelta(seconds=55))
    _probe(prober, "cases:detail", [999_999])
    rows = AccessLog.objects.filter(action=AccessLog.Action.DENIED).order_by("id")
    assert [row.object_id for row in rows] == ["999998", "999999"]


@pytest.mark.django_db
def test_each_object_type_gets_its_own_row_in_the_same_minute(prober, clock):
    _probe(prober, "cases:detail", [999_998, 999_999])
    _probe(prober, "cases:person_detail", [999_998, 999_999])
    rows = AccessLog.objects.filter(action=AccessLog.Action.DENIED)
    assert sorted(row.object_type for row in rows) == ["case", "person"]


@pytest.mark.django_db
def test_each_user_gets_their_own_row_in_the_same_minute(prober, client, clock):
    _probe(prober, "cases:detail", [999_999])
    second = CoordinatorFactory().user
    client.force_login(second)
    _probe(client, "cases:detail", [999_999])
    assert AccessLog.objects.filter(action=AccessLog.Action.DENIED).count() == 2


@pytest.mark.django_db
def test_views_in_the_same_minute_are_all_still_logged(caseworker_client, clock):
    case = CaseFactory()
    for _ in range(3):
        caseworker_client.get(reverse("cases:detail", args=[case.pk]))
    assert AccessLog.objects.filter(action=AccessLog.Action.VIEW).count() == 3
