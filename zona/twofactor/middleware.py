"""Sends a signed-in person who owes the second factor to give it (or to enrol) before anything
else; public pages, sign-in and sign-out stay reachable."""

from __future__ import annotations

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from . import services as twofactor

# Where someone half signed in may still go.
OPEN_PREFIXES = ("/akun/", "/static/", "/i18n/", "/wbs/", "/publik/")


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(OPEN_PREFIXES) and twofactor.must_verify(request):
            target = "twofactor:verify" if twofactor.has_device(request.user) else "twofactor:enrol"
            return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
