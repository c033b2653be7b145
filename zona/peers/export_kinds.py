"""The early-warning list as a background export (zona.evidence.exports). Its rows depend on who
asks (the units they may see) and on today's date: per person, and never reused."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from zona.evidence.exports import ExportKind, Measure, export_kind_register
from zona.orgs.models import Unit

from .exporters import warnings_xlsx
from .rules import thresholds
from .selectors import REASONS, SORTS, warning_rows


def rows_for(unit: Unit, params: dict, person):
    """The rows the page showed for these filters (the export's and the page's one reading)."""
    today = date.fromisoformat(params["today"])
    province = Unit.objects.filter(pk=params.get("province") or 0).first()
    return warning_rows(
        unit,
        person,
        year=int(params["year"]),
        today=today,
        rules=thresholds(),
        province=province,
        reasons=frozenset(r for r in params.get("reasons", []) if r in REASONS),
        sort=params.get("sort") if params.get("sort") in SORTS else "name",
        descending=bool(params.get("desc")),
    )


def _measure(unit: Unit, params: dict, person) -> Measure:
    rows = Unit.objects.visible_to(person).filter(path__startswith=unit.path).count()
    return Measure(rows=rows, version=timezone.now().isoformat())


def _render(unit: Unit, fmt: str, params: dict, person, max_pages: int, on_progress) -> bytes:
    return warnings_xlsx(unit, date.fromisoformat(params["today"]), rows_for(unit, params, person))


WARNINGS = ExportKind(
    name="peers.warnings",
    formats=("xlsx",),
    load=lambda object_id, params: Unit.objects.get(pk=object_id),
    unit_of=lambda unit: unit,
    title=lambda unit, params: _("Early warning %(unit)s") % {"unit": unit.code},
    filename=lambda unit, fmt, params: f"peringatan-dini-{unit.slug}-{params['today']}",
    measure=_measure,
    render=_render,
    rows_per_page=40,
    per_person=True,
    reuse_built=False,
)
export_kind_register(WARNINGS)
