"""Fetch-and-authorise helpers shared by the monev views, and the small form helpers."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import reverse

from zona.evidence.services import evidence_create_file
from zona.orgs.permissions import Action, require

from .models import Finding, Meeting, MonevCycle


def form_errors(form) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


def get_cycle_for_user(request, pk: int, action: Action = Action.VIEW) -> MonevCycle:
    cycle = get_object_or_404(MonevCycle.objects.visible_to(request.user).select_related("plan__unit"), pk=pk)
    require(request.user, action, cycle.plan.unit)
    return cycle


def get_meeting_for_user(request, pk: int, action: Action = Action.VIEW) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("plan__unit"), pk=pk)
    require(request.user, action, meeting.plan.unit)
    return meeting


def get_finding_for_user(request, pk: int) -> Finding:
    finding = get_object_or_404(
        Finding.objects.visible_to(request.user).select_related("plan__unit", "owner"), pk=pk
    )
    require(request.user, Action.VIEW, finding.plan.unit)
    return finding


def upload_evidence(request, unit, upload, title: str):
    """An optional file from a monev form, stored as evidence of the unit (None if absent)."""
    if not upload:
        return None
    return evidence_create_file(unit=unit, title=title[:300], upload=upload, by=request.user)


def cycle_url(cycle: MonevCycle) -> str:
    return reverse("monev:cycle", args=[cycle.pk])
