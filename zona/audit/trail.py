"""The field-level audit trail (django-auditlog): each change of a domain model, with its old and
new values, is stamped with the unit it belongs to, so it can be read per object and exported per
unit and period for the Inspektorat (the file: exporters.py).

Which models are recorded, with which fields left out, each app declares in its `audit.py`
(see `registry.py`), which also stamps each entry with its object's unit. Who may read the trail:
the unit admin, the TPI (reviewer) and the APIP over their units; the trail of the models an app
declares narrow (the cases, complaints, PPID, gratification reports) only the APIP, because those
records are narrower than the unit."""

from __future__ import annotations

from datetime import date, datetime, time

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from zona.orgs.models import Unit, roles_on
from zona.orgs.permissions import ALLOWED, Action

from .registry import RECORDED, unit_of


def _actions_for(model) -> frozenset[str]:
    if RECORDED[model].narrow:
        return ALLOWED[Action.HANDLE_INTEGRITY_COMPLAINT]
    return ALLOWED[Action.VIEW_AUDIT]


def may_read(user, instance) -> bool:
    """Whether the user may read the object's history: its model is recorded, and the user holds a
    role that reads the trail on the object's unit (an object without a unit: the superuser)."""
    model = type(instance)
    if model not in RECORDED:
        return False
    unit = unit_of(instance)
    if unit is None:
        return bool(user.is_superuser)
    return bool(roles_on(user, unit) & _actions_for(model))


def entries_for(instance):
    from auditlog.models import LogEntry

    return LogEntry.objects.get_for_object(instance).select_related("actor", "content_type")


def unit_entries(units: list[Unit], start: date, end: date, user):
    """Log entries of the units in the period that the user may read (narrow modules only for
    the APIP)."""
    from auditlog.models import LogEntry

    ids = [u.pk for u in units]
    narrow_ok = {u.pk for u in units if roles_on(user, u) & ALLOWED[Action.HANDLE_INTEGRITY_COMPLAINT]}
    found = LogEntry.objects.filter(
        additional_data__unit__in=ids,
        timestamp__gte=timezone.make_aware(datetime.combine(start, time.min)),
        timestamp__lte=timezone.make_aware(datetime.combine(end, time.max)),
    ).select_related("actor", "content_type")
    if set(ids) - narrow_ok:
        narrow = ContentType.objects.get_for_models(*[m for m, entry in RECORDED.items() if entry.narrow])
        found = found.exclude(
            content_type__in=list(narrow.values()), additional_data__unit__in=list(set(ids) - narrow_ok)
        )
    return found.order_by("timestamp", "pk")


ACTIONS = {0: "create", 1: "update", 2: "delete", 3: "access"}


def rows(entries) -> list[list[str]]:
    """One row per changed field: time, who, action, object type and id, the object, the field,
    its old and new value."""
    out = []
    for entry in entries:
        head = [
            timezone.localtime(entry.timestamp).strftime("%Y-%m-%d %H:%M:%S"),
            str(entry.actor or "–"),
            ACTIONS.get(entry.action, str(entry.action)),
            entry.content_type.model if entry.content_type_id else "",
            str(entry.object_id or entry.object_pk),
            entry.object_repr,
        ]
        changes = entry.changes_dict or {}
        if not changes:
            out.append([*head, "", "", ""])
        for field, values in changes.items():
            if isinstance(values, dict):  # many-to-many
                old, new = values.get("operation", ""), ", ".join(values.get("objects", []))
            else:
                old, new = values[0], values[1]
            out.append(
                [
                    *head,
                    field,
                    "" if old in (None, "None") else str(old),
                    "" if new in (None, "None") else str(new),
                ]
            )
    return out
