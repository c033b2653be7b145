"""Reads for the SOP register's pages."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from zona.orgs.permissions import Action, unit_for

from .models import Sop


def get_sop_for_user(request, slug: str, pk: int, action: Action = Action.VIEW) -> Sop:
    """An SOP of the unit with its versions and reviews: 404 when the user may not see the unit
    or the SOP is another unit's, 403 when they may see it but not do `action`."""
    unit = unit_for(request, slug, action)
    return get_object_or_404(
        Sop.objects.select_related("unit").prefetch_related("versions__document", "reviews__minutes"),
        unit=unit,
        pk=pk,
    )
