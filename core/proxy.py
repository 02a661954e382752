"""The client's address, read past our own reverse proxies and nobody else's.

Behind the TLS proxy every request comes from the proxy's address. The proxy appends
the address it saw to X-Forwarded-For, but a client can send that header too, with any
addresses in it. So the header is read only when REMOTE_ADDR is one of
settings.TRUSTED_PROXIES, and from the right: the first address that is not one of
our proxies is the client's.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]):
    # The settings check each entry when they are read; this only parses them once.
    return tuple(ipaddress.ip_network(proxy) for proxy in proxies)


def _address(value: str):
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _is_trusted(address) -> bool:
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    return address is not None and any(address in network for network in networks)


def from_trusted_proxy(request) -> bool:
    """Whether the request came straight from one of our own proxies."""
    return _is_trusted(_address(request.META.get("REMOTE_ADDR") or ""))


def client_ip(request) -> str | None:
    """The client's IP address, for the access log and for django-axes' lockouts."""
    remote = request.META.get("REMOTE_ADDR") or None
    if not from_trusted_proxy(request):
        return remote
    client = remote
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = _address(hop)
        if address is None:
            # Not an address: keep the last one a trusted proxy vouched for.
            break
        client = str(address)
        if not _is_trusted(address):
            break
    return client
