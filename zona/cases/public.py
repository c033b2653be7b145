"""What every case module's public form does: count the submission against the client's
allowance, validate, submit all or nothing, and show the number with the tracking code once.

The page carries a form token. A resubmission with the same token (the answer was lost on the
way, the reporter pressed "send" again) answers the same number and code instead of filing a
duplicate: the code is derived from the token, so it is never stored in clear.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable

from django.db import IntegrityError
from django.shortcuts import get_object_or_404, render
from django.utils.functional import SimpleLazyObject

from zona.lib.errors import RuleError
from zona.lib.feedback import attempt_on_form
from zona.lib.guards import submission_limited
from zona.orgs.models import Unit

from .mail import citizen_address, short_number
from .registry import channel_urls
from .services import case_for_token

TOKEN_FIELD = "form_token"  # noqa: S105 - a form field name, not a secret
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def form_token(request) -> str:
    """The posted form token when well formed, else a new one for the page."""
    posted = request.POST.get(TOKEN_FIELD, "") if request.method == "POST" else ""
    return posted if _TOKEN.match(posted) else secrets.token_urlsafe(24)


def public_submission(
    request, slug: str, *, kind: str, form_class, template: str, done_template: str, submit: Callable
):
    """`submit(unit=…, form_token=…, **fields)` opens the case and returns (case, tracking code);
    the form's fields are the service's keyword arguments (less the honeypot)."""
    unit = get_object_or_404(Unit, slug=slug)
    token = form_token(request)
    channels = SimpleLazyObject(lambda: channel_urls(unit))  # only the form pages show them
    if request.method != "POST":
        return render(
            request, template, {"unit": unit, "form": form_class(), "form_token": token, "channels": channels}
        )
    posted_token = token if request.POST.get(TOKEN_FIELD) == token else ""
    done = case_for_token(kind=kind, unit=unit, form_token=posted_token)
    if done is not None:
        return render(request, done_template, done_context(unit, *done))
    form = form_class(request.POST, request.FILES)
    if submission_limited(request, kind):
        context = {"unit": unit, "form": form, "limited": True, "form_token": token, "channels": channels}
        return render(request, template, context, status=429)
    if form.is_valid():
        done = attempt_on_form(form, lambda: _submit_once(kind, unit, posted_token, submit, form), RuleError)
        if done is not None:
            return render(request, done_template, done_context(unit, *done))
    return render(request, template, {"unit": unit, "form": form, "form_token": token, "channels": channels})


def _submit_once(kind: str, unit, token: str, submit, form):
    """The submit service's (case, code); the same token arrived twice at once: one case, one
    answer."""
    try:
        return submit(unit=unit, form_token=token, **form_fields(form))
    except IntegrityError:
        done = case_for_token(kind=kind, unit=unit, form_token=token)
        if done is None:
            raise
        return done


def done_context(unit, case, code: str) -> dict:
    """The "received" page: the number, the code, the short number for the tracking page, and
    the address the receipt goes to (when the citizen gave one)."""
    return {
        "unit": unit,
        "case": case,
        "code": code,
        "short": short_number(case),
        "emailed": citizen_address(case),
    }


def form_fields(form) -> dict:
    """A submission form's cleaned data without its honeypot field."""
    return {name: value for name, value in form.cleaned_data.items() if name != "website"}
