"""The standard units and cast, made by the services once per test process and copied after that.

Most tests start from the same five units and ten people (the root `conftest.py`): made through
`unit_create`, `create_user` and `role_grant`, that is some 90 queries a test (savepoints,
`update_or_create`'s locking read, the roll-up marks), a third of all the queries of the suite
(counted 2026-12-07). The first test in a process that asks for them makes them through the
services, and the rows they wrote are kept (every model's new rows, whatever the services
touched). Each later test inserts those rows again as they were — the same primary keys, fields and
marks, one bulk insert per table — and reads the objects back.

Only where nothing else is at stake: a test in a transaction that is rolled back afterwards (not a
transactional or live-server test, where what runs after the commit matters) and without the audit
trail (whose entries the services write). Elsewhere the services make them every time.

Reinserting the same primary keys is safe: the keys came from the sequences the first time, which
have moved past them (PostgreSQL) or are rolled back with the rows (SQLite), and the test's
transaction that held them is gone. Where a row made earlier in the same test already holds one of
the keys (SQLite's sequence starts again in each test), the insert is undone and the services make
them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from auditlog.context import auditlog_disabled
from django.apps import apps
from django.db import IntegrityError, connection, transaction
from django.db.models import Model

T = TypeVar("T")

# name → (the rows the build wrote, table by table; how to find its result among them)
_KEPT: dict[str, tuple[list[tuple[type[Model], list[Model]]], dict[str, tuple[type[Model], object]]]] = {}


def _tables() -> list[type[Model]]:
    return [m for m in apps.get_models(include_auto_created=True) if not m._meta.proxy and m._meta.managed]


def _copyable() -> bool:
    return connection.in_atomic_block and auditlog_disabled.get()


def made_once(name: str, build: Callable[[], dict[str, T]]) -> dict[str, T]:
    """`build()`'s objects (a dict of saved model instances): built by it the first time, its rows
    inserted again after that where copying is safe (see above)."""
    if not _copyable():
        return build()
    if name in _KEPT:
        try:
            with transaction.atomic():
                return _insert(*_KEPT[name])
        except IntegrityError:  # a row made earlier in this test holds one of the keys (SQLite)
            return build()
    tables = _tables()
    before = {model: set(model._base_manager.values_list("pk", flat=True)) for model in tables}
    made = build()
    rows = []
    for model in tables:
        new = [row for row in model._base_manager.all() if row.pk not in before[model]]
        if new:
            rows.append((model, new))
    _KEPT[name] = (rows, {key: (type(obj), obj.pk) for key, obj in made.items()})
    return made


def _insert(rows, keys) -> dict:
    for model, instances in rows:
        model._base_manager.bulk_create([_copy(row) for row in instances])
    found: dict[type[Model], set] = {}
    for model, pk in keys.values():
        found.setdefault(model, set()).add(pk)
    read = {model: model._base_manager.in_bulk(pks) for model, pks in found.items()}
    return {key: read[model][pk] for key, (model, pk) in keys.items()}


def _copy(row: Model) -> Model:
    """A fresh, unsaved instance with the row's fields (none of its caches)."""
    return type(row)(**{field.attname: getattr(row, field.attname) for field in row._meta.concrete_fields})
