"""What the monev views share besides their reads (selectors.py): an uploaded file kept as
evidence, a cycle's address."""

from __future__ import annotations

from django.urls import reverse

from zona.evidence.services import evidence_create_file

from .models import MonevCycle


def upload_evidence(request, unit, upload, title: str):
    """An optional file from a monev form, stored as evidence of the unit (None if absent)."""
    if not upload:
        return None
    return evidence_create_file(unit=unit, title=title[:300], upload=upload, by=request.user)


def cycle_url(cycle: MonevCycle) -> str:
    return reverse("monev:cycle", args=[cycle.pk])
