"""The generic SvarUt client and its Maskinporten tokens, over real HTTP against the local
stand-in (tests/svarut_standin.py)."""

import logging
import time

import pytest

from core.maskinporten import MaskinportenConfig, MaskinportenTokens
from core.svarut import Document, SvarUtClient, SvarUtConfig, SvarUtError
from tests import svarut_standin as standin_module


class Clock:
    """Our side's clock, moved by the test (within the stand-in's allowance for skew)."""

    def __init__(self):
        self.now = time.time()

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def client(svarut_standin, business_certificate, clock):
    key_file, cert_file = business_certificate
    tokens = MaskinportenTokens(
        MaskinportenConfig(
            token_url=f"{svarut_standin.base_url}/token",
            audience=standin_module.AUDIENCE,
            client_id=standin_module.CLIENT_ID,
            scope=standin_module.SCOPE,
            private_key_pem=key_file.read_bytes(),
            certificate_pem=cert_file.read_bytes(),
        ),
        clock=clock,
    )
    made = SvarUtClient(
        SvarUtConfig(
            base_url=svarut_standin.base_url,
            account_id=standin_module.ACCOUNT_ID,
            integration_id=standin_module.INTEGRATION_ID,
            integration_password=standin_module.INTEGRATION_PASSWORD,
        ),
        tokens,
    )
    yield made
    made.close()


def test_two_documents_arrive_as_the_documented_multipart_in_order(client, svarut_standin):
    documents = [Document("vedtak.pdf", b"%PDF-1 one"), Document("vedlegg.pdf", b"%PDF-1 two")]
    forsendelse_id = client.send({"tittel": "Brev", "mottaker": {"navn": "Kari"}}, documents)
    [received] = svarut_standin.forsendelser
    assert received.id == forsendelse_id
    assert received.documents == [("vedtak.pdf", b"%PDF-1 one"), ("vedlegg.pdf", b"%PDF-1 two")]


def test_the_grant_is_signed_for_maskinporten_with_the_certificate(client, svarut_standin):
    client.find_by_external_reference("ingen")
    [grant] = svarut_standin.grants  # the stand-in verified signature, x5c and audience
    assert (grant["iss"], grant["aud"], grant["scope"]) == (
        standin_module.CLIENT_ID,
        standin_module.AUDIENCE,
        "ks:fiks",
    )
    assert grant["exp"] - grant["iat"] <= 120


def test_the_token_is_reused_until_shortly_before_it_expires(client, svarut_standin, clock):
    svarut_standin.token_seconds = 120
    client.find_by_external_reference("a")
    clock.now += 59  # 61 s left: still good
    client.find_by_external_reference("b")
    assert len(svarut_standin.grants) == 1
    clock.now += 2  # 59 s left: renewed before it can run out on the way
    client.find_by_external_reference("c")
    assert len(svarut_standin.grants) == 2


def test_a_token_refused_with_401_is_replaced_once(client, svarut_standin):
    client.find_by_external_reference("a")
    svarut_standin.revoke_tokens()
    assert client.find_by_external_reference("b") == []
    assert len(svarut_standin.grants) == 2


def test_a_second_401_is_an_error_not_a_loop(client, svarut_standin):
    svarut_standin.token_seconds = 0  # every token is dead on arrival
    with pytest.raises(SvarUtError) as raised:
        client.find_by_external_reference("a")
    assert raised.value.status_code == 401
    assert len(svarut_standin.grants) == 2


def test_the_reference_lookup_finds_what_was_sent_under_it(client):
    sent = client.send(
        {"tittel": "Brev", "mottaker": {"navn": "Kari"}, "eksternReferanse": "ref-1"},
        [Document("a.pdf", b"%PDF")],
    )
    assert client.find_by_external_reference("ref-1") == [sent]


def test_statuses_and_events_follow_a_forsendelse(client, svarut_standin):
    sent = client.send({"tittel": "Brev", "mottaker": {"navn": "Kari"}}, [Document("a.pdf", b"x")])
    svarut_standin.set_status(sent, "LEST", "2026-11-24T10:00:00+01:00")
    [status] = client.statuses([sent])
    assert (status.forsendelse_id, status.status) == (sent, "LEST")
    assert client.events(sent)[-1]["hendelse"] == "LEST"


def test_no_secret_reaches_the_log(client, svarut_standin, caplog):
    caplog.set_level(logging.DEBUG)
    client.find_by_external_reference("a")
    [token] = list(svarut_standin.tokens)
    assert token not in caplog.text
    assert standin_module.INTEGRATION_PASSWORD not in caplog.text
