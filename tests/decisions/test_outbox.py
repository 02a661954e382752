"""Without SvarUt configured (development, `make run`) letters go to the local outbox: the
PDF and what SvarUt would have got, under KE_OUTBOX_DIR, shown on a page as sent. And the
development console log never holds a letter."""

import json
import logging

import pytest
from django.urls import reverse

from decisions import delivery
from decisions.dispatching import outbox_folder
from decisions.models import Dispatch, Letter
from tests.decisions.factories import DecisionFactory
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(db, django_capture_on_commit_callbacks):
    decision = DecisionFactory(case=CaseFactory(person__given_name="Kari"))
    with django_capture_on_commit_callbacks(execute=True):
        delivery.decision_send(decision=decision, by=decision.decided_by)
    return Dispatch.objects.get()


def test_the_letter_and_its_metadata_are_written_to_the_outbox(sent):
    folder = outbox_folder(sent)
    letter = Letter.objects.get()
    metadata = json.loads((folder / "forsendelse.json").read_text())
    [document] = metadata["dokumenter"]
    assert (folder / document["filnavn"]).read_bytes() == letter.file.open("rb").read()
    assert metadata["eksternReferanse"] == str(sent.reference)
    assert oct((folder / document["filnavn"]).stat().st_mode & 0o777) == "0o600"


def test_the_dispatch_is_sent(sent):
    assert (sent.channel, sent.status) == ("outbox", "sent")


def test_the_outbox_page_lists_the_letter_as_sent(caseworker_client, sent):
    html = caseworker_client.get(reverse("decisions:outbox")).content.decode()
    assert sent.letter.recipient_name in html
    assert "Sendt" in html


def test_the_decision_page_polls_while_a_letter_is_on_its_way(caseworker_client):
    decision = DecisionFactory()
    delivery.decision_send(decision=decision, by=decision.decided_by)  # task not run yet
    html = caseworker_client.get(reverse("decisions:dispatch_status", args=[decision.pk]))
    assert 'hx-trigger="every 2s"' in html.content.decode()


def test_the_polling_stops_once_the_letters_are_out(caseworker_client, sent):
    decision = sent.letter.decision
    html = caseworker_client.get(reverse("decisions:dispatch_status", args=[decision.pk]))
    assert "hx-trigger" not in html.content.decode()


def test_the_send_form_is_sent_once(caseworker_client):
    decision = DecisionFactory()
    html = caseworker_client.get(decision.get_absolute_url()).content.decode()
    assert "data-submit-once" in html


def test_the_console_log_of_a_send_holds_no_letter(
    settings, capsys, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    caplog.set_level(logging.DEBUG)
    decision = DecisionFactory(case=CaseFactory(person__given_name="Kari"))
    with django_capture_on_commit_callbacks(execute=True):
        delivery.decision_send(decision=decision, by=decision.decided_by)
    out, err = capsys.readouterr()
    logged = f"{out}{err}{caplog.text}"
    assert "%PDF" not in logged and "JVBERi0" not in logged  # raw or base64
    assert decision.reasons not in logged
