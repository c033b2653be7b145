"""Reads for the public pages: units found by a word, what a unit has published, and its
channel settings (for the public page, and for the unit admin who edits them)."""

from __future__ import annotations

from django.db.models import Q
from django.shortcuts import get_object_or_404

from zona.orgs.models import Unit
from zona.plans.models import Plan

from .models import PortalSettings


def units_matching(query: str):
    """Every unit in the tree's order, or those whose name or code holds `query`."""
    units = Unit.objects.select_related("parent").order_by("path")
    if query:
        units = units.filter(Q(name__icontains=query) | Q(code__icontains=query))
    return units


def get_public_unit(slug: str) -> Unit:
    return get_object_or_404(Unit, slug=slug)


def published_plans(unit: Unit):
    return Plan.objects.published().filter(unit=unit).order_by("-year")


def get_published_plan(slug: str, year: int) -> Plan:
    """A unit's published plan of a year; 404 for any other."""
    return get_object_or_404(Plan.objects.published().select_related("unit"), unit__slug=slug, year=year)


def settings_of(unit: Unit) -> PortalSettings | None:
    return PortalSettings.objects.filter(unit=unit).first()
