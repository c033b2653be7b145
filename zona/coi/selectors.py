"""Reads for the conflict-of-interest page: a main function fetched and authorised, and the
unit's lists."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from zona.orgs.permissions import Action, unit_for

from .models import Declaration, MainFunction, Recusal

LISTED = 300


def get_function_for_user(
    request, slug: str, pk: int, action: Action = Action.MANAGE_INTEGRITY
) -> MainFunction:
    """A main function of the unit: 404 when the user may not see the unit or the function is
    another unit's, 403 when they may see it but not do `action`."""
    unit = unit_for(request, slug, action)
    return get_object_or_404(MainFunction, unit=unit, pk=pk)


def functions_of(unit):
    return MainFunction.objects.filter(unit=unit)


def declarations_of(unit):
    return Declaration.objects.filter(unit=unit).select_related("official", "document")[:LISTED]


def recusals_of(unit):
    return Recusal.objects.filter(unit=unit).select_related("official", "function")[:LISTED]
