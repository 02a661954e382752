import datetime
import hashlib
import re
import zoneinfo

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from plans.calendar import Event, build_ics, calendar_feed_renew, calendar_feed_revoke, escape
from plans.models import CalendarFeed
from tests.factories import AppointmentFactory, CaseFactory
from tests.plans.factories import EvaluationFactory, MeetingFactory, PlanFactory
from tests.queries import assert_constant_queries

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
NOW = datetime.datetime(2026, 11, 23, 12, 0, tzinfo=datetime.UTC)


def unfold(text: str) -> str:
    return text.replace("\r\n ", "")


# --- The text format, without a database ----------------------------------------------------


def test_every_line_ends_with_crlf():
    ics = build_ics([Event("a@ke", "Evaluering", datetime.date(2026, 12, 1))], now=NOW)
    assert ics.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    assert ics.endswith("END:VCALENDAR\r\n")
    assert ics.count("\n") == ics.count("\r\n")


def test_commas_semicolons_backslashes_and_newlines_are_escaped():
    assert escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


def test_lines_over_75_octets_are_folded_and_unfold_to_the_original():
    summary = "Ansvarsgruppemøte – sak 2026/0007, " + "æøå " * 30
    ics = build_ics([Event("a@ke", summary, datetime.date(2026, 12, 1))], now=NOW)
    assert max(len(line.encode()) for line in ics.split("\r\n")) <= 75
    assert f"SUMMARY:{escape(summary)}\r\n" in unfold(ics)


def test_folding_never_splits_a_multibyte_character():
    ics = build_ics([Event("a@ke", "ø" * 100, datetime.date(2026, 12, 1))], now=NOW)
    lines = ics.split("\r\n")
    # Every line is whole characters; the continuation lines start with one space.
    assert all(len(line.encode()) <= 75 for line in lines)
    assert "SUMMARY:" + "ø" * 100 in unfold(ics)


def test_an_evaluation_is_an_all_day_event():
    ics = build_ics([Event("a@ke", "Evaluering", datetime.date(2026, 12, 1))], now=NOW)
    assert "DTSTART;VALUE=DATE:20261201\r\nDTEND;VALUE=DATE:20261202\r\n" in ics


def test_a_meeting_with_a_time_starts_and_ends_in_utc():
    start = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=OSLO)
    ics = build_ics([Event("m@ke", "Ansvarsgruppemøte", start)], now=NOW)
    assert "DTSTART:20261201T080000Z\r\nDTEND:20261201T090000Z\r\n" in ics


def test_each_event_has_a_uid_a_stamp_and_a_url():
    event = Event("a@ke", "Evaluering", datetime.date(2026, 12, 1), "https://ke.example/p/1/")
    ics = build_ics([event], now=NOW)
    assert "UID:a@ke\r\nDTSTAMP:20261123T120000Z\r\n" in ics
    assert "URL:https://ke.example/p/1/\r\n" in ics


# --- The page and the feed --------------------------------------------------------------------


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def coordinated_plan(user, **kwargs):
    plan = PlanFactory(active=True, next_evaluation_on=in_days(20), **kwargs)
    AppointmentFactory(case=plan.case, coordinator=user.coordinator)
    return plan


def feed(client, user):
    return client.get(reverse("plans:calendar_feed", args=[calendar_feed_renew(user=user)]))


def test_the_feed_works_without_logging_in(client, coordinator_user):
    plan = coordinated_plan(coordinator_user)
    response = feed(client, coordinator_user)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert f"SUMMARY:Evaluering av plan – sak {plan.case.number}" in unfold(response.text)


def feed_status(client, token) -> int:
    return client.get(reverse("plans:calendar_feed", args=[token])).status_code


def test_a_revoked_token_gives_404(client, coordinator_user):
    token = calendar_feed_renew(user=coordinator_user)
    assert feed_status(client, token) == 200
    calendar_feed_revoke(user=coordinator_user)
    assert feed_status(client, token) == 404


def test_renewing_makes_the_old_token_give_404(client, coordinator_user):
    old = calendar_feed_renew(user=coordinator_user)
    assert feed_status(client, old) == 200
    new = calendar_feed_renew(user=coordinator_user)
    assert (feed_status(client, old), feed_status(client, new)) == (404, 200)


def test_an_unknown_token_gives_404(client, db):
    assert client.get(reverse("plans:calendar_feed", args=["gjett"])).status_code == 404


def test_a_deactivated_users_feed_gives_404(client, coordinator_user):
    token = calendar_feed_renew(user=coordinator_user)
    assert feed_status(client, token) == 200
    coordinator_user.is_active = False
    coordinator_user.save()
    assert client.get(reverse("plans:calendar_feed", args=[token])).status_code == 404


def test_another_coordinators_plans_never_appear(client, coordinator_user, today):
    own = coordinated_plan(coordinator_user)
    other = PlanFactory(active=True, next_evaluation_on=in_days(5))
    AppointmentFactory(case=other.case)
    text = feed(client, coordinator_user).text
    assert own.case.number in text
    assert other.case.number not in text


def test_a_plan_whose_appointment_ended_no_longer_appears(client, coordinator_user, today):
    plan = coordinated_plan(coordinator_user)
    assert plan.case.number in feed(client, coordinator_user).text
    plan.case.appointments.update(ended_on=timezone.localdate())
    assert plan.case.number not in feed(client, coordinator_user).text


def test_a_caseworker_sees_the_plans_of_their_own_cases_only(client, caseworker):
    own = PlanFactory(
        active=True, next_evaluation_on=in_days(3), case=CaseFactory(caseworker=caseworker)
    )
    other = PlanFactory(active=True, next_evaluation_on=in_days(3))
    text = feed(client, caseworker).text
    assert own.case.number in text
    assert other.case.number not in text


def test_the_feed_names_no_person(client, coordinator_user, today):
    plan = coordinated_plan(coordinator_user)
    MeetingFactory(plan=plan, held_on=in_days(-2), place="Hos familien Hansen")
    text = unfold(feed(client, coordinator_user).text)
    assert f"SUMMARY:Ansvarsgruppemøte – sak {plan.case.number}" in text
    assert plan.person.family_name not in text
    assert "Hansen" not in text


def test_held_meetings_and_the_agreed_next_meeting_appear(client, coordinator_user):
    plan = coordinated_plan(coordinator_user)
    MeetingFactory(
        plan=plan,
        held_on=in_days(-2),
        next_meeting_on=in_days(10),
        next_meeting_at=datetime.time(9, 30),
    )
    text = unfold(feed(client, coordinator_user).text)
    assert text.count(f"SUMMARY:Ansvarsgruppemøte – sak {plan.case.number}") == 2
    assert f"DTSTART;VALUE=DATE:{in_days(-2):%Y%m%d}" in text


def test_a_next_meeting_already_held_is_not_shown_twice(client, coordinator_user):
    plan = coordinated_plan(coordinator_user)
    MeetingFactory(plan=plan, held_on=in_days(-20), next_meeting_on=in_days(-5))
    MeetingFactory(plan=plan, held_on=in_days(-5))
    text = unfold(feed(client, coordinator_user).text)
    assert text.count("SUMMARY:Ansvarsgruppemøte") == 2


def test_items_outside_the_window_are_left_out(client, coordinator_user):
    plan = coordinated_plan(coordinator_user)
    EvaluationFactory(plan=plan, held_on=in_days(-31), next_evaluation_on=in_days(20))
    text = unfold(feed(client, coordinator_user).text)
    assert text.count("BEGIN:VEVENT") == 1


def test_the_feed_runs_a_constant_number_of_queries(client, caseworker, today):
    cases = []

    def add_rows(k):
        for _ in range(k):
            plan = PlanFactory(
                active=True, next_evaluation_on=in_days(3), case=CaseFactory(caseworker=caseworker)
            )
            MeetingFactory(plan=plan, held_on=in_days(-1), next_meeting_on=in_days(9))
            EvaluationFactory(plan=plan, held_on=in_days(-1))
            cases.append(plan.case)

    token = calendar_feed_renew(user=caseworker)
    # token and user; the user's permissions (2); evaluations planned and held; meetings
    # held and agreed; the access-log rows and the role they name (2)
    one, many = assert_constant_queries(
        lambda: client.get(reverse("plans:calendar_feed", args=[token])),
        add_rows,
        n=20,
        at_most=9,
    )
    assert (one.status_code, many.status_code) == (200, 200)
    text = unfold(many.content.decode())
    # Per plan: the evaluation planned and the one held, the meeting held and the next.
    assert text.count("BEGIN:VEVENT") == 4 * 20
    assert all(case.number in text for case in cases)


def _shown_token(response) -> str:
    match = re.search(r"/planer/kalender/([\w-]+)\.ics", response.text)
    assert match, "no feed address on the page"
    return match.group(1)


def test_the_calendar_page_shows_the_new_address_and_it_works(client, coordinator_user):
    client.force_login(coordinator_user)
    token = _shown_token(client.post(reverse("plans:calendar_renew")))
    assert feed_status(client, token) == 200


def test_the_address_is_shown_only_on_the_answer_that_made_it(client, coordinator_user):
    client.force_login(coordinator_user)
    token = _shown_token(client.post(reverse("plans:calendar_renew")))
    page = client.get(reverse("plans:calendar")).text
    assert token not in page
    assert "Du har en kalenderadresse" in page


def test_only_the_sha256_of_the_token_is_stored(coordinator_user):
    token = calendar_feed_renew(user=coordinator_user)
    stored = CalendarFeed.objects.values().get(user=coordinator_user)
    assert stored["token_hash"] == hashlib.sha256(token.encode()).hexdigest()
    assert not any(token in str(value) for value in stored.values())


@pytest.mark.django_db(transaction=True)
def test_a_token_made_before_hashing_keeps_working_after_the_migration(client):
    before = [("plans", "0002_scans_and_calendar")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    user = old.get_model("auth", "User").objects.create(username="gammel", is_active=True)
    old.get_model("plans", "CalendarFeed").objects.create(
        user_id=user.pk, token="gammel-adresse-i-outlook", created_at=timezone.now()
    )
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    feed = CalendarFeed.objects.get(user_id=user.pk)
    assert feed.token_hash == hashlib.sha256(b"gammel-adresse-i-outlook").hexdigest()
    assert feed_status(client, "gammel-adresse-i-outlook") == 200


def test_revoking_on_the_calendar_page_stops_the_feed(client, coordinator_user):
    token = calendar_feed_renew(user=coordinator_user)
    assert feed_status(client, token) == 200
    client.force_login(coordinator_user)
    client.post(reverse("plans:calendar_revoke"))
    client.logout()
    assert client.get(reverse("plans:calendar_feed", args=[token])).status_code == 404


def test_the_plan_list_links_to_the_calendar_page(coordinator_client):
    assert reverse("plans:calendar") in coordinator_client.get(reverse("plans:list")).text
