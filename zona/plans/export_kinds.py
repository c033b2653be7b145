"""The plan (Lampiran II) as a background export (zona.evidence.exports)."""

from __future__ import annotations

import hashlib
import json
import math

from django.utils.translation import gettext as _

from zona.evidence.exports import ExportKind, Measure, export_kind_register

from .exporters import plan_pdf, plan_rows, plan_xlsx
from .models import Plan


def _load(object_id, params) -> Plan:
    return Plan.objects.select_related("unit").get(pk=object_id)


# The PDF (plans/plan_pdf.html: A4 landscape, 8 pt, 180 mm of table a page): the most characters
# a line of each column can hold, at the narrowest glyph (a quarter em), and the least a line and
# a row's padding take. A row takes at least the lines of its longest cell: a lower bound of the
# pages, so a plan that cannot fit is refused before it is laid out.
PAGE_MM, LINE_MM, ROW_PADDING_MM = 180, 3.0, 2.4
CHARS = {"component": 43, "indicator": 67, "steps": 85, "evidence_items": 61, "target": 43, "pic": 43}


def _lines(texts: list[str], width: int) -> int:
    return sum(max(1, math.ceil(len(text) / width)) for text in texts)


def least_pages(blocks: list[dict]) -> int:
    height = 0.0
    for block in blocks:
        height += LINE_MM + ROW_PADDING_MM  # the area's own row
        for row in block["rows"]:
            cells = {key: row[key] if isinstance(row[key], list) else [row[key]] for key in CHARS}
            lines = max(_lines(texts, CHARS[key]) for key, texts in cells.items())
            height += lines * LINE_MM + ROW_PADDING_MM
    return math.ceil(height / PAGE_MM)


def plan_measure(plan: Plan, params=None, person=None) -> Measure:
    """The plan's rows (areas and indicators), the fewest pages its PDF can take, and a hash of
    everything the files show."""
    blocks = plan_rows(plan)
    content = [
        [plan.title, plan.decree_number, plan.decree_date, plan.decree_unit, plan.signatory, plan.year],
        *([b["area"].code, b["area"].name, b["area"].priorities, b["rows"]] for b in blocks),
    ]
    version = hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()
    rows = sum(1 + len(b["rows"]) for b in blocks)
    return Measure(rows=rows, version=version, pages=least_pages(blocks))


def _render(plan: Plan, fmt: str, params, person, max_pages: int, on_progress) -> bytes:
    return plan_xlsx(plan) if fmt == "xlsx" else plan_pdf(plan, max_pages=max_pages)


PLAN = ExportKind(
    name="plans.plan",
    formats=("xlsx", "pdf"),
    load=_load,
    unit_of=lambda plan: plan.unit,
    title=lambda plan, params: (
        _("ZI work plan %(unit)s %(year)s") % {"unit": plan.unit.code, "year": plan.year}
    ),
    filename=lambda plan, fmt, params: f"rencana-kerja-zi-{plan.unit.code}-{plan.year}",
    measure=plan_measure,
    render=_render,
    rows_per_page=40,  # one line per row at 8 pt on A4 landscape: fewer fit on a page
)
export_kind_register(PLAN)
