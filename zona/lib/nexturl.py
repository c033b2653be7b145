"""Where a page goes once it is done: the `next` it was given, only when that is a path on this
site (`/…`). Anything else — a bare word, another host (`//host`, `https://host`, `/\\host`), a
control character — goes to the page's default. Every view that reads `next` uses this."""

from __future__ import annotations

from functools import wraps

from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme

FIELD = "next"


def is_site_path(target: str) -> bool:
    """True for a path on this site: starts with one "/", names no host or scheme, and holds no
    backslash, space or control character (browsers read some of them as a host's start)."""
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return False
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in target):
        return False
    return url_has_allowed_host_and_scheme(target, allowed_hosts=None)


def next_path(request, default: str = "/") -> str:
    """The posted (or else queried) `next` when it is a path on this site, else `default` (a
    path or a URL name; "" stays "")."""
    target = request.POST.get(FIELD) or request.GET.get(FIELD) or ""
    if is_site_path(target):
        return target
    return resolve_url(default) if default else ""


def site_next_only(view):
    """Wrap a view that reads `next` itself (Django's admin sign-in and sign-out): a `next` that
    is not a path on this site is dropped before the view sees it, so it goes to its default."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        for name in ("GET", "POST"):
            data = getattr(request, name)
            if FIELD in data and not is_site_path(data[FIELD]):
                data = data.copy()
                del data[FIELD]
                setattr(request, name, data)
        return view(request, *args, **kwargs)

    return wrapped
