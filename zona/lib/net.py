"""The client's address, read through the reverse proxies the operator trusts.

Behind nginx every request comes from the proxy's address; rate limits and sign-in lock-outs
keyed on it would put every citizen in one bucket. With `ZONA_TRUSTED_PROXIES` (addresses or
networks of the proxies), the address is taken from `X-Forwarded-For`, walking from the right
past the trusted hops. Without it, `X-Forwarded-For` is ignored (a client could forge it).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from functools import cache

from django.conf import settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@cache
def _trusted(spec: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(item.strip(), strict=False) for item in spec if item.strip())


def _is_trusted(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or ""
    networks = _trusted(tuple(getattr(settings, "ZONA_TRUSTED_PROXIES", ())))
    if not networks or not _is_trusted(remote, networks):
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            return remote  # a malformed hop: don't trust anything left of it
        if not _is_trusted(hop, networks):
            return hop
    return hops[0] if hops else remote


def ratelimit_key(group, request) -> str:
    """django-ratelimit's key: the client address (see `client_ip`)."""
    return client_ip(request)


# A random pepper made when the process starts and never written anywhere: a client's address
# becomes a key that counts its attempts for the rate limit but can't be turned back into the
# address, not even by whoever reads the cache (each worker process counts on its own).
_PEPPER = secrets.token_bytes(32)


def anonymous_key(group, request) -> str:
    """A rate-limit key for pages that must not keep the client's address (the WBS)."""
    return hmac.new(_PEPPER, client_ip(request).encode(), hashlib.sha256).hexdigest()[:32]
