"""Request guards that act before Django reads a request body.

- Every request larger than `ZONA_MAX_REQUEST_MB` is refused with 413 before its body is read
  (nginx should refuse it even earlier: `client_max_body_size`, see docs/deploy.md).
- A public form marked with `@public_form("group")` is refused with 429 when the client
  address (`zona.lib.net.client_ip`) has used up its submissions, before the upload is received
  and spooled, and before the CSRF check reads the body.
- A view that fails because the database connection was lost (a PostgreSQL restart) is run once
  more on a fresh connection before the error reaches the user.
"""

from __future__ import annotations

import logging
from urllib.parse import unquote

from django.conf import settings
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

from .net import ratelimit_key

log = logging.getLogger("zona.guards")


def public_form(group: str, key=ratelimit_key, rate: str = ""):
    """Mark a view as a public submission form limited per client (`group` names the bucket;
    the view counts a submission with `submission_limited`). `key` says who the client is: the
    address by default; the WBS passes a key that can't be traced back to it. `rate` names the
    setting of the group's allowance (default `ZONA_PUBLIC_FORM_RATE`)."""

    def mark(view):
        view.zona_rate_group = group
        view.zona_rate_key = key
        view.zona_rate_setting = rate
        return view

    return mark


def _usage(request, group: str, *, increment: bool, key=ratelimit_key, rate: str = ""):
    return get_usage(
        request,
        group=group,
        key=key,
        rate=getattr(settings, rate or "ZONA_PUBLIC_FORM_RATE"),
        method="POST",
        increment=increment,
    )


def submission_limited(request, group: str, key=ratelimit_key, rate: str = "") -> bool:
    """Count one submission from this client; True when it is over the limit."""
    usage = _usage(request, group, increment=True, key=key, rate=rate)
    return bool(usage and usage["should_limit"])


def limit_reached(request, group: str, key=ratelimit_key, rate: str = "") -> bool:
    """True when this client has used up the group's allowance (nothing is counted)."""
    usage = _usage(request, group, increment=False, key=key, rate=rate)
    return bool(usage and usage["count"] >= usage["limit"])


def failure_counted(request, group: str, key=ratelimit_key, rate: str = "") -> None:
    """Count one failed attempt (a wrong tracking code): successes are never counted."""
    _usage(request, group, increment=True, key=key, rate=rate)


def attempts(request, group: str, key=ratelimit_key, rate: str = "") -> int:
    """How many attempts this key has made in the group's current window (nothing is counted)."""
    usage = _usage(request, group, increment=False, key=key, rate=rate)
    return usage["count"] if usage else 0


def reply_limited(request, label: str) -> bool:
    """Count one reply sent from a tracking page on the case or report `label` (per object, not
    per client); True when it is over `ZONA_TRACK_REPLY_RATE`: the reply is then not saved."""
    return submission_limited(request, "track-reply", object_key(label), rate="ZONA_TRACK_REPLY_RATE")


def object_key(label: str):
    """A rate-limit key that counts per object (a case, a report) instead of per client."""

    def key(group, request) -> str:
        return label

    return key


def _refusal(status: int, message: str) -> HttpResponse:
    html = render_to_string("refused.html", {"message": message, "status": status})
    return HttpResponse(html, status=status)


class RequestGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if "\x00" in unquote(request.META.get("QUERY_STRING", "")) or "\x00" in request.path:
            # No text Zona keeps or looks up holds a NUL character (PostgreSQL refuses one): a
            # query naming one is refused here, whichever page or API endpoint it was meant for.
            return _refusal(400, _("The address holds a character that is not allowed."))
        if length > settings.ZONA_MAX_REQUEST_MB * 1024 * 1024:
            return _refusal(
                413,
                _("The request is too large (at most %(mb)s MB in all). Send fewer or smaller files.")
                % {"mb": settings.ZONA_MAX_REQUEST_MB},
            )
        if request.method == "POST":
            try:
                match = resolve(request.path_info)
            except Resolver404:
                match = None
            group = getattr(match.func, "zona_rate_group", None) if match else None
            key = getattr(match.func, "zona_rate_key", ratelimit_key) if match else ratelimit_key
            if group and limit_reached(request, group, key, getattr(match.func, "zona_rate_setting", "")):
                return _refusal(
                    429, _("Too many submissions from your connection. Please try again in an hour.")
                )
        return self.get_response(request)

    def process_exception(self, request, exception):
        """Run the view once more when the database connection was lost during it."""
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        if getattr(request, "_zona_retried", False) or request.resolver_match is None:
            return None
        lost = [
            alias
            for alias in connections
            if connections[alias].connection is not None and not connections[alias].is_usable()
        ]
        if not lost:
            return None
        for alias in lost:
            connections[alias].close()
        request._zona_retried = True
        log.warning("database connection lost during %s; retrying once", request.path)
        match = request.resolver_match
        return match.func(request, *match.args, **match.kwargs)
