"""The citizen's page every case kind shares: the tracking page (number + tracking code). A
kind's `urls_public.py` passes `kind=` to it (see docs/adding-a-case-module.md); the kind's own
public form is its `views_public.py`, built on `zona.cases.public`."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from . import tracking
from .registry import KINDS
from .selectors import get_public_unit, public_conversation, public_events
from .services import case_find, case_number_full, case_numbered


def public_track(request, slug: str, kind: str):
    """Number + tracking code → the case's public status, history and conversation, and what the
    kind adds (replies, the written notice, a keberatan). Only failed look-ups count, per address
    and per case (zona.cases.tracking): a citizen with the right code is never refused because
    of other people's guesses."""
    spec = KINDS[kind]
    unit = get_public_unit(slug)
    template = f"{spec.namespace}/public_track.html"
    context: dict = {"unit": unit, "spec": spec}
    if request.method != "POST":
        return render(request, template, context)
    number, code = request.POST.get("number", "")[:80], request.POST.get("code", "")[:20]
    number = case_number_full(number, code, unit=unit, kind=kind)  # 000002 on its unit's page
    named = case_numbered(number, unit=unit, kind=kind)
    if named is not None and tracking.case_locked(request, named):
        return render(request, template, {**context, "case_locked": True}, status=429)
    case = case_find(number, code)
    if case is None or case.unit_id != unit.pk or case.kind != kind:
        locked = tracking.address_locked(request, kind)
        tracking.guess_failed(request, kind, named)
        if locked:
            return render(request, template, {**context, "limited": True}, status=429)
        return render(request, template, {**context, "not_found": True})
    flow = spec.workflow()
    extra = spec.track(request, case, code) if spec.track else {}
    if isinstance(extra, HttpResponse):
        return extra
    context.update(
        {
            "case": case,
            "code": code,
            "state": flow.states[case.state],
            "is_final": flow.states[case.state].final,
            "events": public_events(case),
            "conversation": public_conversation(case),
            **extra,
        }
    )
    return render(request, template, context)
