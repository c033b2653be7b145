"""What every case module's public form does: rate limit, validate, submit all or nothing, and
show the number with the tracking code once."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django_ratelimit.core import is_ratelimited

from zona.lib.files import FileRejected
from zona.orgs.models import Unit

from .services import CaseError


def limited(request, group: str) -> bool:
    """True when this address sent too many public submissions (shared cache: all workers)."""
    return is_ratelimited(
        request, group=group, key="ip", rate=settings.ZONA_PUBLIC_FORM_RATE, method="POST", increment=True
    )


def public_submission(
    request, slug: str, *, form_class, template: str, done_template: str, group: str, submit: Callable
):
    """`submit(unit=…, **fields)` opens the case and returns (case, tracking code); the form's
    fields are the service's keyword arguments (less the honeypot)."""
    unit = get_object_or_404(Unit, slug=slug)
    form = form_class(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if limited(request, group):
            return render(request, template, {"unit": unit, "form": form, "limited": True}, status=429)
        if form.is_valid():
            try:
                case, code = submit(unit=unit, **form_fields(form))
            except (CaseError, FileRejected) as exc:
                form.add_error(None, str(exc))
            else:
                return render(request, done_template, {"unit": unit, "case": case, "code": code})
    return render(request, template, {"unit": unit, "form": form})


def form_fields(form) -> dict:
    """A submission form's cleaned data without its honeypot field."""
    return {name: value for name, value in form.cleaned_data.items() if name != "website"}
