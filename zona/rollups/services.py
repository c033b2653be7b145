"""Keeping the summaries: a change marks its unit in its own transaction (`mark`), the marked
units are refreshed right after the commit (`flush`, registered by `mark`), and a page flushes
whatever is still marked before it reads (`ensure_fresh`), so a page never shows a figure its
records no longer support. `rebuild` recomputes every unit (or one) in batches.

The case figures are the exception: counting a unit's cases with their working days costs as much
as the unit has cases (100,000 at the largest), so the worker refreshes them every hour
(`refresh_cases`) and the page says when."""

from __future__ import annotations

import logging
import threading
from contextlib import contextmanager
from datetime import date

from django.db import DatabaseError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from zona.orgs.models import Unit

from .compute import case_figures, unit_rows, year_rows
from .models import RollupMark, UnitSummary, YearSummary

BATCH = 500
log = logging.getLogger(__name__)
_state = threading.local()


@contextmanager
def deferred():
    """Bulk loading (the national data set): changes mark nothing and refresh nothing; the caller
    rebuilds the summaries at the end (`rebuild`)."""
    _state.deferred = True
    try:
        yield
    finally:
        _state.deferred = False


def mark(unit_ids) -> None:
    """Mark units whose summaries a change moves, in the caller's transaction (once per unit and
    transaction); they are refreshed right after the commit."""
    if getattr(_state, "deferred", False):
        return
    ids = {pk for pk in unit_ids if pk is not None}
    if not ids:
        return
    pending = _pending_refresh()
    new = ids - pending.units
    if not new:
        return
    pending.units |= new
    RollupMark.objects.bulk_create([RollupMark(unit_id=pk) for pk in sorted(new)], ignore_conflicts=True)
    if not connection.in_atomic_block:
        pending()


class _Refresh:
    """The refresh after a commit: the units this transaction marked, and any other mark left."""

    def __init__(self) -> None:
        self.units: set[int] = set()
        self.done = False

    def __call__(self) -> None:
        self.done = True
        try:
            flush(also=self.units)
        except Exception:  # the marks stay: the next page or the worker's sweep refreshes them
            log.exception("refreshing the summaries after a commit failed")


def _pending_refresh() -> _Refresh:
    if not connection.in_atomic_block:
        return _Refresh()
    # one per savepoint: Django forgets the callbacks of a savepoint rolled back, so the set of
    # units goes with them
    here = set(connection.savepoint_ids)
    for sids, function, _robust in connection.run_on_commit:
        if isinstance(function, _Refresh) and sids == here and not function.done:
            return function
    found = _Refresh()
    transaction.on_commit(found)
    return found


def flush(limit: int | None = None, also=()) -> int:
    """Refresh the marked units (all, or the oldest `limit`) and `also`; returns how many."""
    ids = set(RollupMark.objects.order_by("marked_at").values_list("unit", flat=True)[:limit]) | set(also)
    ids = sorted(ids)
    if ids:
        refresh(ids)
    return len(ids)


def ensure_fresh(today: date) -> None:
    """What a page calls before reading: the marked units, the units without a summary yet, and
    the plans whose overdue count the passing days have moved (an open step fell due since the row
    was computed)."""
    moved = YearSummary.objects.filter(next_due__lt=today).values("unit")
    stale = Unit.objects.filter(
        Q(summary__isnull=True) | Q(pk__in=moved) | Q(pk__in=RollupMark.objects.values("unit"))
    )
    ids = sorted(stale.values_list("pk", flat=True))
    if ids:
        try:
            refresh(ids, today=today)
        except DatabaseError:  # the marks stay: shown as last refreshed, caught up by the worker
            log.exception("refreshing the summaries before a page read failed")


@transaction.atomic
def refresh(unit_ids: list[int], today: date | None = None, *, cases: bool = False) -> None:
    """Recompute the summaries of these units (the case figures too when `cases`)."""
    today = today or timezone.localdate()
    for start in range(0, len(unit_ids), BATCH):
        ids = unit_ids[start : start + BATCH]
        # the units' rows locked, in order: two refreshes of a unit (after a commit, a page, the
        # worker) take turns instead of both inserting its new rows
        units = list(
            Unit.objects.select_for_update(no_key=True)
            .filter(pk__in=ids)
            .order_by("pk")
            .only("pk", "path", "level")
        )
        found = [u.pk for u in units]
        # the marks first: a change committed while this runs marks its unit again
        RollupMark.objects.filter(unit__in=ids).delete()
        rows = unit_rows(units)
        now = timezone.now()
        kept = {
            pk: (c, at)
            for pk, c, at in UnitSummary.objects.filter(unit__in=found).values_list(
                "unit", "cases", "cases_at"
            )
        }
        counted = case_figures(found) if cases else {}
        for row in rows:
            row.refreshed_at = now
            row.cases, row.cases_at = (
                (counted.get(row.unit_id, {}), now) if cases else kept.get(row.unit_id, ({}, None))
            )
        UnitSummary.objects.filter(unit__in=ids).delete()
        UnitSummary.objects.bulk_create(rows)
        YearSummary.objects.filter(unit__in=ids).delete()
        YearSummary.objects.bulk_create(year_rows(units, today), batch_size=1000)


def refresh_cases(unit_ids: list[int] | None = None) -> None:
    """The case figures (every unit's, or these units'), with the rest of their summaries."""
    ids = unit_ids if unit_ids is not None else list(Unit.objects.order_by("pk").values_list("pk", flat=True))
    refresh(ids, cases=True)


def rebuild(unit: Unit | None = None) -> int:
    """Every unit's summaries (or one unit's), the case figures included; returns the units."""
    ids = [unit.pk] if unit else list(Unit.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        refresh(ids[start : start + BATCH], cases=True)
    if unit is None:
        UnitSummary.objects.exclude(unit__in=Unit.objects.all()).delete()
    return len(ids)
