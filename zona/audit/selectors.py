"""Reads for the audit pages: a unit's events, the units a trail covers, and one recorded object
fetched for its history."""

from __future__ import annotations

from django.apps import apps
from django.http import Http404

from zona.orgs.models import Unit

from .models import AuditEvent
from .trail import may_read


def events_of(unit: Unit):
    return AuditEvent.objects.filter(unit=unit).select_related("actor")


def units_from(unit: Unit) -> list[Unit]:
    """The unit and every unit below it."""
    return list(Unit.objects.filter(path__startswith=unit.path))


def get_recorded_for_user(request, label: str, pk: int):
    """An object of a model given by its label, for whoever may read its unit's trail; 404 for
    a label that names no model, a missing object, or one the user may not read."""
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        raise Http404 from None
    instance = model._default_manager.filter(pk=pk).first()
    if instance is None or not may_read(request.user, instance):
        raise Http404
    return instance
