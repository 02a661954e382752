"""Fixtures that point the app at the local SvarUt and Maskinporten stand-in
(tests/svarut_standin.py). Import them into a conftest to use them."""

import datetime
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from decisions import dispatching
from tests import svarut_standin as standin_module
from tests.svarut_standin import SvarUtStandIn


@pytest.fixture(scope="session")
def business_certificate(tmp_path_factory) -> tuple[Path, Path]:
    """A throwaway "virksomhetssertifikat": (key file, certificate file), PEM."""
    folder = tmp_path_factory.mktemp("virksomhetssertifikat")
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Eksempel kommune")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_file, cert_file = folder / "key.pem", folder / "cert.pem"
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return key_file, cert_file


@pytest.fixture
def svarut_standin(business_certificate):
    standin = SvarUtStandIn(business_certificate[1].read_bytes()).start()
    yield standin
    standin.stop()


def svarut_environment(standin: SvarUtStandIn, business_certificate, *, timeout: int) -> dict:
    """The settings, as environment variables (for a worker process) or as settings."""
    key_file, cert_file = business_certificate
    return {
        "SVARUT_BASE_URL": standin.base_url,
        "SVARUT_ACCOUNT_ID": standin_module.ACCOUNT_ID,
        "SVARUT_INTEGRATION_ID": standin_module.INTEGRATION_ID,
        "SVARUT_INTEGRATION_PASSWORD": standin_module.INTEGRATION_PASSWORD,
        "SVARUT_TIMEOUT_SECONDS": str(timeout),
        "MASKINPORTEN_TOKEN_URL": f"{standin.base_url}/token",
        "MASKINPORTEN_AUDIENCE": standin_module.AUDIENCE,
        "MASKINPORTEN_CLIENT_ID": standin_module.CLIENT_ID,
        "MASKINPORTEN_SCOPE": standin_module.SCOPE,
        "MASKINPORTEN_KEY_FILE": str(key_file),
        "MASKINPORTEN_CERTIFICATE_FILE": str(cert_file),
        "KE_LETTER_CHANNEL": "svarut",
    }


@pytest.fixture
def svarut(svarut_standin, business_certificate, settings):
    """Letters go through SvarUt, which is the stand-in; the client times out after 1 s."""
    for name, value in svarut_environment(svarut_standin, business_certificate, timeout=1).items():
        setattr(settings, name, int(value) if name == "SVARUT_TIMEOUT_SECONDS" else value)
    svarut_standin.hang_seconds = 2.0
    dispatching._clients.clear()
    yield svarut_standin
    dispatching._clients.clear()
