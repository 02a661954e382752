import hashlib
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from cases.models import AccessLog
from decisions import delivery, selectors
from decisions.models import Decision, Dispatch, Letter
from tests.decisions.factories import DecisionFactory
from tests.factories import AppointmentFactory, CaseFactory
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def test_the_decision_list_shows_state_and_deadline(caseworker_client):
    decision = DecisionFactory(sent=True)
    html = caseworker_client.get(reverse("decisions:list")).content.decode()
    # "Sendt" alone is always on the page, in the status filter.
    assert 'status-badge">Sendt</span>' in html
    assert f"<td>{decision.complaint_deadline:%d.%m.%Y}</td>" in html


def test_the_decision_list_filters_by_state(caseworker_client):
    DecisionFactory(sent=True, case__person__given_name="Sendtsen")
    DecisionFactory(case__person__given_name="Utkastsen")
    html = caseworker_client.get(reverse("decisions:list"), {"status": "draft"}).content.decode()
    assert "Utkastsen" in html
    assert "Sendtsen" not in html


def test_the_decision_list_runs_the_same_few_queries_for_1_and_20_decisions(caseworker_client):
    made = []
    # session, user, the user's permissions (2), the user's coordinator record (for the
    # case scope), one page of decisions with their cases
    # and people, the access-log rows and the role they name (2), then the sliding
    # session's save (savepoint, update, release)
    one, many = assert_constant_queries(
        lambda: caseworker_client.get(reverse("decisions:list")),
        lambda k: made.extend(DecisionFactory.create_batch(k, sent=True)),
        n=20,
        at_most=11,
    )
    assert (one.status_code, many.status_code) == (200, 200)
    html = many.content.decode()
    for decision in made:
        assert f'href="{decision.get_absolute_url()}"' in html
    assert made[-1].case.person.full_name in html


def test_the_case_tab_offers_a_draft_once_the_case_is_assessed(caseworker_client, assessed_case):
    url = reverse("decisions:case_decisions", args=[assessed_case.pk])
    assert "Lag utkast" in caseworker_client.get(url).content.decode()


def test_the_case_tab_says_to_assess_first_without_an_assessment(caseworker_client):
    case = CaseFactory()
    url = reverse("decisions:case_decisions", args=[case.pk])
    assert "ingen lagret vurdering" in caseworker_client.get(url).content.decode()


def test_the_case_tab_logs_one_view(caseworker_client, assessed_case):
    caseworker_client.get(reverse("decisions:case_decisions", args=[assessed_case.pk]))
    assert AccessLog.objects.filter(action="view").count() == 1


def test_drafting_from_the_tab_opens_the_draft(caseworker_client, assessed_case):
    response = caseworker_client.post(
        reverse("decisions:draft", args=[assessed_case.pk]), {"service": "koordinator"}
    )
    assert response["Location"] == Decision.objects.get().get_absolute_url()


def test_the_draft_page_lists_what_the_letter_lacks(caseworker_client):
    decision = DecisionFactory(starts_on=None)
    html = caseworker_client.get(decision.get_absolute_url()).content.decode()
    assert "Det mangler" in html
    assert "startdato" in html


def test_saving_a_draft_without_reasons_shows_an_error_and_keeps_the_text(caseworker_client):
    decision = DecisionFactory()
    stored = Decision.objects.values().get(pk=decision.pk)
    response = caseworker_client.post(
        decision.get_absolute_url(),
        {
            "outcome": "granted",
            "legal_basis": "Hjemmelen slik den ble skrevet",
            "facts": "Faktum slik det ble skrevet",
            "reasons": "  ",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vedtaket er ikke lagret. Se feltene som er merket nedenfor." in html
    assert "Fyll ut «Begrunnelse»." in html
    # What was typed is kept in the form, to be corrected and saved again ...
    assert "Hjemmelen slik den ble skrevet</textarea>" in html
    assert "Faktum slik det ble skrevet</textarea>" in html
    # ... and nothing is stored.
    assert Decision.objects.values().get(pk=decision.pk) == stored
    assert not AccessLog.objects.filter(action=AccessLog.Action.CHANGE).exists()


def test_the_preview_is_a_pdf_and_logged_as_a_print(caseworker_client):
    decision = DecisionFactory()
    response = caseworker_client.get(reverse("decisions:preview", args=[decision.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert AccessLog.objects.filter(action="print", person_id=decision.case.person_id).exists()


@pytest.mark.today("2026-12-01")
def test_the_preview_of_a_sent_decision_is_dated_the_day_it_was_sent(caseworker_client):
    decision = DecisionFactory()
    delivery.decision_send(decision=decision, by=decision.case.caseworker)
    decision.refresh_from_db()
    Decision.objects.filter(pk=decision.pk).update(sent_on="2026-11-24", starts_on="2026-11-24")
    response = caseworker_client.get(reverse("decisions:preview", args=[decision.pk]))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "24.11.2026" in text
    assert "01.12.2026" not in text


def test_the_preview_is_never_stored_by_browser_or_proxy(caseworker_client):
    decision = DecisionFactory()
    response = caseworker_client.get(reverse("decisions:preview", args=[decision.pk]))
    assert {"no-store", "private"} <= set(response["Cache-Control"].split(", "))


def test_sending_from_the_page_reports_the_deadline(caseworker_client):
    decision = DecisionFactory(case__person__email="kari@epost.example")
    response = caseworker_client.post(reverse("decisions:send", args=[decision.pk]), follow=True)
    decision.refresh_from_db()
    assert f"{decision.complaint_deadline:%d.%m.%Y}" in response.content.decode()


def test_sending_to_the_print_batch_tells_the_caseworker(caseworker_client, settings):
    settings.KE_LETTER_CHANNEL = "post"
    decision = DecisionFactory()
    response = caseworker_client.post(reverse("decisions:send", args=[decision.pk]), follow=True)
    assert "utskriftsbunken" in response.content.decode()


def test_a_second_send_from_the_page_shows_a_message_and_sends_nothing(caseworker_client):
    decision = DecisionFactory(case__person__email="kari@epost.example")
    url = reverse("decisions:send", args=[decision.pk])
    caseworker_client.post(url)
    response = caseworker_client.post(url, follow=True)
    assert "allerede sendt" in response.content.decode()
    assert Dispatch.objects.count() == 1


def test_a_sent_letter_is_served_unchanged_from_storage(
    caseworker_client, django_capture_on_commit_callbacks
):
    decision = DecisionFactory(case__person__email="kari@epost.example")
    with django_capture_on_commit_callbacks(execute=True):
        delivery.decision_send(decision=decision, by=decision.decided_by)
    letter = Letter.objects.get()
    response = caseworker_client.get(reverse("decisions:letter", args=[letter.pk]))
    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == letter.sha256


def test_a_sent_letter_is_never_stored_by_browser_or_proxy(
    caseworker_client, django_capture_on_commit_callbacks
):
    decision = DecisionFactory(case__person__email="kari@epost.example")
    with django_capture_on_commit_callbacks(execute=True):
        delivery.decision_send(decision=decision, by=decision.decided_by)
    response = caseworker_client.get(reverse("decisions:letter", args=[Letter.objects.get().pk]))
    assert {"no-store", "private"} <= set(response["Cache-Control"].split(", "))


def test_a_caseworker_cannot_approve(caseworker_client):
    decision = DecisionFactory(status=Decision.Status.AWAITING_APPROVAL)
    response = caseworker_client.post(reverse("decisions:approve", args=[decision.pk]))
    assert response.status_code == 403
    decision.refresh_from_db()
    assert (decision.status, decision.approved_by, decision.approved_at) == (
        Decision.Status.AWAITING_APPROVAL,
        None,
        None,
    )


def test_a_leader_approves_from_the_page(client, leader):
    client.force_login(leader)
    decision = DecisionFactory(status=Decision.Status.AWAITING_APPROVAL)
    client.post(reverse("decisions:approve", args=[decision.pk]))
    decision.refresh_from_db()
    assert decision.approved_by == leader


def test_registering_a_complaint_from_the_page(caseworker_client):
    decision = DecisionFactory(sent=True)
    caseworker_client.post(
        reverse("decisions:complaint_add", args=[decision.pk]),
        {
            "klage-party": f"person:{decision.case.person_id}",
            "klage-received_on": decision.sent_on.isoformat(),
        },
    )
    assert decision.complaints.count() == 1


def _queued_for_post(k, made):
    for _ in range(k):
        decision = DecisionFactory(sent=True)
        letter = Letter.objects.create(
            kind=Letter.Kind.DECISION,
            decision=decision,
            recipient_key=f"person:{decision.case.person_id}",
            recipient_name=decision.case.person.full_name,
            file="letters/2026/06/brev.pdf",
            sha256="0" * 64,
        )
        made.append(
            Dispatch.objects.create(letter=letter, channel=Dispatch.Channel.POST, address="Gata 1")
        )


def test_the_print_batch_runs_the_same_queries_and_logs_each_recipient(caseworker_client):
    made = []
    # session, user, permissions (2), the user's coordinator record (for the case scope),
    # letters to post, failed emails, the access-log rows and the role they name (2),
    # saving the session (3)
    one, many = assert_constant_queries(
        lambda: caseworker_client.get(reverse("decisions:print_batch")),
        lambda k: _queued_for_post(k, made),
        n=20,
        at_most=12,
    )
    assert (one.status_code, many.status_code) == (200, 200)
    html = many.content.decode()
    assert all(d.letter.recipient_name in html for d in made)
    logged = AccessLog.objects.filter(view_name="decisions:print_batch")
    assert set(logged.values_list("person_id", flat=True)) == {
        d.letter.decision.case.person_id for d in made
    }


def test_the_print_batch_lists_letters_to_post_and_marks_them_posted(
    caseworker_client, settings, django_capture_on_commit_callbacks
):
    settings.KE_LETTER_CHANNEL = "post"
    decision = DecisionFactory(case__person__email="")
    with django_capture_on_commit_callbacks(execute=True):
        delivery.decision_send(decision=decision, by=decision.decided_by)
    dispatch = Dispatch.objects.get()
    assert (
        dispatch.letter.recipient_name
        in caseworker_client.get(reverse("decisions:print_batch")).content.decode()
    )
    caseworker_client.post(reverse("decisions:print_batch_posted"), {"dispatch": [dispatch.pk]})
    dispatch.refresh_from_db()
    assert dispatch.status == Dispatch.Status.SENT


# --- Who may see a decision -------------------------------------------------------------------
# Decision pages are KE work: `@caseworker_required` refuses everyone without
# `cases.view_all_cases` with 403 before the object is looked up, and that same
# permission lets the user see every case (cases/scoping.py). So no user who reaches
# the look-up is outside the case scope; the page's 404 is tested with a decision that
# is not there, and the scope itself on the selectors the pages read through.


def test_a_coordinator_is_refused_decisions_even_on_their_own_case(
    coordinator_client, coordinator_user
):
    appointment = AppointmentFactory(coordinator=coordinator_user.coordinator)
    decision = DecisionFactory(case=appointment.case)
    response = coordinator_client.get(decision.get_absolute_url())
    assert response.status_code == 403
    assert not AccessLog.objects.exists()


@pytest.mark.parametrize(
    "name,method",
    [
        ("detail", "get"),
        ("detail", "post"),
        ("preview", "get"),
        ("submit", "post"),
        ("send", "post"),
        ("received", "post"),
        ("complaint_add", "post"),
    ],
)
def test_a_decision_not_in_the_scope_is_not_found_and_the_attempt_is_logged(
    caseworker_client, caseworker, name, method
):
    DecisionFactory()
    missing = Decision.objects.get().pk + 1
    response = getattr(caseworker_client, method)(reverse(f"decisions:{name}", args=[missing]))
    assert response.status_code == 404
    denied = AccessLog.objects.get()
    assert (denied.user, denied.action, denied.object_type, denied.object_id) == (
        caseworker,
        AccessLog.Action.DENIED,
        "decision",
        str(missing),
    )


def test_the_decision_scope_is_the_case_scope(coordinator_user, caseworker):
    appointment = AppointmentFactory(coordinator=coordinator_user.coordinator)
    mine = DecisionFactory(case=appointment.case)
    other = DecisionFactory()
    for scope in (selectors.decision_list, selectors.decision_for_detail):
        assert list(scope(coordinator_user)) == [mine]
        assert set(scope(caseworker)) == {mine, other}


def test_the_letter_scope_is_the_case_scope(coordinator_user, caseworker, settings):
    settings.KE_LETTER_CHANNEL = "post"  # the letters wait in the print batch
    appointment = AppointmentFactory(
        coordinator=coordinator_user.coordinator, case__person__email=""
    )
    mine = DecisionFactory(case=appointment.case)
    other = DecisionFactory(case__person__email="")
    for decision in (mine, other):
        delivery.decision_send(decision=decision, by=decision.decided_by)
    assert [letter.decision for letter in selectors.letter_scope(coordinator_user)] == [mine]
    assert [d.letter.decision for d in selectors.print_batch(coordinator_user)] == [mine]
    assert {letter.decision for letter in selectors.letter_scope(caseworker)} == {mine, other}


def test_the_print_batch_prints_as_one_merged_pdf(
    caseworker_client, settings, django_capture_on_commit_callbacks
):
    settings.KE_LETTER_CHANNEL = "post"
    for _ in range(2):
        decision = DecisionFactory()
        with django_capture_on_commit_callbacks(execute=True):
            delivery.decision_send(decision=decision, by=decision.decided_by)
    pages = sum(
        len(PdfReader(io.BytesIO(letter.file.open("rb").read())).pages)
        for letter in Letter.objects.all()
    )
    response = caseworker_client.get(reverse("decisions:print_batch_pdf"))
    assert response["Content-Type"] == "application/pdf"
    assert len(PdfReader(io.BytesIO(response.content)).pages) == pages
