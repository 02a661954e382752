"""A small client for KS Fiks SvarUt, REST API v2 (ks-no.github.io,
content/Tjenester/svarut/RESTV2.md and SendMedDokumenter.md; OpenAPI specs in
ks-no/fiks-svarut-klient):

- send: POST /api/v2/kontoer/{konto-id}/forsendelser/, multipart: the first part named
  "forsendelse" holds the metadata JSON, then one part per document, in the order and with
  the file names of `dokumenter` in the metadata. Answers {"id": <forsendelse id>}.
- ekstern ref: GET /api/v2/kontoer/{konto-id}/forsendelser?eksternRef=... answers
  {"forsendelseIds": [...]}: what was already sent under our own reference.
- status: POST /api/v2/kontoer/{konto-id}/forsendelser/status-sok {"forsendelseIds": [...]}
  answers {"statuser": [{"id", "status", "sisteStatusEndring"}]}.
- hendelser: GET /api/v2/forsendelser/{id}/hendelser answers
  {"hendelser": [{"tidspunkt", "hendelse"}]}.

Every request carries `Authorization: Bearer <Maskinporten token>`, `IntegrasjonId` and
`IntegrasjonPassord`. A 401 fetches a new token and tries once more. No domain here, and
nothing logged: errors name the HTTP status, never a body (it may echo a name).
"""

import json
from dataclasses import dataclass

import httpx

from core.maskinporten import MaskinportenError, MaskinportenTokens

# SendMedDokumenter.md: "Ved innsending av forsendelser anbefales det en timeout på
# 16 minutter."
SEND_TIMEOUT_SECONDS = 16 * 60
STATUS_BATCH = 100


class SvarUtError(Exception):
    """SvarUt refused the request (4xx other than 401): trying again will not help."""

    def __init__(self, status_code: int):
        super().__init__(f"SvarUt answered {status_code}")
        self.status_code = status_code


class SvarUtUnavailable(Exception):
    """SvarUt or Maskinporten did not answer, timed out or answered 5xx: try again later.
    After a timeout the forsendelse may have been accepted all the same: look up the
    external reference before sending again."""


@dataclass(frozen=True)
class SvarUtConfig:
    base_url: str  # https://svarut.ks.no, or https://test.svarut.ks.no
    account_id: str  # the sending account's id (konto-id, a uuid)
    integration_id: str
    integration_password: str
    send_timeout: float = SEND_TIMEOUT_SECONDS
    timeout: float = 60.0


@dataclass(frozen=True)
class Document:
    filename: str
    content: bytes
    mime_type: str = "application/pdf"


@dataclass(frozen=True)
class Status:
    forsendelse_id: str
    status: str  # MOTTATT, AKSEPTERT, SENDT_DIGITALT, LEST, SENDT_PRINT, IKKE_LEVERT, ...
    changed_at: str  # ISO 8601 with offset, as SvarUt gives it


class SvarUtClient:
    def __init__(self, config: SvarUtConfig, tokens: MaskinportenTokens):
        self.config = config
        self.tokens = tokens
        self._http = httpx.Client(base_url=config.base_url.rstrip("/"), timeout=config.timeout)

    def close(self) -> None:
        self._http.close()

    # --- The endpoints ------------------------------------------------------------------------

    def send(self, forsendelse: dict, documents: list[Document]) -> str:
        """Send one forsendelse; its id. `forsendelse["dokumenter"]` is filled from
        `documents`, so the metadata and the parts cannot disagree."""
        metadata = {
            **forsendelse,
            "dokumenter": [{"filnavn": d.filename, "mimeType": d.mime_type} for d in documents],
        }
        files = [
            (
                "forsendelse",
                (None, json.dumps(metadata).encode(), "application/json;charset=UTF-8"),
            ),
            *(
                (f"dokument{number}", (d.filename, d.content, "application/octet-stream"))
                for number, d in enumerate(documents, start=1)
            ),
        ]
        response = self._request(
            "POST",
            f"/api/v2/kontoer/{self.config.account_id}/forsendelser/",
            files=files,
            timeout=self.config.send_timeout,
        )
        return response.json()["id"]

    def find_by_external_reference(self, reference: str) -> list[str]:
        response = self._request(
            "GET",
            f"/api/v2/kontoer/{self.config.account_id}/forsendelser",
            params={"eksternRef": reference},
        )
        return list(response.json().get("forsendelseIds", []))

    def statuses(self, forsendelse_ids: list[str]) -> list[Status]:
        found = []
        for start in range(0, len(forsendelse_ids), STATUS_BATCH):
            response = self._request(
                "POST",
                f"/api/v2/kontoer/{self.config.account_id}/forsendelser/status-sok",
                json={"forsendelseIds": forsendelse_ids[start : start + STATUS_BATCH]},
            )
            found += [
                Status(s["id"], s["status"], s.get("sisteStatusEndring", ""))
                for s in response.json().get("statuser", [])
            ]
        return found

    def events(self, forsendelse_id: str) -> list[dict]:
        response = self._request("GET", f"/api/v2/forsendelser/{forsendelse_id}/hendelser")
        return list(response.json().get("hendelser", []))

    # --- Transport ----------------------------------------------------------------------------

    def _headers(self, token: str) -> dict[str, str]:
        return {
            "Authorization": f"Bearer {token}",
            "IntegrasjonId": self.config.integration_id,
            "IntegrasjonPassord": self.config.integration_password,
            "Accept": "application/json",
        }

    def _request(self, method: str, path: str, **kwargs) -> httpx.Response:
        for attempt in (1, 2):
            try:
                token = self.tokens.token()
            except MaskinportenError as error:
                raise SvarUtUnavailable(str(error)) from None
            try:
                response = self._http.request(method, path, headers=self._headers(token), **kwargs)
            except httpx.HTTPError as error:
                # A timeout included: the request may have arrived all the same.
                raise SvarUtUnavailable(type(error).__name__) from None
            if response.status_code == 401 and attempt == 1:
                # Expired or revoked before our clock said so: a new token, once.
                self.tokens.invalidate(token)
                continue
            if response.status_code >= 500:
                raise SvarUtUnavailable(f"SvarUt answered {response.status_code}")
            if response.status_code >= 400:
                raise SvarUtError(response.status_code)
            return response
        raise SvarUtError(401)
