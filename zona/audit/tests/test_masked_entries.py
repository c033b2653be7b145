"""Entries recorded while the trail still masked secrets (django-auditlog keeps the second half of a
masked value) lose those fields on migration; the rest of each entry stays."""

from __future__ import annotations

import importlib
import json
from types import SimpleNamespace

import pytest
from auditlog.diff import mask_str
from auditlog.models import LogEntry
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from hypothesis import given, settings
from hypothesis import strategies as st

from zona.cases.models import Case

MIGRATION = "zona.audit.migrations.0002_trail_without_masked_values"
NAME, CONTACT, HASH = "Siti Aminah Lubis", "siti.aminah@contoh.id", "9f2c" * 16


def _entry(action, changes=None, text=""):
    return LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Case),
        object_pk="7",
        object_id=7,
        object_repr="ADU/SUMSEL/2025/000007",
        action=action,
        changes=changes,
        changes_text=text,
        additional_data={"unit": 2},
    )


def _masked(old, new):
    return [mask_str(old), mask_str(new)]


def _migrate():
    module = importlib.import_module(MIGRATION)
    module.drop_masked_values(apps, SimpleNamespace(connection=connection))


@pytest.mark.django_db
def test_the_migration_removes_masked_values_and_keeps_the_rest():
    created = _entry(
        LogEntry.Action.CREATE,
        {
            "subject": [None, "Antrean lama"],
            "reporter_name": _masked("None", NAME),
            "reporter_contact": _masked("None", CONTACT),
            "tracking_hash": _masked("None", HASH),
            "submission_key": _masked("None", HASH[::-1]),
        },
    )
    only_secret = _entry(LogEntry.Action.UPDATE, {"reporter_contact": _masked(CONTACT, "0812 7788 9900")})
    mixed = _entry(
        LogEntry.Action.UPDATE, {"state": ["diterima", "diverifikasi"], "reporter_name": _masked(NAME, "")}
    )
    as_text = _entry(
        LogEntry.Action.UPDATE, None, json.dumps({"device": _masked("", HASH), "state": ["a", "b"]})
    )
    plain = _entry(LogEntry.Action.UPDATE, {"subject": ["Antrean lama", "Antrean pagi"]})
    held = json.dumps(list(LogEntry.objects.values()), default=str)
    assert "Lubis" in held and "contoh.id" in held and "9900" in held  # the half that masking kept

    _migrate()
    _migrate()  # a second run changes nothing

    created.refresh_from_db()
    assert created.changes == {"subject": [None, "Antrean lama"]}
    assert not LogEntry.objects.filter(pk=only_secret.pk).exists()  # it held nothing else
    mixed.refresh_from_db()
    assert mixed.changes == {"state": ["diterima", "diverifikasi"]}
    as_text.refresh_from_db()
    assert json.loads(as_text.changes_text) == {"state": ["a", "b"]}
    plain.refresh_from_db()
    assert plain.changes == {"subject": ["Antrean lama", "Antrean pagi"]}
    left = json.dumps(list(LogEntry.objects.values()), default=str)
    assert "Lubis" not in left and "contoh.id" not in left and HASH[-8:] not in left and "9900" not in left


def test_the_migration_runs_after_the_trail_holds_json_changes():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    node = loader.graph.node_map[("audit", "0002_trail_without_masked_values")]
    assert ("auditlog", "0015_alter_logentry_changes") in {parent.key for parent in node.parents}
    migration = loader.get_migration("audit", "0002_trail_without_masked_values")
    assert migration.operations[0].code is importlib.import_module(MIGRATION).drop_masked_values


FIELDS = st.sampled_from(["subject", "state", "due_on", "description", "tracking_hash", "submission_key",
                          "reporter_name", "reporter_contact", "device"])  # fmt: skip
CHANGES = st.dictionaries(
    FIELDS, st.lists(st.one_of(st.none(), st.text(max_size=20)), min_size=2, max_size=2)
)


@settings(max_examples=60, deadline=None)
@given(changes=CHANGES)
def test_a_masked_field_goes_and_every_other_stays(changes):
    module = importlib.import_module(MIGRATION)
    kept = {k: v for k, v in changes.items() if k not in module.MASKED}
    assert module._without(changes) == kept
    assert json.loads(module._text_without(json.dumps(changes))) == kept
    assert module._text_without("not json") == "not json"
