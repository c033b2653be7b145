"""Portal writes (audited): what a unit's public page shows about how to reach it."""

from __future__ import annotations

from django.db import transaction

from zona.audit.services import audit_record, diff
from zona.orgs.models import Unit

from .models import PortalSettings

FIELDS = ("address", "service_hours", "phone", "whatsapp", "email", "website", "links")


@transaction.atomic
def portal_settings_save(*, unit: Unit, by, **values: str) -> PortalSettings:
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise ValueError(f"unknown portal settings: {sorted(unknown)}")
    settings, _created = PortalSettings.objects.select_for_update().get_or_create(unit=unit)
    before = {name: getattr(settings, name) for name in FIELDS}
    for name, value in values.items():
        setattr(settings, name, value)
    settings.full_clean()
    settings.save()
    audit_record(
        actor=by,
        action="portal.settings_changed",
        obj=settings,
        unit=unit,
        changes=diff(before, {name: getattr(settings, name) for name in FIELDS}),
    )
    return settings
