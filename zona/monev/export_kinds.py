"""The Lembar Monev of a cycle as a background export (zona.evidence.exports)."""

from __future__ import annotations

import hashlib
import json

from django.utils.translation import gettext as _

from zona.evidence.exports import ExportKind, Measure, export_kind_register

from .exporters import lembar_pdf, lembar_rows, lembar_xlsx
from .models import MonevCycle
from .snapshot import cycle_data


def _load(object_id, params) -> MonevCycle:
    return MonevCycle.objects.select_related("plan__unit").get(pk=object_id)


def _measure(cycle: MonevCycle, params, person) -> Measure:
    """The rows of the sheet, and a hash of the data it shows (a closed cycle's snapshot, or the
    live reports, evidence and findings of an open one)."""
    data = cycle_data(cycle)
    version = hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()
    return Measure(rows=lembar_rows(data), version=version)


def _render(cycle: MonevCycle, fmt: str, params, person, max_pages: int, on_progress) -> bytes:
    data = cycle_data(cycle)
    if fmt == "xlsx":
        return lembar_xlsx(data, on_progress)
    return lembar_pdf(data, on_progress, max_pages=max_pages)


LEMBAR = ExportKind(
    name="monev.lembar",
    formats=("xlsx", "pdf"),
    load=_load,
    unit_of=lambda cycle: cycle.plan.unit,
    title=lambda cycle, params: (
        _("Lembar Monev ZI %(unit)s %(year)s quarter %(quarter)s")
        % {"unit": cycle.plan.unit.code, "year": cycle.plan.year, "quarter": cycle.quarter}
    ),
    filename=lambda cycle, fmt, params: (
        f"lembar-monev-{cycle.plan.unit.code}-{cycle.plan.year}-tw{cycle.quarter}"
    ),
    measure=_measure,
    render=_render,
    rows_per_page=60,
)
export_kind_register(LEMBAR)
