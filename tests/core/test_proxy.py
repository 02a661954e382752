import pytest

from core.proxy import client_ip, from_trusted_proxy


@pytest.fixture(autouse=True)
def _proxies(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.2", "10.0.1.0/24", "2001:db8::1"]


def _request(rf, remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return rf.get("/", **meta)


@pytest.mark.parametrize(
    ("remote", "forwarded", "client"),
    [
        # Straight from a client: the header is the client's own word, ignored.
        ("192.0.2.66", "198.51.100.7", "192.0.2.66"),
        # From the proxy: the address it appended, the right-most.
        ("10.0.0.2", "198.51.100.7", "198.51.100.7"),
        # Whatever the client put on the left is passed over.
        ("10.0.0.2", "1.2.3.4, 198.51.100.7", "198.51.100.7"),
        # Through two of our proxies, the inner one in a trusted network.
        ("10.0.0.2", "198.51.100.7, 10.0.1.9", "198.51.100.7"),
        ("10.0.0.2", " 198.51.100.7 ,10.0.1.9 ", "198.51.100.7"),
        # Nothing forwarded, or nothing usable: the proxy's own address.
        ("10.0.0.2", None, "10.0.0.2"),
        ("10.0.0.2", "", "10.0.0.2"),
        ("10.0.0.2", "198.51.100.7, unknown", "10.0.0.2"),
        ("10.0.0.2", "unknown, 10.0.1.9", "10.0.1.9"),
        # Only our proxies in the chain: the one furthest out.
        ("10.0.0.2", "10.0.1.8, 10.0.1.9", "10.0.1.8"),
        ("2001:db8::1", "2001:DB8:0:0::7", "2001:db8::7"),
    ],
)
def test_it_reads_the_client_past_trusted_proxies_only(rf, remote, forwarded, client):
    assert client_ip(_request(rf, remote, forwarded)) == client


def test_it_has_no_address_for_a_request_without_one(rf):
    request = rf.get("/")
    request.META.pop("REMOTE_ADDR")
    assert client_ip(request) is None


def test_it_trusts_no_proxy_when_none_is_configured(rf, settings):
    settings.TRUSTED_PROXIES = []
    assert from_trusted_proxy(_request(rf, "10.0.0.2", "198.51.100.7")) is False
