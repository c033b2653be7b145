"""The field-level audit trail (django-auditlog): each change of a domain model, with its old and
new values, is stamped with the unit it belongs to, so it can be read per object and exported per
unit and period for the Inspektorat.

The unit is found by following an object's foreign keys (a plan's unit, an indicator's plan's
unit, …), never through a person. Who may read the trail: the unit admin, the TPI (reviewer)
and the APIP over their units; the trail of the case modules (complaints, PPID) and of
gratification reports only the APIP, because those records are narrower than the unit."""

from __future__ import annotations

from datetime import date, datetime, time

from django.conf import settings
from django.db import models
from django.utils import timezone

from zona.lib.xlsx import xlsx_bytes
from zona.orgs.models import Unit, roles_on
from zona.orgs.permissions import ALLOWED, Action

DEPTH = 6
NARROW = {"cases", "complaints", "ppid", "gratification"}  # their trail: the APIP only


def _is_person(field) -> bool:
    return field.related_model._meta.label == settings.AUTH_USER_MODEL


def unit_of(instance, depth: int = DEPTH) -> Unit | None:
    """The unit an object belongs to, following its foreign keys (not those to people): a direct
    unit first, then the first parent that has one."""
    if isinstance(instance, Unit):
        return instance
    if instance is None or depth == 0:
        return None
    keys = [
        f
        for f in instance._meta.concrete_fields
        if isinstance(f, models.ForeignKey) and not _is_person(f) and getattr(instance, f.attname) is not None
    ]
    for field in keys:
        if field.related_model is Unit:
            return getattr(instance, field.name)
    for field in keys:
        found = unit_of(getattr(instance, field.name), depth - 1)
        if found is not None:
            return found
    return None


def _additional_data(self) -> dict:
    unit = unit_of(self)
    return {"unit": unit.pk} if unit is not None else {}


def install() -> None:
    """Stamp every audited model's log entries with its unit (auditlog asks the instance)."""
    from auditlog.registry import auditlog

    for model in auditlog.get_models():
        if not hasattr(model, "get_additional_data"):
            model.get_additional_data = _additional_data


def _actions_for(app_label: str) -> frozenset[str]:
    if app_label in NARROW:
        return ALLOWED[Action.HANDLE_INTEGRITY_COMPLAINT]
    return ALLOWED[Action.VIEW_AUDIT]


def may_read(user, unit: Unit | None, app_label: str) -> bool:
    if unit is None:
        return bool(user.is_superuser)
    return bool(roles_on(user, unit) & _actions_for(app_label))


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
        found = found.exclude(
            content_type__app_label__in=NARROW, additional_data__unit__in=list(set(ids) - narrow_ok)
        )
    return found.order_by("timestamp", "pk")


ACTIONS = {0: "create", 1: "update", 2: "delete", 3: "access"}
HEADERS = ["Waktu", "Oleh", "Aksi", "Jenis objek", "ID", "Objek", "Isian", "Nilai lama", "Nilai baru"]


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


def trail_xlsx(title: str, entries) -> bytes:
    def build(book):
        bold = book.add_format({"bold": True})
        sheet = book.add_worksheet("Jejak audit")
        sheet.write_string(0, 0, title, bold)
        sheet.write_row(2, 0, HEADERS, bold)
        for r, row in enumerate(rows(entries), start=3):
            for c, value in enumerate(row):
                sheet.write_string(r, c, value)
        sheet.set_column(0, 0, 19)
        sheet.set_column(1, len(HEADERS) - 1, 22)

    return xlsx_bytes(build)
