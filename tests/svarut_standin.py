"""A local KS Fiks SvarUt and Maskinporten for tests: a small WSGI app of our own, served
over real HTTP on 127.0.0.1 on a free port, that the real client talks to.

It follows the documented contract (ks-no.github.io, svarut/RESTV2.md, SendMedDokumenter.md;
the OpenAPI specs in ks-no/fiks-svarut-klient) and checks what a real SvarUt would:
- POST /token takes a JWT grant (RFC 7523), verifies its RS256 signature with the
  certificate in its x5c header (which must be the registered one), its audience, issuer,
  scope and lifetime, and answers an access token with `expires_in`;
- every /api/ request needs a live bearer token (else 401) and the integration's
  IntegrasjonId and IntegrasjonPassord (else 403), for the configured account only;
- POST /api/v2/kontoer/{konto}/forsendelser/ parses the multipart body: the first part named
  "forsendelse" with the JSON metadata, then the documents in the order and with the file
  names of `dokumenter` (else 400). Like the real one it does not refuse a second
  forsendelse with the same eksternReferanse: a test sees a double send as two;
- the ekstern ref, status-sok and hendelser endpoints answer from what it holds.

`plan` queues what the next sends meet: "500", "401" (token revoked), "timeout" (the
forsendelse is accepted and stored, but the answer comes too late for the client).
"""

import base64
import email.parser
import email.policy
import json
import secrets
import socketserver
import threading
import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import jwt
from cryptography import x509
from cryptography.hazmat.primitives import serialization

CLIENT_ID = "ke-test-klient"
AUDIENCE = "https://maskinporten.standin.invalid/"
SCOPE = "ks:fiks"
ACCOUNT_ID = "3e0842fb-170f-49f2-9a39-345fee600e52"
INTEGRATION_ID = "5d624f2b-5eea-49ba-8d2d-dc6fa36e0d97"
INTEGRATION_PASSWORD = "integrasjon-passord-for-test"


@dataclass
class Received:
    id: str
    metadata: dict
    documents: list[tuple[str, bytes]]
    headers: dict
    received_at: float = field(default_factory=time.time)


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class _Threading(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True


class SvarUtStandIn:
    def __init__(self, certificate_pem: bytes, *, hang_seconds: float = 3.0):
        self.certificate_der = x509.load_pem_x509_certificate(certificate_pem).public_bytes(
            serialization.Encoding.DER
        )
        self.hang_seconds = hang_seconds
        self.lock = threading.Lock()
        self.forsendelser: list[Received] = []
        self.statuses: dict[str, tuple[str, str]] = {}
        self.events: dict[str, list[dict]] = {}
        self.tokens: dict[str, float] = {}  # token -> expires at (time.time())
        self.grants: list[dict] = []
        self.token_seconds = 3600
        self.plan: list[str] = []
        self.send_delay = 0.0
        # Sends accepted and stored whose answer has not left yet.
        self.inflight = 0
        self.log: list[tuple[str, str, int]] = []
        self.server = None
        self.thread = None

    # --- Running --------------------------------------------------------------------------

    def start(self) -> "SvarUtStandIn":
        self.server = make_server(
            "127.0.0.1", 0, self.app, server_class=_Threading, handler_class=_Quiet
        )
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    # --- What a test sets and reads ----------------------------------------------------------

    def by_reference(self, reference: str) -> list[Received]:
        with self.lock:
            return [f for f in self.forsendelser if f.metadata.get("eksternReferanse") == reference]

    def set_status(self, forsendelse_id: str, status: str, changed_at: str) -> None:
        with self.lock:
            self.statuses[forsendelse_id] = (status, changed_at)
            self.events.setdefault(forsendelse_id, []).append(
                {"tidspunkt": changed_at, "hendelse": status}
            )

    def revoke_tokens(self) -> None:
        """Every token issued so far stops working, as if it had expired early."""
        with self.lock:
            self.tokens = {t: 0.0 for t in self.tokens}

    def sends_answered(self, status: int) -> int:
        return sum(
            1
            for method, path, code in self.log
            if method == "POST" and path.endswith("/forsendelser/") and code == status
        )

    # --- The app ----------------------------------------------------------------------------

    def app(self, environ, start_response):
        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "")
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        try:
            status, payload = self._route(method, path, environ, body)
        except _Answer as answer:
            status, payload = answer.status, answer.payload
        with self.lock:
            self.log.append((method, path, status))
        data = json.dumps(payload).encode()
        start_response(
            f"{status} {'OK' if status < 400 else 'Error'}",
            [("Content-Type", "application/json"), ("Content-Length", str(len(data)))],
        )
        return [data]

    def _route(self, method, path, environ, body):
        if path == "/token" and method == "POST":
            return self._token(body)
        if not path.startswith("/api/v2/"):
            raise _Answer(404, {"message": "Ikke funnet"})
        self._authorise(environ)
        account_prefix = f"/api/v2/kontoer/{ACCOUNT_ID}/forsendelser"
        if path.startswith("/api/v2/kontoer/") and not path.startswith(account_prefix):
            raise _Answer(403, {"message": "Ingen tilgang til kontoen"})
        if path == account_prefix + "/" and method == "POST":
            return self._send(environ, body)
        if path == account_prefix and method == "GET":
            reference = parse_qs(environ.get("QUERY_STRING", "")).get("eksternRef", [""])[0]
            return 200, {"forsendelseIds": [f.id for f in self.by_reference(reference)]}
        if path == account_prefix + "/status-sok" and method == "POST":
            wanted = json.loads(body)["forsendelseIds"]
            with self.lock:
                found = [
                    {
                        "id": i,
                        "status": self.statuses[i][0],
                        "sisteStatusEndring": self.statuses[i][1],
                    }
                    for i in wanted
                    if i in self.statuses
                ]
            return 200, {"statuser": found}
        if path.startswith("/api/v2/forsendelser/") and path.endswith("/hendelser"):
            forsendelse_id = path.split("/")[4]
            with self.lock:
                return 200, {"hendelser": list(self.events.get(forsendelse_id, []))}
        raise _Answer(404, {"message": "Ikke funnet"})

    def _token(self, body):
        form = parse_qs(body.decode())
        if form.get("grant_type") != ["urn:ietf:params:oauth:grant-type:jwt-bearer"]:
            raise _Answer(400, {"error": "unsupported_grant_type"})
        assertion = form.get("assertion", [""])[0]
        try:
            header = jwt.get_unverified_header(assertion)
            der = base64.b64decode(header["x5c"][0])
            if der != self.certificate_der:
                raise _Answer(400, {"error": "invalid_client"})
            key = x509.load_der_x509_certificate(der).public_key()
            claims = jwt.decode(
                assertion,
                key,
                algorithms=["RS256"],
                audience=AUDIENCE,
                leeway=90,  # clock skew between us and Maskinporten
                options={"require": ["exp", "iat", "jti", "iss", "aud"]},
            )
        except (jwt.PyJWTError, KeyError, ValueError):
            raise _Answer(400, {"error": "invalid_grant"}) from None
        if claims["iss"] != CLIENT_ID or claims.get("scope") != SCOPE:
            raise _Answer(400, {"error": "invalid_scope"})
        if claims["exp"] - claims["iat"] > 120:
            raise _Answer(400, {"error": "invalid_grant", "error_description": "too long"})
        token = secrets.token_urlsafe(24)
        with self.lock:
            self.grants.append(claims)
            self.tokens[token] = time.time() + self.token_seconds
        return 200, {
            "access_token": token,
            "token_type": "Bearer",
            "expires_in": self.token_seconds,
            "scope": SCOPE,
        }

    def _authorise(self, environ):
        scheme, _, token = environ.get("HTTP_AUTHORIZATION", "").partition(" ")
        with self.lock:
            expires = self.tokens.get(token, 0.0) if scheme == "Bearer" else 0.0
        if expires <= time.time():
            raise _Answer(401, {"message": "Ugyldig eller utløpt token"})
        if (
            environ.get("HTTP_INTEGRASJONID") != INTEGRATION_ID
            or environ.get("HTTP_INTEGRASJONPASSORD") != INTEGRATION_PASSWORD
        ):
            raise _Answer(403, {"message": "Ukjent integrasjon"})

    def _send(self, environ, body):
        with self.lock:
            step = self.plan.pop(0) if self.plan else ""
        if step == "500":
            raise _Answer(500, {"message": "Systemfeil"})
        if step == "401":
            self.revoke_tokens()
            raise _Answer(401, {"message": "Ugyldig eller utløpt token"})
        metadata, documents = _parse_multipart(environ.get("CONTENT_TYPE", ""), body)
        received = Received(
            id=str(uuid.uuid4()),
            metadata=metadata,
            documents=documents,
            headers={
                "IntegrasjonId": environ.get("HTTP_INTEGRASJONID"),
                "Authorization": environ.get("HTTP_AUTHORIZATION", "").split(" ")[0],
            },
        )
        with self.lock:
            self.forsendelser.append(received)
            self.statuses[received.id] = ("MOTTATT", _now_iso())
            self.inflight += 1
        try:
            if step == "timeout":
                time.sleep(self.hang_seconds)  # accepted, but the client has given up
            elif self.send_delay:
                time.sleep(self.send_delay)
        finally:
            with self.lock:
                self.inflight -= 1
        return 200, {"id": received.id}


class _Answer(Exception):
    def __init__(self, status, payload):
        super().__init__(status)
        self.status, self.payload = status, payload


def _now_iso() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime())


def _parse_multipart(content_type: str, body: bytes) -> tuple[dict, list[tuple[str, bytes]]]:
    if not content_type.startswith("multipart/form-data"):
        raise _Answer(400, {"message": "Forventet multipart/form-data"})
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + body
    )
    parts = list(message.iter_parts())
    if not parts or parts[0].get_param("name", header="content-disposition") != "forsendelse":
        raise _Answer(400, {"message": "Første part må hete forsendelse"})
    if not parts[0].get_content_type() == "application/json":
        raise _Answer(400, {"message": "forsendelse må være JSON"})
    metadata = json.loads(parts[0].get_payload(decode=True))
    if "mottaker" not in metadata or "tittel" not in metadata:
        raise _Answer(400, {"message": "mottaker og tittel er påkrevd"})
    documents = [(p.get_filename(), p.get_payload(decode=True)) for p in parts[1:]]
    named = [d.get("filnavn") for d in metadata.get("dokumenter", [])]
    if named != [name for name, _content in documents]:
        raise _Answer(400, {"message": "Dokumentene må ha samme navn og rekkefølge"})
    return metadata, documents
