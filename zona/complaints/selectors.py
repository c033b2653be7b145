"""What the complaint pages read: the unit of a page (as the user may see it, or as the public
does) and the units whose complaints a unit's statistics count."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from zona.orgs.models import Unit


def get_unit_for_user(request, slug: str) -> Unit:
    """The unit of a staff page, 404 when the user may not see it."""
    return get_object_or_404(Unit.objects.visible_to(request.user), slug=slug)


def unit_public(slug: str) -> Unit:
    """The unit of a public page (any unit)."""
    return get_object_or_404(Unit, slug=slug)


def units_under(unit: Unit) -> QuerySet:
    """The unit and every unit below it: a unit's statistics count its units' complaints."""
    return Unit.objects.filter(path__startswith=unit.path)
