"""A recipient's private key, opened with their passphrase, kept for their session only.

The session (in the database) holds the private key encrypted under a random key; that random
key lives only in a cookie limited to the zone's pages (HttpOnly, SameSite=Strict, expiring
after `ZONA_WBS_UNLOCK_MINUTES` without use). A database dump alone opens nothing; signing
out, or locking, forgets both halves."""

from __future__ import annotations

import time

from django.conf import settings

from . import crypto

COOKIE = "zona_wbs_key"
PATH = "/wbs-kelola/"
SESSION_KEY = "zona_wbs_key"


def _minutes() -> int:
    return getattr(settings, "ZONA_WBS_UNLOCK_MINUTES", 30)


def store(request, response, private) -> None:
    cookie_key = crypto.data_key()
    request.session[SESSION_KEY] = {
        "user": request.user.pk,
        "box": crypto.encrypt(cookie_key, bytes(private)).hex(),
        "until": time.time() + _minutes() * 60,
    }
    _set_cookie(response, cookie_key)


def _set_cookie(response, cookie_key: bytes) -> None:
    response.set_cookie(
        COOKIE,
        cookie_key.hex(),
        max_age=_minutes() * 60,
        path=PATH,
        httponly=True,
        secure=settings.SESSION_COOKIE_SECURE,
        samesite="Strict",
    )


def private_key(request):
    """The unlocked private key, or None (locked, expired, or another person's session)."""
    data = request.session.get(SESSION_KEY)
    cookie = request.COOKIES.get(COOKIE, "")
    if not data or not cookie or data.get("user") != request.user.pk or data.get("until", 0) < time.time():
        return None
    try:
        private = crypto.private_from_bytes(crypto.decrypt(bytes.fromhex(cookie), bytes.fromhex(data["box"])))
    except (crypto.CryptoFailure, ValueError):
        return None
    data["until"] = time.time() + _minutes() * 60  # kept open while it is used
    request.session[SESSION_KEY] = data
    return private


def refresh(request, response) -> None:
    """Keep the cookie alive as long as the session half (called after a page that used it)."""
    cookie = request.COOKIES.get(COOKIE)
    if cookie and request.session.get(SESSION_KEY):
        try:
            _set_cookie(response, bytes.fromhex(cookie))
        except ValueError:
            pass


def forget(request, response) -> None:
    request.session.pop(SESSION_KEY, None)
    response.delete_cookie(COOKIE, path=PATH)
