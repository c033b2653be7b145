"""The open statistics computed and kept per unit per day: the worker's daily job or `zona
open-stats refresh` computes every unit's and the national figures; a page whose day has none computes them on
demand. Only the counting of zona/portal/stats.py, over the figures modules of the complaints,
the PPID and the surveys: nothing that identifies a person is read."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import translation

from zona.complaints import figures as complaint_figures
from zona.orgs.models import Level, Unit
from zona.ppid import figures as ppid_figures
from zona.surveys.figures import published_results

from . import stats
from .models import OpenStatistics

NATIONAL = "national"


def unit_key(unit: Unit) -> str:
    return f"unit:{unit.pk}"


def _scope(unit: Unit) -> dict:
    return {"code": unit.code, "name": unit.name, "slug": unit.slug, "level": unit.level}


def _header(today: date) -> dict:
    return {
        "updated": today.isoformat(),
        "license": stats.license_info(),
        "minimum_count_shown": stats.minimum_shown(),
    }


Rows = dict[str, list]  # "complaints", "requests", "objections", "surveys" → the figures' rows


def _rows(units) -> Rows:
    """Every anonymous row of `units` (ids or a queryset): four queries whatever their number."""
    return {
        "complaints": complaint_figures.handled(units),
        "requests": ppid_figures.handled(units),
        "objections": ppid_figures.answered(units),
        "surveys": published_results(units),
    }


def _split(rows: Rows, group_of: dict[int, int]) -> dict[int, Rows]:
    """The rows by group (a unit, a province), from each row's unit; rows of no group left out."""
    split: dict[int, Rows] = {}
    for name, found in rows.items():
        for row in found:
            group = group_of.get(row.unit_id)
            if group is not None:
                split.setdefault(group, {n: [] for n in rows})[name].append(row)
    return split


def _empty() -> Rows:
    return {"complaints": [], "requests": [], "objections": [], "surveys": []}


def _figures(unit: Unit, rows: Rows | None, surveys) -> dict:
    rows = rows or _empty()
    return {
        "scope": _scope(unit),
        "periods": stats.periods(rows["complaints"], rows["requests"], rows["objections"]),
        "surveys": surveys(rows["surveys"]),
    }


def unit_statistics(unit: Unit, today: date, rows: Rows | None = None) -> dict:
    """The unit's own figures (not its units below)."""
    return {**_header(today), **_figures(unit, rows or _rows([unit.pk]), stats.survey_rows)}


def national_statistics(today: date, rows: Rows | None = None) -> dict:
    """Each province with its units below: six queries whatever the number of units."""
    provinces = list(Unit.objects.filter(level=Level.PROVINCE).order_by("name"))
    by_path = {p.path: p.pk for p in provinces}
    province_of = {}
    for unit_id, path in Unit.objects.values_list("pk", "path"):
        for ancestor in Unit(path=path).ancestor_paths():
            if ancestor in by_path:
                province_of[unit_id] = by_path[ancestor]
                break
    split = _split(rows or _rows(Unit.objects.all()), province_of)
    return {
        **_header(today),
        "provinces": [_figures(p, split.get(p.pk), stats.survey_years) for p in provinces],
    }


def stored(key: str, today: date, compute: Callable[[], dict]) -> dict:
    """The day's figures of `key`, computed and kept when the day has none yet."""
    found = OpenStatistics.objects.filter(key=key, day=today).values_list("data", flat=True).first()
    if found is not None:
        return found
    with translation.override(settings.LANGUAGE_CODE):  # kept for everyone: the site's language
        return _keep(key, today, compute())


def _keep(key: str, today: date, data: dict) -> dict:
    try:
        with transaction.atomic():
            OpenStatistics.objects.update_or_create(key=key, day=today, defaults={"data": data})
            OpenStatistics.objects.filter(key=key, day__lt=today).delete()
    except IntegrityError:
        pass  # computed at the same moment by another request: the same figures
    return data


def for_unit(unit: Unit, today: date) -> dict:
    return stored(unit_key(unit), today, lambda: unit_statistics(unit, today))


def for_nation(today: date) -> dict:
    return stored(NATIONAL, today, lambda: national_statistics(today))


def refresh(today: date) -> int:
    """Compute the day's figures of every unit and of the nation again, from one reading of every
    row; how many were kept."""
    with translation.override(settings.LANGUAGE_CODE):
        return _refresh(today)


def _refresh(today: date) -> int:
    rows = _rows(Unit.objects.all())
    units = list(Unit.objects.order_by("path"))
    by_unit = _split(rows, {u.pk: u.pk for u in units})
    for unit in units:
        _keep(unit_key(unit), today, unit_statistics(unit, today, by_unit.get(unit.pk, _empty())))
    _keep(NATIONAL, today, national_statistics(today, rows))
    return len(units) + 1
