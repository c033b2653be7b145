"""A register's recap for a period (the summary and every entry) as a background export
(zona.evidence.exports): its rows are the register's entries."""

from __future__ import annotations

import hashlib

from django.db.models import Count, Max
from django.utils.translation import gettext as _

from zona.evidence.exports import ExportKind, Measure, export_kind_register
from zona.orgs.models import Unit

from .exporters import recap_pdf, recap_xlsx
from .services import entries_in, period_of, recap, register_type


def _period(params: dict):
    t = register_type(params["kind"])
    return t, period_of(params["period"], t, int(params["period"][:4]))


def _measure(unit: Unit, params: dict, person) -> Measure:
    t, period = _period(params)
    figures = entries_in(unit, t, period).aggregate(n=Count("pk"), last=Max("pk"), edited=Max("updated_at"))
    version = hashlib.sha256(repr(sorted(figures.items())).encode()).hexdigest()
    return Measure(rows=figures["n"], version=version)


def _render(unit: Unit, fmt: str, params: dict, person, max_pages: int, on_progress) -> bytes:
    _t, period = _period(params)
    result = recap(unit, params["kind"], period)
    return recap_xlsx(result) if fmt == "xlsx" else recap_pdf(result, max_pages=max_pages)


RECAP = ExportKind(
    name="registers.recap",
    formats=("xlsx", "pdf"),
    load=lambda object_id, params: Unit.objects.get(pk=object_id),
    unit_of=lambda unit: unit,
    title=lambda unit, params: (
        _("Recap %(register)s %(unit)s %(period)s")
        % {"register": register_type(params["kind"]).name, "unit": unit.code, "period": params["period"]}
    ),
    filename=lambda unit, fmt, params: f"rekap-{params['kind']}-{unit.slug}-{params['period']}",
    measure=_measure,
    render=_render,
    rows_per_page=45,  # one line per entry in the data table of an A4 page
)
export_kind_register(RECAP)
