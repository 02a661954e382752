"""Maskinporten access tokens: a JWT grant signed with the organisation's business
certificate key, exchanged at the token endpoint (RFC 7523), cached until shortly before
it expires.

No domain here. Nothing in this module logs a key, an assertion or a token: an exception
names the HTTP status only.
"""

import base64
import threading
import time
import uuid
from dataclasses import dataclass

import httpx
import jwt
from cryptography import x509
from cryptography.hazmat.primitives import serialization

GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer"
# Maskinporten accepts a grant valid for at most 120 seconds.
GRANT_SECONDS = 100
# A token is renewed this long before it expires, so a request never leaves with a token
# that runs out on the way.
RENEW_BEFORE_SECONDS = 60


class MaskinportenError(Exception):
    """The token endpoint refused the grant or could not be reached."""


@dataclass(frozen=True)
class MaskinportenConfig:
    token_url: str  # e.g. https://test.maskinporten.no/token
    audience: str  # the issuer Maskinporten names itself, e.g. https://test.maskinporten.no/
    client_id: str  # the integration's client id ("integrasjonens identifikator")
    scope: str  # "ks:fiks"
    private_key_pem: bytes  # the business certificate's private key (PKCS#8 or PKCS#1 PEM)
    certificate_pem: bytes  # the business certificate, sent in the x5c header
    key_password: bytes | None = None
    timeout: float = 30.0


class MaskinportenTokens:
    """Gives a valid access token, fetching a new one only when the cached one is about to
    expire or a server has refused it (`invalidate`). Safe to share between threads."""

    def __init__(self, config: MaskinportenConfig, *, clock=time.time):
        self.config = config
        self._clock = clock
        self._lock = threading.Lock()
        self._token: str | None = None
        self._expires_at = 0.0
        self._key = serialization.load_pem_private_key(
            config.private_key_pem, password=config.key_password
        )
        certificate = x509.load_pem_x509_certificate(config.certificate_pem)
        self._x5c = [
            base64.b64encode(certificate.public_bytes(serialization.Encoding.DER)).decode()
        ]

    def token(self) -> str:
        with self._lock:
            if self._token is None or self._clock() >= self._expires_at - RENEW_BEFORE_SECONDS:
                self._token, self._expires_at = self._fetch()
            return self._token

    def invalidate(self, token: str) -> None:
        """Forget `token` (a server answered 401 to it); the next call fetches a new one."""
        with self._lock:
            if self._token == token:
                self._token, self._expires_at = None, 0.0

    def grant(self) -> str:
        now = int(self._clock())
        claims = {
            "aud": self.config.audience,
            "iss": self.config.client_id,
            "scope": self.config.scope,
            "iat": now,
            "exp": now + GRANT_SECONDS,
            "jti": str(uuid.uuid4()),
        }
        return jwt.encode(claims, self._key, algorithm="RS256", headers={"x5c": self._x5c})

    def _fetch(self) -> tuple[str, float]:
        fetched_at = self._clock()
        try:
            response = httpx.post(
                self.config.token_url,
                data={"grant_type": GRANT_TYPE, "assertion": self.grant()},
                timeout=self.config.timeout,
            )
        except httpx.HTTPError as error:
            raise MaskinportenError(type(error).__name__) from None
        if response.status_code != 200:
            raise MaskinportenError(f"token endpoint answered {response.status_code}")
        body = response.json()
        return body["access_token"], fetched_at + float(body.get("expires_in", 120))
