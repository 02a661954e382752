"""Sending through the real Celery task (eager here) and the real SvarUt client, over HTTP,
to the local SvarUt and Maskinporten stand-in (tests/svarut_standin.py)."""

import datetime
import hashlib
import io

import pytest
from django.core import mail
from pypdf import PdfReader

from cases.models import Relation
from cases.national_id import synthesize
from cases.vocabulary import ServiceKind
from decisions import delivery
from decisions.models import Dispatch, Letter
from decisions.tasks import dispatch_send_task
from tests.decisions.factories import DecisionFactory, child_case
from tests.factories import CaseFactory, RelationFactory
from tests.svarut_standin import INTEGRATION_ID

pytestmark = pytest.mark.django_db


def send(decision, capture):
    with capture(execute=True):
        return delivery.decision_send(decision=decision, by=decision.decided_by)


def retried(dispatch, retries=1):
    """The attempt Celery's retry runs after its backoff (eager tasks do not retry)."""
    dispatch_send_task.apply(args=[dispatch.pk], retries=retries, throw=False)
    dispatch.refresh_from_db()
    return dispatch


@pytest.fixture
def adult(db):
    case = CaseFactory(
        person__given_name="Kari",
        person__national_id=synthesize(datetime.date(1985, 4, 12), 123),
    )
    return DecisionFactory(case=case)


@pytest.fixture
def two_parents(db):
    case = child_case()
    RelationFactory(
        person=case.person,
        role=Relation.Role.PARENT,
        name="Per Forelder",
        address="Lia 2, 0156 Eksempelby",
    )
    return DecisionFactory(case=case, service=ServiceKind.CHILD_COORDINATOR)


def test_a_decision_for_two_parties_is_one_forsendelse_to_each(
    svarut, two_parents, django_capture_on_commit_callbacks
):
    send(two_parents, django_capture_on_commit_callbacks)
    received = sorted(svarut.forsendelser, key=lambda f: f.metadata["mottaker"]["navn"])
    assert [f.metadata["mottaker"]["navn"] for f in received] == ["Mona Forelder", "Per Forelder"]
    dispatches = Dispatch.objects.order_by("letter__recipient_name")
    assert [d.forsendelse_id for d in dispatches] == [f.id for f in received]
    assert [f.metadata["eksternReferanse"] for f in received] == [
        str(d.reference) for d in dispatches
    ]


def test_each_forsendelse_carries_the_stored_letter_as_its_one_document(
    svarut, adult, django_capture_on_commit_callbacks
):
    send(adult, django_capture_on_commit_callbacks)
    [forsendelse] = svarut.forsendelser
    letter = Letter.objects.get()
    [(filename, content)] = forsendelse.documents
    assert forsendelse.metadata["dokumenter"] == [
        {"filnavn": filename, "mimeType": "application/pdf"}
    ]
    assert hashlib.sha256(content).hexdigest() == letter.sha256


def test_the_forsendelse_addresses_the_party_by_national_id_and_postal_address(
    svarut, adult, django_capture_on_commit_callbacks
):
    send(adult, django_capture_on_commit_callbacks)
    person = adult.case.person
    assert svarut.forsendelser[0].metadata["mottaker"] == {
        "navn": person.full_name,
        "digitalId": person.national_id,
        "adresselinje1": "Storgata 1",
        "postnummer": "0155",
        "poststed": "Eksempelby",
    }


def test_the_title_in_the_digital_mailbox_says_nothing_about_health(
    svarut, adult, django_capture_on_commit_callbacks
):
    send(adult, django_capture_on_commit_callbacks)
    title = svarut.forsendelser[0].metadata["tittel"].lower()
    assert [w for w in ("koordinator", "plan", "vedtak om", "kari") if w in title] == []


def test_the_request_carries_the_integration_and_a_maskinporten_token(
    svarut, adult, django_capture_on_commit_callbacks
):
    send(adult, django_capture_on_commit_callbacks)
    assert svarut.forsendelser[0].headers == {
        "IntegrasjonId": INTEGRATION_ID,
        "Authorization": "Bearer",
    }
    [grant] = svarut.grants
    assert grant["scope"] == "ks:fiks"


def test_the_letter_is_rendered_by_the_task_not_in_the_request(
    svarut, adult, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        delivery.decision_send(decision=adult, by=adult.decided_by)
    assert not Letter.objects.get().file
    for callback in callbacks:
        callback()
    letter = Letter.objects.get()
    assert letter.file.open("rb").read().startswith(b"%PDF-")


def test_the_stored_letter_is_pdf_a_2a_with_its_checksum(
    svarut, adult, django_capture_on_commit_callbacks
):
    send(adult, django_capture_on_commit_callbacks)
    letter = Letter.objects.get()
    content = letter.file.open("rb").read()
    assert letter.sha256 == hashlib.sha256(content).hexdigest()
    xmp = PdfReader(io.BytesIO(content)).xmp_metadata
    identity = xmp.get_nodes_in_namespace("", "http://www.aiim.org/pdfa/ns/id/")
    values = {node.localName: node.nodeValue or node.firstChild.nodeValue for node in identity}
    assert (values.get("part"), values.get("conformance")) == ("2", "A")


def test_two_letters_share_one_maskinporten_token(
    svarut, two_parents, django_capture_on_commit_callbacks
):
    send(two_parents, django_capture_on_commit_callbacks)
    assert (len(svarut.forsendelser), len(svarut.grants)) == (2, 1)


def test_a_token_svarut_no_longer_accepts_is_replaced_and_the_letter_sent_once(
    svarut, two_parents, django_capture_on_commit_callbacks
):
    svarut.plan = ["", "401"]  # the second send meets a revoked token
    send(two_parents, django_capture_on_commit_callbacks)
    assert (len(svarut.forsendelser), len(svarut.grants)) == (2, 2)
    assert set(Dispatch.objects.values_list("status", flat=True)) == {"sent"}


def test_a_server_error_then_success_is_one_forsendelse(
    svarut, adult, django_capture_on_commit_callbacks
):
    svarut.plan = ["500"]
    send(adult, django_capture_on_commit_callbacks)
    dispatch = retried(Dispatch.objects.get())
    assert (svarut.sends_answered(500), len(svarut.forsendelser)) == (1, 1)
    assert (dispatch.status, dispatch.forsendelse_id) == ("sent", svarut.forsendelser[0].id)


def test_a_timeout_after_svarut_accepted_is_found_by_reference_and_not_sent_again(
    svarut, adult, django_capture_on_commit_callbacks
):
    svarut.plan = ["timeout"]  # accepted and stored; the answer comes after the client gave up
    send(adult, django_capture_on_commit_callbacks)
    assert Dispatch.objects.get().status == "queued"
    dispatch = retried(Dispatch.objects.get())
    [accepted] = svarut.forsendelser
    assert (dispatch.status, dispatch.forsendelse_id) == ("sent", accepted.id)


def test_running_the_task_again_sends_nothing_more(
    svarut, adult, django_capture_on_commit_callbacks
):
    send(adult, django_capture_on_commit_callbacks)
    dispatch = Dispatch.objects.get()
    dispatch_send_task.delay(dispatch.pk)
    dispatch_send_task.delay(dispatch.pk)
    assert len(svarut.forsendelser) == 1


def test_after_the_last_retry_the_dispatch_is_failed_and_the_decision_stays_sent(
    svarut, adult, django_capture_on_commit_callbacks
):
    svarut.plan = ["500"] * 10
    send(adult, django_capture_on_commit_callbacks)
    dispatch = retried(Dispatch.objects.get(), retries=dispatch_send_task.max_retries)
    assert (dispatch.status, dispatch.last_error) == ("failed", "SvarUtUnavailable")
    adult.refresh_from_db()
    assert adult.status == "sent"


def test_a_refusal_is_not_retried(svarut, adult, django_capture_on_commit_callbacks, settings):
    settings.SVARUT_INTEGRATION_PASSWORD = "feil"
    send(adult, django_capture_on_commit_callbacks)
    dispatch = Dispatch.objects.get()
    assert (dispatch.status, dispatch.attempts, dispatch.last_error) == (
        "failed",
        1,
        "SvarUtError",
    )


def test_a_failed_letter_can_be_retried_and_goes_once(
    svarut, adult, django_capture_on_commit_callbacks
):
    svarut.plan = ["500"] * 2
    send(adult, django_capture_on_commit_callbacks)
    dispatch = retried(Dispatch.objects.get(), retries=dispatch_send_task.max_retries)
    with django_capture_on_commit_callbacks(execute=True):
        delivery.dispatch_retry(dispatch=dispatch, by=adult.decided_by)
    dispatch.refresh_from_db()
    assert (dispatch.status, len(svarut.forsendelser)) == ("sent", 1)


def test_a_failed_letter_can_go_to_the_print_batch_instead(
    svarut, adult, django_capture_on_commit_callbacks
):
    svarut.plan = ["500"] * 2
    send(adult, django_capture_on_commit_callbacks)
    failed = retried(Dispatch.objects.get(), retries=dispatch_send_task.max_retries)
    post = delivery.dispatch_to_post(dispatch=failed, by=adult.decided_by)
    assert (post.channel, post.status, post.address) == (
        "post",
        "queued",
        "Storgata 1\n0155 Eksempelby",
    )


def test_sending_a_letter_sends_no_email(svarut, two_parents, django_capture_on_commit_callbacks):
    send(two_parents, django_capture_on_commit_callbacks)
    assert mail.outbox == []
