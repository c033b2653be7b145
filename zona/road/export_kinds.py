"""The national table of the forecast as a background export (zona.evidence.exports)."""

from __future__ import annotations

import hashlib

from django.db.models import Count, Max
from django.utils.translation import gettext as _

from zona.evidence.exports import ExportKind, Measure, export_kind_register
from zona.orgs.models import Unit

from .exporters import national_xlsx
from .models import ForecastSnapshot
from .national import national_rows


def _measure(unit: Unit, params: dict, person) -> Measure:
    snapshots = ForecastSnapshot.objects.filter(
        assessment__unit__path__startswith=unit.path, assessment__year=int(params["year"])
    ).aggregate(n=Count("pk"), last=Max("computed_at"))
    version = hashlib.sha256(repr(sorted(snapshots.items())).encode()).hexdigest()
    return Measure(rows=snapshots["n"], version=version)


def _render(unit: Unit, fmt: str, params: dict, person, max_pages: int, on_progress) -> bytes:
    year = int(params["year"])
    rows = national_rows(unit, year, sort=params.get("sort", "name"), descending=bool(params.get("desc")))
    return national_xlsx(unit, year, rows)


NATIONAL = ExportKind(
    name="road.national",
    formats=("xlsx",),
    load=lambda object_id, params: Unit.objects.get(pk=object_id),
    unit_of=lambda unit: unit,
    title=lambda unit, params: (
        _("Road to WBK %(unit)s %(year)s") % {"unit": unit.code, "year": params["year"]}
    ),
    filename=lambda unit, fmt, params: f"jalan-wbk-{unit.slug}-{params['year']}",
    measure=_measure,
    render=_render,
    rows_per_page=40,
)
export_kind_register(NATIONAL)
