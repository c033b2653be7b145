"""The field-level trail once masked a reporter's name and contact, the tracking code's hash, the
public form's submission key and a survey device's hash, and django-auditlog's masking keeps the
second half of each value. Those fields are now left out of the trail: this removes them from the
entries recorded before, and an update entry that held nothing else goes (the trail then reads as
if the fields had always been left out)."""

import json

from django.db import migrations
from django.db.models import Q

MASKED = ("tracking_hash", "submission_key", "reporter_name", "reporter_contact", "device")
UPDATE = 1  # auditlog's LogEntry.Action.UPDATE


def _without(changes):
    return {k: v for k, v in changes.items() if k not in MASKED} if isinstance(changes, dict) else changes


def _text_without(text: str) -> str:
    try:
        changes = json.loads(text)
    except ValueError:
        return text
    return json.dumps(_without(changes)) if isinstance(changes, dict) else text


def drop_masked_values(apps, schema_editor):
    LogEntry = apps.get_model("auditlog", "LogEntry")
    held = Q()
    for name in MASKED:
        held |= Q(changes__has_key=name) | Q(changes_text__contains=f'"{name}"')
    entries = LogEntry.objects.using(schema_editor.connection.alias).filter(held)
    for entry in entries.iterator(chunk_size=500):
        entry.changes = _without(entry.changes)
        entry.changes_text = _text_without(entry.changes_text)
        if entry.action == UPDATE and not entry.changes and entry.changes_text.strip() in ("", "{}"):
            entry.delete()
        else:
            entry.save(update_fields=["changes", "changes_text"])


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("auditlog", "0015_alter_logentry_changes"),
    ]

    operations = [migrations.RunPython(drop_masked_values, migrations.RunPython.noop, elidable=False)]
