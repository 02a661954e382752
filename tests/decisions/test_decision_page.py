"""The decision page: nothing typed is lost, and errors are shown where they can be fixed."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from core.locking import edit_stamp
from decisions.drafting import EDITABLE_FIELDS
from decisions.models import Complaint, Decision, Dispatch, Letter
from tests.decisions.factories import ComplaintFactory, DecisionFactory
from tests.decisions.pdf_text import pdf_text, squash
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

NEW_REASONS = "Kari har behov for én fast person som samordner tjenestene hennes."


def edit_data(decision, action, **changes):
    data = {
        "outcome": decision.outcome,
        "starts_on": decision.starts_on.isoformat() if decision.starts_on else "",
        "legal_basis": decision.legal_basis,
        "facts": decision.facts,
        "reasons": decision.reasons,
        "action": action,
        # The stamp of the stored text the form was opened with (core.locking).
        "edit_stamp": edit_stamp(Decision.objects.get(pk=decision.pk), EDITABLE_FIELDS),
    }
    return {**data, **changes}


def html_of(response) -> str:
    return response.content.decode()


def stored_letter_text() -> str:
    with Letter.objects.get().file.open("rb") as pdf:
        return squash(pdf_text(pdf.read()))


# --- Send: the edit and the send are one request ----------------------------------------


def test_the_send_button_belongs_to_the_edit_form(caseworker_client):
    decision = DecisionFactory(case__person__email="kari@epost.example")
    html = html_of(caseworker_client.get(decision.get_absolute_url()))
    pattern = rf'<form method="post" action="{decision.get_absolute_url()}".*?</form>'
    form = re.search(pattern, html, re.S)
    assert form is not None
    assert 'name="action" value="send"' in form.group(0)
    assert 'name="reasons"' in form.group(0)
    assert reverse("decisions:send", args=[decision.pk]) not in html


def test_an_edit_sent_together_with_send_is_in_the_stored_letter(
    caseworker_client, django_capture_on_commit_callbacks
):
    decision = DecisionFactory(case__person__email="kari@epost.example")
    with django_capture_on_commit_callbacks(execute=True):  # the task renders the letter
        response = caseworker_client.post(
            decision.get_absolute_url(),
            edit_data(decision, "send", reasons=NEW_REASONS + "\r\nMed linjeskift."),
            follow=True,
        )
    decision.refresh_from_db()
    assert decision.status == Decision.Status.SENT
    assert decision.reasons == NEW_REASONS + "\nMed linjeskift."
    assert squash(NEW_REASONS) in stored_letter_text()
    assert squash("Behovet er langvarig") not in stored_letter_text()
    assert "Vedtaket er sendt" in html_of(response)


def test_a_validation_error_on_send_sends_nothing_and_shows_the_error_at_the_field(
    caseworker_client,
):
    decision = DecisionFactory(case__person__email="kari@epost.example")
    response = caseworker_client.post(
        decision.get_absolute_url(),
        edit_data(decision, "send", reasons="", facts="Nye faktiske forhold."),
    )
    html = html_of(response)
    decision.refresh_from_db()
    assert response.status_code == 200
    assert decision.status == Decision.Status.DRAFT
    assert not Letter.objects.exists()
    assert not Dispatch.objects.exists()
    assert "Vedtaket er ikke lagret og ikke sendt." in html
    assert 'id="error_1_id_reasons"' in html  # crispy's error at the field
    assert "Fyll ut «Begrunnelse»." in html
    assert "Nye faktiske forhold." in html  # what was typed is kept
    assert decision.facts != "Nye faktiske forhold."


def test_a_send_that_the_service_refuses_keeps_the_saved_edit(caseworker_client):
    decision = DecisionFactory(
        case__person__email="",
        case__person__address="",
        case__person__postal_code="",
        case__person__postal_town="",
    )
    response = caseworker_client.post(
        decision.get_absolute_url(), edit_data(decision, "send", reasons=NEW_REASONS), follow=True
    )
    decision.refresh_from_db()
    assert decision.status == Decision.Status.DRAFT
    assert decision.reasons == NEW_REASONS
    assert not Letter.objects.exists()
    assert "Registrer en av dem før vedtaket sendes" in html_of(response)


def test_a_second_send_from_the_form_sends_nothing_more(caseworker_client):
    decision = DecisionFactory(case__person__email="kari@epost.example")
    caseworker_client.post(decision.get_absolute_url(), edit_data(decision, "send"))
    response = caseworker_client.post(
        decision.get_absolute_url(), edit_data(decision, "send", reasons="Annen."), follow=True
    )
    decision.refresh_from_db()
    assert "allerede sendt" in html_of(response)
    assert Letter.objects.count() == 1
    assert decision.reasons != "Annen."


def test_the_send_button_asks_before_sending(caseworker_client):
    decision = DecisionFactory(case__person__email="kari@epost.example")
    html = html_of(caseworker_client.get(decision.get_absolute_url()))
    assert re.search(r'value="send"[^>]*data-confirm="Sende vedtaket\?', html)
    assert "decisions/decision_detail" in html


def test_saving_with_the_first_button_only_saves(caseworker_client):
    decision = DecisionFactory(case__person__email="kari@epost.example")
    data = edit_data(decision, "save", reasons=NEW_REASONS)
    caseworker_client.post(decision.get_absolute_url(), data)
    decision.refresh_from_db()
    assert decision.reasons == NEW_REASONS
    assert decision.status == Decision.Status.DRAFT


def test_submitting_for_approval_saves_the_edit_first(caseworker_client, settings):
    settings.KE_DECISION_APPROVAL_REQUIRED = True
    decision = DecisionFactory()
    caseworker_client.post(
        decision.get_absolute_url(), edit_data(decision, "submit", reasons=NEW_REASONS)
    )
    decision.refresh_from_db()
    assert decision.status == Decision.Status.AWAITING_APPROVAL
    assert decision.reasons == NEW_REASONS


def test_a_leader_approving_unchanged_text_approves(client, leader, settings):
    settings.KE_DECISION_APPROVAL_REQUIRED = True
    client.force_login(leader)
    decision = DecisionFactory(status=Decision.Status.AWAITING_APPROVAL)
    client.post(decision.get_absolute_url(), edit_data(decision, "approve"))
    decision.refresh_from_db()
    assert decision.approved_by == leader


def test_a_leader_who_edits_before_approving_saves_the_edit_but_does_not_approve(
    client, leader, settings
):
    settings.KE_DECISION_APPROVAL_REQUIRED = True
    client.force_login(leader)
    decision = DecisionFactory(status=Decision.Status.AWAITING_APPROVAL)
    response = client.post(
        decision.get_absolute_url(),
        edit_data(decision, "approve", reasons=NEW_REASONS),
        follow=True,
    )
    decision.refresh_from_db()
    assert decision.reasons == NEW_REASONS
    assert decision.status == Decision.Status.DRAFT
    assert decision.approved_at is None
    assert "Send det til godkjenning på nytt" in html_of(response)


def test_a_caseworker_cannot_approve_through_the_form(caseworker_client):
    decision = DecisionFactory(status=Decision.Status.AWAITING_APPROVAL)
    response = caseworker_client.post(
        decision.get_absolute_url(), edit_data(decision, "approve", reasons=NEW_REASONS)
    )
    assert response.status_code == 403
    decision.refresh_from_db()
    assert (decision.status, decision.approved_by) == (Decision.Status.AWAITING_APPROVAL, None)
    assert decision.reasons != NEW_REASONS  # refused before anything is saved


def test_sending_an_approved_decision_unchanged_keeps_the_approval_and_sends(
    caseworker_client, leader, settings
):
    settings.KE_DECISION_APPROVAL_REQUIRED = True
    decision = DecisionFactory(
        case__person__email="kari@epost.example",
        status=Decision.Status.AWAITING_APPROVAL,
        approved_by=leader,
        approved_at=timezone.now(),
    )
    # The browser sends textarea line breaks as CRLF; unchanged text is still unchanged.
    data = edit_data(decision, "send", facts=decision.facts.replace("\n", "\r\n"))
    caseworker_client.post(decision.get_absolute_url(), data)
    decision.refresh_from_db()
    assert decision.status == Decision.Status.SENT


# --- Forms that fail are shown open, with errors at the fields ---------------------------


def test_an_empty_complaint_reopens_the_form_with_named_errors_at_the_fields(caseworker_client):
    decision = DecisionFactory(sent=True)
    response = caseworker_client.post(
        reverse("decisions:complaint_add", args=[decision.pk]),
        {"klage-party": "", "klage-received_on": "", "klage-summary": "Vil ha koordinator."},
    )
    html = html_of(response)
    assert response.status_code == 200
    assert not decision.complaints.exists()
    assert "<details open>" in html
    assert "Velg «Klager»." in html
    assert "Fyll ut «Mottatt hos oss»." in html
    assert "Feltet er påkrevet" not in html
    assert 'id="error_1_id_klage-party"' in html
    assert "Vil ha koordinator." in html
    assert html.count("Klagen er ikke registrert.") == 1


def test_a_complaint_the_service_refuses_shows_why_in_the_open_form(caseworker_client):
    decision = DecisionFactory(sent=True)
    before = decision.sent_on - timezone.timedelta(days=3)
    response = caseworker_client.post(
        reverse("decisions:complaint_add", args=[decision.pk]),
        {
            "klage-party": f"person:{decision.case.person_id}",
            "klage-received_on": before.isoformat(),
        },
    )
    html = html_of(response)
    assert "<details open>" in html
    assert "kan ikke ha kommet inn før vedtaket ble sendt" in html
    assert f'value="person:{decision.case.person_id}" selected' in html


def test_a_complaint_on_a_decision_with_no_deadline_is_registered_in_time(caseworker_client):
    # As plans/demo.py wrote it: sent, but with no received date or deadline.
    decision = DecisionFactory(sent=True, received_on=None, complaint_deadline=None)
    caseworker_client.post(
        reverse("decisions:complaint_add", args=[decision.pk]),
        {
            "klage-party": f"person:{decision.case.person_id}",
            "klage-received_on": timezone.localdate().isoformat(),
        },
    )
    assert Complaint.objects.get().is_late is False


def test_a_bad_received_date_reopens_its_form(caseworker_client):
    decision = DecisionFactory(sent=True)
    response = caseworker_client.post(reverse("decisions:received", args=[decision.pk]), {})
    html = html_of(response)
    assert response.status_code == 200
    assert '<details class="mb-3" open>' in html
    assert "Fyll ut «Faktisk mottatt»." in html


@pytest.mark.parametrize(
    "url,prefix,status,error",
    [
        (
            "decisions:complaint_forward",
            "oversend",
            Complaint.Status.RECEIVED,
            "Fyll ut «Koordinerende enhets vurdering av klagen».",
        ),
        (
            "decisions:complaint_reverse",
            "omgjor",
            Complaint.Status.RECEIVED,
            "Fyll ut «Begrunnelse».",
        ),
        (
            "decisions:complaint_result",
            "resultat",
            Complaint.Status.FORWARDED,
            "Velg «Statsforvalterens avgjørelse».",
        ),
    ],
)
def test_a_failed_complaint_form_reopens_with_its_input(
    caseworker_client, url, prefix, status, error
):
    complaint = ComplaintFactory(status=status)
    response = caseworker_client.post(
        reverse(url, args=[complaint.pk]),
        {f"{prefix}-{complaint.pk}-late_reason": "Syk.", f"{prefix}-{complaint.pk}-notes": "Syk."},
    )
    html = html_of(response)
    assert response.status_code == 200
    assert '<details class="mt-2" open>' in html
    assert error in html
    assert "Syk." in html
    complaint.refresh_from_db()
    assert complaint.status == status


def test_forwarding_with_per_complaint_field_names(caseworker_client):
    complaint = ComplaintFactory()
    caseworker_client.post(
        reverse("decisions:complaint_forward", args=[complaint.pk]),
        {f"oversend-{complaint.pk}-ke_assessment": "Vi står ved vedtaket."},
    )
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.FORWARDED


def test_a_draft_for_a_service_no_longer_to_decide_shows_the_error_in_the_form(
    caseworker_client, assessed_case
):
    response = caseworker_client.post(
        reverse("decisions:draft", args=[assessed_case.pk]), {"service": "barnekoordinator"}
    )
    html = html_of(response)
    assert response.status_code == 200
    assert "Velg en av verdiene i «Vedtaket gjelder»." in html
    assert not Decision.objects.exists()


# --- Missing dates read as unknown --------------------------------------------------------


def test_a_sent_decision_without_dates_says_they_are_unknown(caseworker_client):
    decision = DecisionFactory(sent=True, received_on=None, complaint_deadline=None)
    html = html_of(caseworker_client.get(decision.get_absolute_url()))
    facts = re.search(r'<dl class="row facts">.*?</dl>', html, re.S).group(0)
    assert re.search(r"Mottatt av parten</dt><dd[^>]*>ukjent</dd>", facts)
    assert re.search(r'id="klagefrist">ukjent', facts)
    assert "(antatt)" not in facts
    assert re.search(r"<dd[^>]*>\s*</dd>", facts) is None


# --- Markup --------------------------------------------------------------------------------


def test_the_deadline_cell_does_not_repeat_the_column_name(caseworker_client):
    decision = DecisionFactory(sent=True)
    html = html_of(caseworker_client.get(reverse("decisions:list")))
    assert f"<td>{decision.complaint_deadline:%d.%m.%Y}</td>" in html
    assert "Klagefrist " not in html.split("</thead>", 1)[1]


def _forms_and_tokens(html: str) -> list[int]:
    forms = re.findall(r'<form method="post".*?</form>', html, re.S)
    return [form.count('name="csrfmiddlewaretoken"') for form in forms]


def test_every_form_on_a_draft_has_one_csrf_token(caseworker_client, settings):
    settings.KE_DECISION_APPROVAL_REQUIRED = True
    decision = DecisionFactory()
    tokens = _forms_and_tokens(html_of(caseworker_client.get(decision.get_absolute_url())))
    assert tokens and set(tokens) == {1}


def test_every_form_on_a_sent_decision_with_complaints_has_one_csrf_token(caseworker_client):
    complaint = ComplaintFactory()
    ComplaintFactory(decision=complaint.decision, status=Complaint.Status.FORWARDED)
    url = complaint.decision.get_absolute_url()
    tokens = _forms_and_tokens(html_of(caseworker_client.get(url)))
    assert len(tokens) >= 3 and set(tokens) == {1}


def test_every_form_on_the_case_tab_has_one_csrf_token(caseworker_client, assessed_case):
    url = reverse("decisions:case_decisions", args=[assessed_case.pk])
    html = html_of(caseworker_client.get(url))
    assert reverse("decisions:draft", args=[assessed_case.pk]) in html
    assert set(_forms_and_tokens(html)) == {1}


def test_ids_stay_unique_with_two_open_complaints(caseworker_client):
    complaint = ComplaintFactory()
    ComplaintFactory(decision=complaint.decision)
    html = html_of(caseworker_client.get(complaint.decision.get_absolute_url()))
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids))


def test_a_case_without_decisions_has_no_table(caseworker_client):
    case = CaseFactory()
    html = html_of(caseworker_client.get(reverse("decisions:case_decisions", args=[case.pk])))
    assert "Ingen vedtak." in html


# --- Two people editing one draft (issue 17) ------------------------------------------------


def test_a_draft_saved_by_someone_else_meanwhile_is_not_overwritten(caseworker_client):
    decision = DecisionFactory()
    opened = edit_data(decision, "save", reasons="Min begrunnelse.")
    Decision.objects.filter(pk=decision.pk).update(reasons="Den andres begrunnelse.")
    caseworker_client.post(decision.get_absolute_url(), opened)
    decision.refresh_from_db()
    assert decision.reasons == "Den andres begrunnelse."


def test_the_second_editor_is_told_and_keeps_their_text(caseworker_client):
    decision = DecisionFactory()
    opened = edit_data(decision, "save", reasons="Min begrunnelse.")
    Decision.objects.filter(pk=decision.pk).update(reasons="Den andres begrunnelse.")
    html = html_of(caseworker_client.post(decision.get_absolute_url(), opened))
    assert "Vedtaket ble endret av noen andre" in html and "Min begrunnelse." in html


def test_sending_over_someone_elses_edit_sends_nothing(caseworker_client):
    decision = DecisionFactory(case__person__email="kari@epost.example")
    opened = edit_data(decision, "send", reasons="Min begrunnelse.")
    Decision.objects.filter(pk=decision.pk).update(reasons="Den andres begrunnelse.")
    caseworker_client.post(decision.get_absolute_url(), opened)
    decision.refresh_from_db()
    assert decision.status == Decision.Status.DRAFT
