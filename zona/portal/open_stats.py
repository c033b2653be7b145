"""The open statistics computed and kept per unit per day: `zona open-stats refresh` (daily)
computes every unit's and the national figures; a page whose day has none computes them on
demand. Only the counting of zona/portal/stats.py, over the figures modules of the complaints,
the PPID and the surveys: nothing that identifies a person is read."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.db import IntegrityError, transaction

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


def unit_statistics(unit: Unit, today: date) -> dict:
    """The unit's own figures (not its units below): four queries whatever the number of cases."""
    units = [unit.pk]
    return {
        **_header(today),
        "scope": _scope(unit),
        "periods": stats.periods(
            complaint_figures.handled(units), ppid_figures.handled(units), ppid_figures.answered(units)
        ),
        "surveys": stats.survey_rows(published_results(units)),
    }


def national_statistics(today: date) -> dict:
    """Each province with its units below: six queries whatever the number of units."""
    provinces = list(Unit.objects.filter(level=Level.PROVINCE).order_by("name"))
    by_path = {p.path: p.pk for p in provinces}
    province_of = {}
    for unit_id, path in Unit.objects.values_list("pk", "path"):
        for ancestor in Unit(path=path).ancestor_paths():
            if ancestor in by_path:
                province_of[unit_id] = by_path[ancestor]
                break
    everything = Unit.objects.all()
    groups = {
        "complaints": complaint_figures.handled(everything),
        "requests": ppid_figures.handled(everything),
        "objections": ppid_figures.answered(everything),
        "surveys": published_results(everything),
    }
    split = {p.pk: {name: [] for name in groups} for p in provinces}
    for name, rows in groups.items():
        for row in rows:
            province = province_of.get(row.unit_id)
            if province is not None:
                split[province][name].append(row)
    return {
        **_header(today),
        "provinces": [
            {
                "scope": _scope(p),
                "periods": stats.periods(
                    split[p.pk]["complaints"], split[p.pk]["requests"], split[p.pk]["objections"]
                ),
                "surveys": stats.survey_years(split[p.pk]["surveys"]),
            }
            for p in provinces
        ],
    }


def stored(key: str, today: date, compute: Callable[[], dict]) -> dict:
    """The day's figures of `key`, computed and kept when the day has none yet."""
    found = OpenStatistics.objects.filter(key=key, day=today).values_list("data", flat=True).first()
    if found is not None:
        return found
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
    """Compute the day's figures of every unit and of the nation again; how many were kept."""
    count = 0
    for unit in Unit.objects.order_by("path").iterator(500):
        _keep(unit_key(unit), today, unit_statistics(unit, today))
        count += 1
    _keep(NATIONAL, today, national_statistics(today))
    return count + 1
