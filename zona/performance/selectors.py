"""Reads for the performance agreement's pages: the agreement of a unit's year fetched and
authorised, and its targets and indicators."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from zona.lib.periods import year_or_404
from zona.orgs.models import Unit
from zona.orgs.permissions import Action, unit_for

from .models import Agreement, Indicator, Target


def agreement_of(unit: Unit, year: int) -> Agreement | None:
    """The unit's agreement of the year, if it has one."""
    return Agreement.objects.filter(unit=unit, year=year_or_404(year)).select_related("document").first()


def get_agreement_for_user(request, slug: str, year: int, action: Action = Action.VIEW) -> Agreement:
    """The agreement of a unit's year: 404 when the user may not see the unit or it has none for
    the year, 403 when they may see it but not do `action`."""
    unit = unit_for(request, slug, action)
    return get_object_or_404(Agreement.objects.select_related("unit"), unit=unit, year=year_or_404(year))


def targets_of(agreement: Agreement):
    return Target.objects.filter(agreement=agreement)


def get_agreement_target(agreement: Agreement, pk: int) -> Target:
    """A target of an agreement the view has already authorised (404 for another's)."""
    return get_object_or_404(Target, agreement=agreement, pk=pk)


def get_agreement_indicator(agreement: Agreement, pk: int) -> Indicator:
    """An indicator of an agreement the view has already authorised (404 for another's)."""
    return get_object_or_404(Indicator, target__agreement=agreement, pk=pk)
