import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from cases.models import AccessLog, Case, Person
from cases.national_id import synthesize
from tests.factories import CaseFactory, PersonFactory, TimelineEntryFactory
from tests.queries import assert_constant_queries

NUMBER = synthesize(datetime.date(1985, 4, 12), 100)


def registration(**overrides):
    data = {
        "national_id": NUMBER,
        "given_name": "Kari",
        "family_name": "Nordmann",
        "residence": "registered",
        "language": "norsk",
        "requests_coordinator": "on",
        "received_on": timezone.localdate().isoformat(),
        "notifier_name": "Dr. Lege",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_the_access_log_page_runs_a_constant_number_of_queries(client, leader):
    client.force_login(leader)
    made = []

    def add_rows(k):
        for case in CaseFactory.create_batch(k):
            made.append(
                AccessLog.objects.create(
                    username="x", person_id=case.person_id, object_type="case", object_id=case.pk
                )
            )

    # session, user, permissions (2), the page of rows with their users, the access-log
    # rows of the people shown and the role they name (2), saving the session (3)
    one, many = assert_constant_queries(
        lambda: client.get(reverse("cases:access_log")), add_rows, n=20, at_most=10
    )
    assert (one.status_code, many.status_code) == (200, 200)
    assert {row.person_id for row in many.context["page"].items} >= {r.person_id for r in made}


class TestCaseList:
    def test_it_runs_a_constant_number_of_queries(self, caseworker_client):
        made = []
        # session, user, permissions (2), the user's coordinator record (for the case
        # scope), the page's keys and its cases (2), the
        # access-log rows and the role they name (2), the caseworker filter's choices, and
        # saving the sliding session (an update in a savepoint: 3)
        one, many = assert_constant_queries(
            lambda: caseworker_client.get(reverse("cases:list")),
            lambda k: made.extend(CaseFactory.create_batch(k)),
            n=200,
            at_most=13,
        )
        assert (one.status_code, many.status_code) == (200, 200)
        page = many.context["page"]
        assert len(page.items) == 25 and page.has_next
        html = many.content.decode()
        assert all(case.number in html for case in page.items)
        assert all(case.person.full_name in html for case in page.items)

    def test_it_masks_the_national_id(self, caseworker_client):
        CaseFactory(person=PersonFactory(national_id=NUMBER))
        content = caseworker_client.get(reverse("cases:list")).content.decode()
        assert "120485*****" in content
        assert NUMBER not in content

    def test_it_finds_a_case_by_national_id(self, caseworker_client):
        wanted = CaseFactory(person=PersonFactory(national_id=NUMBER))
        CaseFactory.create_batch(3)
        response = caseworker_client.post(reverse("cases:list"), {"q": NUMBER}, follow=True)
        assert [c.pk for c in response.context["page"].items] == [wanted.pk]

    def test_a_search_term_never_appears_in_the_url(self, caseworker_client):
        CaseFactory(person=PersonFactory(national_id=NUMBER))
        response = caseworker_client.post(reverse("cases:list"), {"q": NUMBER, "status": ""})
        assert response.status_code == 302
        assert NUMBER not in response["Location"]
        assert "sok=" in response["Location"]

    def test_a_term_put_in_the_url_by_hand_is_ignored(self, caseworker_client):
        CaseFactory.create_batch(2)
        response = caseworker_client.get(reverse("cases:list"), {"q": "finnes-ikke"})
        assert len(response.context["page"].items) == 2

    def test_it_finds_a_case_by_number(self, caseworker_client):
        wanted = CaseFactory(number="2026/0042")
        CaseFactory()
        response = caseworker_client.post(reverse("cases:list"), {"q": "2026/42"}, follow=True)
        assert [c.pk for c in response.context["page"].items] == [wanted.pk]

    def test_it_filters_by_state_and_what_is_asked_for(self, caseworker_client):
        wanted = CaseFactory(awaiting_consent=True, requests_child_coordinator=True)
        CaseFactory(awaiting_consent=True, requests_child_coordinator=False)
        CaseFactory(requests_child_coordinator=True)
        response = caseworker_client.get(
            reverse("cases:list"), {"status": "awaiting_consent", "requested": "barnekoordinator"}
        )
        assert [c.pk for c in response.context["page"].items] == [wanted.pk]

    def test_it_filters_overdue_cases(self, caseworker_client):
        old = CaseFactory(received_on=timezone.localdate() - datetime.timedelta(days=45))
        CaseFactory()
        response = caseworker_client.get(reverse("cases:list"), {"overdue": "true"})
        assert [c.pk for c in response.context["page"].items] == [old.pk]

    def test_it_pages_without_counting(self, caseworker_client):
        CaseFactory.create_batch(26)
        first = caseworker_client.get(reverse("cases:list")).context["page"]
        second = caseworker_client.get(reverse("cases:list"), {"side": 2}).context["page"]
        assert (len(first.items), first.has_next, len(second.items), second.has_next) == (
            25,
            True,
            1,
            False,
        )

    def test_the_filter_columns_are_indexed(self):
        indexed = {tuple(i.fields) for i in Case._meta.indexes}
        assert ("status", "-received_on") in indexed
        assert ("caseworker", "status") in indexed


class TestRegistration:
    def test_a_notification_without_consent_is_registered_and_waits(self, caseworker_client):
        response = caseworker_client.post(reverse("cases:register_notification"), registration())
        case = Case.objects.get()
        assert response.status_code == 302
        assert case.status == Case.Status.AWAITING_CONSENT

    @pytest.mark.parametrize(
        "overrides,field,message",
        [
            ({"national_id": "12048510093"}, "national_id", "Kontrollsifrene"),
            ({"national_id": "", "expected_on": "2020-01-01"}, "expected_on", "passert"),
            ({"national_id": "", "born_on": "2099-01-01"}, "born_on", "fram i tid"),
            ({"notifier_name": ""}, "notifier_name", "navnet på den som meldte"),
            ({"requests_coordinator": None}, "requests_coordinator", "minst én"),
            ({"national_id": ""}, "national_id", "termindato"),
        ],
        ids=[
            "bad-number",
            "past-due-date",
            "future-birth",
            "no-notifier",
            "nothing-asked",
            "no-identity",
        ],
    )
    def test_bad_input_gets_a_norwegian_message_and_saves_nothing(
        self, caseworker_client, overrides, field, message
    ):
        response = caseworker_client.post(
            reverse("cases:register_notification"), registration(**overrides)
        )
        assert message in " ".join(response.context["form"].errors[field])
        assert (Case.objects.count(), Person.objects.count()) == (0, 0)

    def test_a_known_number_reuses_the_person(self, caseworker_client):
        PersonFactory(national_id=NUMBER, born_on=datetime.date(1985, 4, 12))
        caseworker_client.post(reverse("cases:register_application"), registration())
        assert Person.objects.count() == 1


class TestCaseEdit:
    def test_the_second_of_two_simultaneous_edits_is_told_and_overwrites_nothing(
        self, caseworker_client
    ):
        case = CaseFactory(requests_plan=True)
        form = {
            "requests_coordinator": "on",
            "received_on": case.received_on.isoformat(),
            "version": case.version,
            "caseworker": case.caseworker_id,
        }
        caseworker_client.post(reverse("cases:edit", args=[case.pk]), form)
        response = caseworker_client.post(
            reverse("cases:edit", args=[case.pk]), {**form, "requests_plan": "on"}
        )
        case.refresh_from_db()
        assert "endret av noen andre" in response.content.decode()
        assert case.requests_plan is False


class TestClose:
    def test_closing_without_a_reason_is_refused(self, caseworker_client):
        case = CaseFactory()
        response = caseworker_client.post(reverse("followup:case_close", args=[case.pk]), {})
        case.refresh_from_db()
        assert "Oppgi hvorfor saken avsluttes" in response.content.decode()
        assert case.status == Case.Status.UNDER_ASSESSMENT


class TestConsentPages:
    def test_recording_consent_moves_the_case_to_assessment(self, caseworker_client):
        case = CaseFactory(awaiting_consent=True)
        caseworker_client.post(
            reverse("cases:consent_add", args=[case.pk]),
            {
                "giver": f"person:{case.person_id}",
                "form": "oral",
                "given_on": timezone.localdate().isoformat(),
                "covers_plan": "on",
            },
        )
        case.refresh_from_db()
        assert case.status == Case.Status.UNDER_ASSESSMENT


class TestTimeline:
    def test_entries_show_newest_first(self, caseworker_client):
        case = CaseFactory()
        for text in ("Første", "Andre"):
            caseworker_client.post(
                reverse("cases:timeline_add", args=[case.pk]),
                {
                    "kind": "note",
                    "text": text,
                    "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M:%S"),
                },
            )
        entries = list(
            caseworker_client.get(reverse("cases:timeline", args=[case.pk])).context["entries"]
        )
        assert [e.text for e in entries[:2]] == ["Andre", "Første"]

    def test_an_entry_written_by_the_system_names_the_system(self, caseworker_client):
        case = CaseFactory()
        TimelineEntryFactory(case=case, author=None, text="Frist passert.")
        response = caseworker_client.get(reverse("cases:timeline", args=[case.pk]))
        assert response.status_code == 200
        assert "Systemet" in response.content.decode()


def test_the_case_list_filters_by_caseworker(caseworker_client, caseworker):
    mine = CaseFactory(caseworker=caseworker)
    CaseFactory()
    response = caseworker_client.get(reverse("cases:list"), {"caseworker": caseworker.pk})
    assert [c.pk for c in response.context["page"].items] == [mine.pk]


class TestDuplicateOpenCase:
    def test_a_person_with_an_open_case_gets_no_second_one_by_accident(self, caseworker_client):
        existing = CaseFactory(person=PersonFactory(national_id=NUMBER))
        response = caseworker_client.post(reverse("cases:register_application"), registration())
        assert existing.number in " ".join(response.context["form"].errors["national_id"])
        assert Case.objects.count() == 1

    def test_the_caseworker_can_register_a_new_case_anyway(self, caseworker_client):
        CaseFactory(person=PersonFactory(national_id=NUMBER))
        caseworker_client.post(
            reverse("cases:register_application"), registration(confirm_new_case="on")
        )
        assert Case.objects.count() == 2

    def test_a_closed_case_does_not_count(self, caseworker_client):
        CaseFactory(person=PersonFactory(national_id=NUMBER), closed=True)
        caseworker_client.post(reverse("cases:register_application"), registration())
        assert Case.objects.count() == 2


class TestAccessLogTimeRange:
    """The log is kept by the month: a search reads a time range, a year by default."""

    @pytest.mark.today("2026-12-01")
    def test_a_search_starts_a_year_back_and_the_form_shows_it(self, client, leader):
        client.force_login(leader)
        response = client.get(reverse("cases:access_log"))
        assert response.context["filter"].form["date_from"].value() == "2025-12-01"
        assert 'value="2025-12-01"' in response.content.decode()

    @pytest.mark.today("2026-12-01")
    def test_an_entry_older_than_the_range_is_not_shown_until_the_range_is_widened(
        self, client, leader
    ):
        client.force_login(leader)
        with time_machine.travel(datetime.datetime(2025, 6, 1, 12, tzinfo=datetime.UTC)):
            old = AccessLog.objects.create(username="x", object_type="case", object_id="1")
        shown = client.get(reverse("cases:access_log")).context["page"].items
        assert old not in shown
        widened = client.get(reverse("cases:access_log"), {"date_from": "2025-01-01"})
        assert old in widened.context["page"].items

    @pytest.mark.today("2026-12-01")
    def test_the_last_day_counts_to_midnight_in_oslo(self, client, leader):
        client.force_login(leader)
        # 23:30 on 10 November in Oslo is 22:30 UTC; 00:30 on the 11th is 23:30 UTC.
        with time_machine.travel(datetime.datetime(2026, 11, 10, 22, 30, tzinfo=datetime.UTC)):
            late = AccessLog.objects.create(username="x", object_type="case", object_id="1")
        with time_machine.travel(datetime.datetime(2026, 11, 10, 23, 30, tzinfo=datetime.UTC)):
            next_day = AccessLog.objects.create(username="x", object_type="case", object_id="2")
        response = client.get(
            reverse("cases:access_log"), {"date_from": "2026-11-10", "date_to": "2026-11-10"}
        )
        assert list(response.context["page"].items) == [late]
        assert next_day.at.date() == datetime.date(2026, 11, 10)  # the same day in UTC

    def test_a_search_by_user_name_ignores_case(self, client, leader):
        client.force_login(leader)
        row = AccessLog.objects.create(username="Saksbehandler7", object_type="case", object_id="1")
        response = client.get(reverse("cases:access_log"), {"username": "saksbehandler7"})
        assert list(response.context["page"].items) == [row]
