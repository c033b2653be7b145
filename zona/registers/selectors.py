"""Reads for the recap registers' pages: an entry fetched within its authorised unit, the counts
and headcount of a unit's year, and the plan indicators a recap may be attached to."""

from __future__ import annotations

from django.db.models import Count
from django.shortcuts import get_object_or_404

from zona.orgs.models import Unit
from zona.plans.models import Indicator

from .models import Entry, Headcount


def units_visible_to(user, limit: int = 200):
    return Unit.objects.visible_to(user).order_by("path")[:limit]


def plan_indicators(unit: Unit, year: int):
    """The indicators of the unit's plan of the year, in the plan's order."""
    return (
        Indicator.objects.filter(component__area__plan__unit=unit, component__area__plan__year=year)
        .select_related("component__area")
        .order_by("component__area_id", "component__order", "order")
    )


def headcount_of(unit: Unit, year: int) -> Headcount | None:
    return Headcount.objects.filter(unit=unit, year=year).first()


def entry_counts(unit: Unit, year: int) -> dict[str, int]:
    """How many entries each register holds for the unit's year."""
    return dict(
        Entry.objects.filter(unit=unit, year=year).values_list("kind").annotate(n=Count("pk")).order_by()
    )


def has_entries(unit: Unit, kind: str, year: int) -> bool:
    return Entry.objects.filter(unit=unit, kind=kind, year=year).exists()


def get_unit_entry(unit: Unit, kind: str, pk: int) -> Entry:
    """An entry of a register of a unit the view has already authorised (404 for another's)."""
    return get_object_or_404(Entry, unit=unit, kind=kind, pk=pk)
