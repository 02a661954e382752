"""Reopening a closed case, and handing a caseworker's cases over (issue 17, item 10)."""

import pytest
from django.urls import reverse

from cases import lifecycle
from cases.models import AccessLog, Case, TimelineEntry
from core.errors import RuleViolation
from tests.factories import CaseFactory, ConsentFactory, UserFactory

pytestmark = pytest.mark.django_db

S = Case.Status


class TestReopen:
    def test_a_closed_case_with_consent_goes_back_to_assessment(self, caseworker):
        case = CaseFactory(closed=True)
        ConsentFactory(case=case)
        lifecycle.case_reopen(case=case, by=caseworker, reason="Ny melding om samme behov.")
        case.refresh_from_db()
        assert (case.status, case.closed_reason, case.closed_on) == (S.UNDER_ASSESSMENT, "", None)

    def test_without_consent_in_force_it_waits_for_consent(self, caseworker):
        case = CaseFactory(closed=True)
        lifecycle.case_reopen(case=case, by=caseworker, reason="Ny melding.")
        case.refresh_from_db()
        assert case.status == S.AWAITING_CONSENT

    def test_the_reason_is_in_the_journal(self, caseworker):
        case = CaseFactory(closed=True)
        lifecycle.case_reopen(case=case, by=caseworker, reason="Ny melding om samme behov.")
        entry = TimelineEntry.objects.filter(case=case, kind="status").latest("id")
        assert "Saken er gjenåpnet: Ny melding om samme behov." in entry.text

    def test_it_refuses_without_a_reason(self, caseworker):
        case = CaseFactory(closed=True)
        with pytest.raises(RuleViolation, match="hvorfor saken gjenåpnes"):
            lifecycle.case_reopen(case=case, by=caseworker, reason="  ")

    def test_an_open_case_is_not_reopened(self, caseworker):
        with pytest.raises(RuleViolation, match="ikke avsluttet"):
            lifecycle.case_reopen(case=CaseFactory(), by=caseworker, reason="Feil.")

    def test_the_page_reopens_the_case(self, caseworker_client):
        case = CaseFactory(closed=True)
        caseworker_client.post(reverse("cases:reopen", args=[case.pk]), {"reason": "Ny melding."})
        case.refresh_from_db()
        assert case.is_open

    def test_a_closed_case_offers_to_reopen_and_not_to_edit(self, caseworker_client):
        case = CaseFactory(closed=True)
        html = caseworker_client.get(case.get_absolute_url()).content.decode()
        assert reverse("cases:reopen", args=[case.pk]) in html
        assert reverse("cases:edit", args=[case.pk]) not in html


class TestHandOver:
    def test_the_open_cases_go_to_the_other_caseworker(self, leader):
        away, stand_in = UserFactory(caseworker=True), UserFactory(caseworker=True)
        cases = CaseFactory.create_batch(2, caseworker=away)
        lifecycle.cases_hand_over(case_ids=[c.pk for c in cases], to=stand_in, by=leader)
        assert set(Case.objects.filter(caseworker=stand_in)) == set(cases)

    def test_a_closed_case_stays_where_it_was(self, leader):
        away, stand_in = UserFactory(caseworker=True), UserFactory(caseworker=True)
        closed = CaseFactory(caseworker=away, closed=True)
        with pytest.raises(RuleViolation, match="Velg åpne saker"):
            lifecycle.cases_hand_over(case_ids=[closed.pk], to=stand_in, by=leader)

    def test_a_handover_raises_the_version_so_an_open_edit_form_is_refused(self, leader):
        case = CaseFactory(caseworker=UserFactory(caseworker=True))
        version = case.version
        lifecycle.cases_hand_over(case_ids=[case.pk], to=UserFactory(caseworker=True), by=leader)
        case.refresh_from_db()
        assert case.version == version + 1

    def test_each_case_journal_says_who_took_over(self, leader):
        away = UserFactory(caseworker=True, first_name="Anne", last_name="Borte")
        stand_in = UserFactory(caseworker=True, first_name="Vikar", last_name="Vikarsen")
        case = CaseFactory(caseworker=away)
        lifecycle.cases_hand_over(case_ids=[case.pk], to=stand_in, by=leader, note="Ferie.")
        entry = TimelineEntry.objects.filter(case=case).latest("id")
        assert entry.text == "Saken er overført fra Anne Borte til Vikar Vikarsen. Ferie."

    def test_cases_go_only_to_a_caseworker(self, leader):
        case = CaseFactory(caseworker=UserFactory(caseworker=True))
        with pytest.raises(RuleViolation, match="aktiv saksbehandler"):
            lifecycle.cases_hand_over(case_ids=[case.pk], to=UserFactory(), by=leader)

    def test_the_page_lists_the_away_caseworkers_cases_and_logs_them(self, client, leader):
        away = UserFactory(caseworker=True)
        case = CaseFactory(caseworker=away)
        client.force_login(leader)
        response = client.get(reverse("cases:hand_over"), {"fra": away.pk})
        assert case.number in response.content.decode()
        assert AccessLog.objects.filter(user=leader, person_id=case.person_id).exists()

    def test_the_page_hands_the_chosen_cases_over(self, client, leader):
        away, stand_in = UserFactory(caseworker=True), UserFactory(caseworker=True)
        case = CaseFactory(caseworker=away)
        client.force_login(leader)
        client.post(
            f"{reverse('cases:hand_over')}?fra={away.pk}",
            {"cases": [case.pk], "to": stand_in.pk, "note": ""},
        )
        case.refresh_from_db()
        assert case.caseworker == stand_in

    def test_a_caseworker_may_not_hand_over_cases(self, caseworker_client):
        assert caseworker_client.get(reverse("cases:hand_over")).status_code == 403
