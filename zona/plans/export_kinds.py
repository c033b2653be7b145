"""The plan (Lampiran II) as a background export (zona.evidence.exports)."""

from __future__ import annotations

import hashlib
import json

from django.utils.translation import gettext as _

from zona.evidence.exports import ExportKind, Measure, export_kind_register

from .exporters import plan_pdf, plan_rows, plan_xlsx
from .models import Plan


def _load(object_id, params) -> Plan:
    return Plan.objects.select_related("unit").get(pk=object_id)


def plan_measure(plan: Plan, params=None, person=None) -> Measure:
    """The plan's rows (areas and indicators), and a hash of everything the files show."""
    blocks = plan_rows(plan)
    content = [
        [plan.title, plan.decree_number, plan.decree_date, plan.decree_unit, plan.signatory, plan.year],
        *([b["area"].code, b["area"].name, b["area"].priorities, b["rows"]] for b in blocks),
    ]
    version = hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()
    return Measure(rows=sum(1 + len(b["rows"]) for b in blocks), version=version)


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
