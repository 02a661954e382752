"""Times people read are in Oslo time, as dd.mm.åååå tt:mm, through Django's nb formats."""

import datetime

from django.urls import reverse

from tests.factories import TimelineEntryFactory

# 30 November 22:30 UTC is 23:30 in Oslo: still November there.
LAST_EVENING = datetime.datetime(2026, 11, 30, 22, 30, tzinfo=datetime.UTC)


def test_the_journal_shows_an_entry_at_its_local_time(caseworker_client, caseworker):
    entry = TimelineEntryFactory(case__caseworker=caseworker, occurred_at=LAST_EVENING)
    response = caseworker_client.get(reverse("cases:timeline", args=[entry.case.pk]))
    assert ">30.11.2026 23:30</time>" in response.content.decode()
