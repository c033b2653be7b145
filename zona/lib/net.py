"""The client's address, read through the reverse proxies the operator trusts.

Behind nginx every request comes from the proxy's address; rate limits and sign-in lock-outs
keyed on it would put every citizen in one bucket. With `ZONA_TRUSTED_PROXIES` (addresses or
networks of the proxies), the address is taken from `X-Forwarded-For`, walking from the right
past the trusted hops. Without it, `X-Forwarded-For` is ignored (a client could forge it).
"""

from __future__ import annotations

import ipaddress
import time
from functools import cache

from django.conf import settings
from django.utils.crypto import salted_hmac

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


# How long one key stands for an address: a day (UTC), then the same address gets another key.
ANONYMOUS_PERIOD = 24 * 60 * 60


def anonymous_key(group, request, *, now: float | None = None) -> str:
    """A rate-limit key for pages that must not keep the client's address (the WBS): an HMAC of
    the address under a key derived from SECRET_KEY and the current day (UTC). Every worker
    process computes the same key for the same address, and so does the process after a restart,
    so each client's attempts are counted once, together, in the shared cache: each whistleblower
    has a limit of their own. The raw address never reaches the cache, and no hash of it is kept
    past a day: the next day the same address gets an unrelated key, so cache entries (which
    expire with their window, at most an hour) can't be linked across days. Whoever holds the
    SECRET_KEY could still test a guessed address against an entry of the current day."""
    day = int((time.time() if now is None else now) // ANONYMOUS_PERIOD)
    digest = salted_hmac(f"zona.lib.net.anonymous_key:{day}", client_ip(request), algorithm="sha256")
    return digest.hexdigest()[:32]
