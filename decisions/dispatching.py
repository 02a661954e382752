"""Getting a queued letter out: render it (in the task, not in the request), then hand it to
KS Fiks SvarUt, or, where SvarUt is not configured, to the local outbox.

Exactly once. The task holds the dispatch row's lock from before it asks SvarUt until the
row is marked sent, so a second task for the same dispatch (a doubled enqueue, the resend
scan, a redelivered message) skips the locked row or finds it sent. A worker killed, or a
request timed out, after SvarUt accepted the letter but before the row was marked sent
leaves the row queued: the next attempt first looks up the dispatch's own external
reference (eksternReferanse) and records the forsendelse SvarUt already has instead of
sending a second one.
"""

import json
import threading
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from cases.units import letterhead_for
from core import svarut
from core.maskinporten import MaskinportenConfig, MaskinportenTokens
from core.pdf import render_to_pdf
from decisions import letter_content, letters, selectors, writes
from decisions.models import Dispatch, Letter

LETTER_TEMPLATE = "decisions/pdf/decision_letter.html"
# What SvarUt shows in the digital mailbox's list: no name, no service, nothing about health.
FORSENDELSE_TYPE = "Vedtak"
AVGIVENDE_SYSTEM = "KE saksbehandling"


class LetterNotRenderable(Exception):
    """The stored letter can no longer be made (its recipient was removed since)."""


class SvarUtNotConfigured(svarut.SvarUtError):
    """A dispatch for SvarUt, and no SvarUt configured (SVARUT_BASE_URL empty)."""

    def __init__(self):
        Exception.__init__(self, "SvarUt is not configured")
        self.status_code = 0


# --- Rendering ----------------------------------------------------------------------------


def stored_letter_content(letter: Letter) -> letters.Letter:
    """The content of a stored decision letter: every decision it covers, to its recipient,
    dated the day it was sent, with the deadline counted as when it was sent."""
    recipient = selectors.recipient_of(letter)
    if recipient is None:
        raise LetterNotRenderable("recipient gone")
    together = sorted(letter.decisions.all(), key=lambda d: d.pk != letter.decision_id)
    channel = letter.dispatches.values_list("channel", flat=True).order_by("id").first()
    return letter_content.decision_letter(
        letter.decision,
        recipient=recipient,
        letter_date=letter.sent_on or letter.decision.sent_on,
        together=together or [letter.decision],
        channel=channel,
    )


def letter_render(letter: Letter) -> None:
    """Render and store the archival PDF/A of a letter not rendered yet (with its checksum)."""
    if letter.file:
        return
    _html, pdf = render_to_pdf(
        LETTER_TEMPLATE, {"letter": stored_letter_content(letter)}, archival=True
    )
    writes.store_pdf(letter, pdf, f"vedtak-{letter.decision_id}-{letter.pk}.pdf")
    letter.save(update_fields=["file", "sha256"])


# --- SvarUt -------------------------------------------------------------------------------

_clients: dict[tuple, svarut.SvarUtClient] = {}
_clients_lock = threading.Lock()


def _settings_key() -> tuple:
    return (
        settings.SVARUT_BASE_URL,
        settings.SVARUT_ACCOUNT_ID,
        settings.SVARUT_INTEGRATION_ID,
        settings.SVARUT_INTEGRATION_PASSWORD,
        settings.SVARUT_TIMEOUT_SECONDS,
        settings.MASKINPORTEN_TOKEN_URL,
        settings.MASKINPORTEN_AUDIENCE,
        settings.MASKINPORTEN_CLIENT_ID,
        settings.MASKINPORTEN_SCOPE,
        str(settings.MASKINPORTEN_KEY_FILE),
        str(settings.MASKINPORTEN_CERTIFICATE_FILE),
    )


def svarut_client() -> svarut.SvarUtClient:
    """One client per process and configuration, so the Maskinporten token is reused
    between tasks until it is about to expire."""
    key = _settings_key()
    with _clients_lock:
        if key not in _clients:
            password = settings.MASKINPORTEN_KEY_PASSWORD
            tokens = MaskinportenTokens(
                MaskinportenConfig(
                    token_url=settings.MASKINPORTEN_TOKEN_URL,
                    audience=settings.MASKINPORTEN_AUDIENCE,
                    client_id=settings.MASKINPORTEN_CLIENT_ID,
                    scope=settings.MASKINPORTEN_SCOPE,
                    private_key_pem=Path(settings.MASKINPORTEN_KEY_FILE).read_bytes(),
                    certificate_pem=Path(settings.MASKINPORTEN_CERTIFICATE_FILE).read_bytes(),
                    key_password=password.encode() if password else None,
                )
            )
            _clients[key] = svarut.SvarUtClient(
                svarut.SvarUtConfig(
                    base_url=settings.SVARUT_BASE_URL,
                    account_id=settings.SVARUT_ACCOUNT_ID,
                    integration_id=settings.SVARUT_INTEGRATION_ID,
                    integration_password=settings.SVARUT_INTEGRATION_PASSWORD,
                    send_timeout=settings.SVARUT_TIMEOUT_SECONDS,
                ),
                tokens,
            )
        return _clients[key]


def _address(recipient: selectors.Recipient) -> dict:
    """SvarUt's Adresse. A protected address is not sent: SvarUt finds the way itself
    from the national identity number."""
    address = {"navn": recipient.name}
    if recipient.national_id:
        address["digitalId"] = recipient.national_id
    if not recipient.protected and recipient.postal_lines:
        *street, last = recipient.postal_lines
        postal_code, _, town = last.partition(" ")
        if postal_code.isdigit() and len(postal_code) == 4:
            address.update(postnummer=postal_code, poststed=town.strip())
        else:
            street.append(last)
        for number, line in enumerate(street[:3], start=1):
            address[f"adresselinje{number}"] = line
    return address


def forsendelse_metadata(dispatch: Dispatch) -> dict:
    """The `forsendelse` part for one letter (`dokumenter` is added by the client)."""
    letter = dispatch.letter
    recipient = selectors.recipient_of(letter)
    if recipient is None:
        raise LetterNotRenderable("recipient gone")
    head = letterhead_for(letter.decision.case)
    metadata = {
        # The sender as the recipient's mailbox shows it: the case's own unit.
        "tittel": f"Brev fra {head.unit_in_text}, {head.municipality}",
        "mottaker": _address(recipient),
        "avgivendeSystem": AVGIVENDE_SYSTEM,
        "forsendelsestype": FORSENDELSE_TYPE,
        "eksternReferanse": str(dispatch.reference),
        "korrelasjonsid": f"vedtak-{letter.decision_id}",
        "utskriftskonfigurasjon": {"utskriftMedFarger": False, "tosidig": True},
    }
    if settings.SVARUT_KONTERINGSKODE:
        metadata["konteringskode"] = settings.SVARUT_KONTERINGSKODE
    return metadata


def _documents(letter: Letter) -> list[svarut.Document]:
    with letter.file.open("rb") as pdf:
        return [svarut.Document(f"vedtak-{letter.pk}.pdf", pdf.read())]


def _send_svarut(dispatch: Dispatch) -> str:
    if not settings.SVARUT_BASE_URL:
        raise SvarUtNotConfigured()
    client = svarut_client()
    reference = str(dispatch.reference)
    # Sent already (a timeout after SvarUt accepted, a worker killed before we noted it)?
    existing = client.find_by_external_reference(reference)
    if existing:
        return existing[0]
    return client.send(forsendelse_metadata(dispatch), _documents(dispatch.letter))


# --- The local outbox -----------------------------------------------------------------------


def outbox_folder(dispatch: Dispatch) -> Path:
    return Path(settings.KE_OUTBOX_DIR) / str(dispatch.reference)


def _send_outbox(dispatch: Dispatch) -> str:
    """What SvarUt would have got, written to var/outbox/<reference>/ (0700/0600)."""
    folder = outbox_folder(dispatch)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    documents = _documents(dispatch.letter)
    metadata = {
        **forsendelse_metadata(dispatch),
        "dokumenter": [{"filnavn": d.filename, "mimeType": d.mime_type} for d in documents],
    }
    for name, content in [
        *((d.filename, d.content) for d in documents),
        ("forsendelse.json", json.dumps(metadata, ensure_ascii=False, indent=2).encode()),
    ]:
        path = folder / name
        path.write_bytes(content)
        path.chmod(0o600)
    return f"utboks-{dispatch.reference}"


# --- The task's work ------------------------------------------------------------------------

SENDERS = {Dispatch.Channel.SVARUT: _send_svarut, Dispatch.Channel.OUTBOX: _send_outbox}


def dispatch_deliver(*, dispatch_id: int) -> bool:
    """Render and send one queued dispatch. True if sent now; False if there was nothing to
    do. Raises svarut.SvarUtUnavailable for the task to retry."""
    with transaction.atomic():
        # skip_locked: a second worker running the same task skips the row instead of
        # waiting and sending it again.
        dispatch = (
            Dispatch.objects.select_for_update(skip_locked=True)
            .select_related("letter__decision")
            .filter(pk=dispatch_id)
            .first()
        )
        # Only a queued dispatch: a sent one is done, and a failed one waits for the
        # caseworker even if a stale task for it turns up.
        if dispatch is None or dispatch.status != Dispatch.Status.QUEUED:
            return False
        letter_render(dispatch.letter)
        if dispatch.channel not in SENDERS:
            return False  # our own print batch: rendered, and waits there to be printed
        dispatch.forsendelse_id = SENDERS[dispatch.channel](dispatch)
        dispatch.status = Dispatch.Status.SENT
        dispatch.sent_at = timezone.now()
        dispatch.attempts += 1
        dispatch.last_error = ""
        dispatch.save(
            update_fields=["forsendelse_id", "status", "sent_at", "attempts", "last_error"]
        )
        return True


def dispatch_record_failure(*, dispatch_id: int, error: str, final: bool) -> None:
    """Note a failed attempt; after the last retry the caseworker sees the dispatch as failed."""
    fields = {"last_error": error[:100], "attempts": F("attempts") + 1}
    if final:
        fields["status"] = Dispatch.Status.FAILED
    Dispatch.objects.filter(pk=dispatch_id).exclude(status=Dispatch.Status.SENT).update(**fields)
