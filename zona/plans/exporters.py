"""The plan in the decree's Lampiran II layout, as XLSX (imports back) and PDF."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from zona.lib.render import pdf_from_template
from zona.lib.xlsx import workbook

from .models import Component, Indicator, Plan

COLUMNS = ["NO", "KOMPONEN", "INDIKATOR", "LANGKAH AKSI", "BUKTI FISIK", "TARGET WAKTU", "PENANGGUNG JAWAB"]
WIDTHS = [6, 28, 40, 50, 40, 18, 22]
# The spreadsheet adds what a plan written per LKE question carries, so it imports back whole.
XLSX_COLUMNS = [*COLUMNS, "KODE LKE", "UKURAN"]
XLSX_WIDTHS = [*WIDTHS, 12, 30]


def plan_rows(plan: Plan) -> list[dict]:
    """Area → component → indicator rows in decree order, with numbered steps (3 queries)."""
    components = {c.pk: c for c in Component.objects.filter(area__plan=plan)}
    indicators = (
        Indicator.objects.filter(component__area__plan=plan)
        .prefetch_related("steps")
        .order_by("component__area_id", "component__order", "order")
    )
    by_component: dict[int, list[Indicator]] = {}
    for indicator in indicators:
        by_component.setdefault(indicator.component_id, []).append(indicator)
    result = []
    for area in plan.areas.all():
        rows = []
        for component in sorted(
            (c for c in components.values() if c.area_id == area.pk), key=lambda c: c.order
        ):
            for index, indicator in enumerate(by_component.get(component.pk, [])):
                steps = [s.text for s in indicator.steps.all()]
                actions = (
                    steps[0]
                    if len(steps) == 1
                    else "\n".join(f"{n}) {text}" for n, text in enumerate(steps, start=1))
                )
                rows.append(
                    {
                        "no": component.number if index == 0 else "",
                        "component": component.name if index == 0 else "",
                        "indicator": indicator.text,
                        "actions": actions,
                        "steps": steps,
                        "evidence": indicator.evidence_text,
                        "evidence_items": [e for e in indicator.evidence_text.splitlines() if e.strip()],
                        "target": indicator.target_text,
                        "pic": indicator.pic_text,
                        "lke_ref": indicator.lke_ref,
                        "measures": "\n".join(indicator.measures),
                    }
                )
        result.append({"area": area, "rows": rows})
    return result


def plan_xlsx(plan: Plan) -> bytes:

    buffer = io.BytesIO()
    book = workbook(buffer)
    bold = book.add_format({"bold": True})
    head = book.add_format(
        {
            "bold": True,
            "border": 1,
            "align": "center",
            "valign": "vcenter",
            "bg_color": "#D9E2F3",
            "text_wrap": True,
        }
    )
    cell = book.add_format({"border": 1, "valign": "top", "text_wrap": True})
    area_fmt = book.add_format({"bold": True, "border": 1, "bg_color": "#F2F2F2"})
    sheet = book.add_worksheet("Lampiran II")
    for column, width in enumerate(XLSX_WIDTHS):
        sheet.set_column(column, column, width)
    sheet.write(0, 0, f"RENCANA PEMBANGUNAN ZONA INTEGRITAS {plan.unit.name.upper()} TAHUN {plan.year}", bold)
    meta = [
        ("Nomor", plan.decree_number),
        ("Tanggal", plan.decree_date.isoformat() if plan.decree_date else ""),
        ("Unit", plan.decree_unit or plan.unit.name),
        ("Penandatangan", plan.signatory),
        ("Tahun", str(plan.year)),
        ("Tentang", plan.title),
    ]
    row = 2
    for key, value in meta:
        sheet.write(row, 0, key, bold)
        sheet.write_string(row, 1, value or "")
        row += 1
    row += 1
    sheet.write_row(row, 0, XLSX_COLUMNS, head)
    sheet.write_row(row + 1, 0, [str(i) for i in range(1, len(XLSX_COLUMNS) + 1)], head)
    row += 2
    for block in plan_rows(plan):
        area = block["area"]
        sheet.write(row, 0, area.code, area_fmt)
        sheet.merge_range(row, 1, row, len(XLSX_COLUMNS) - 1, area.name.upper(), area_fmt)
        row += 1
        for item in block["rows"]:
            values = [
                str(item["no"]),
                item["component"],
                item["indicator"],
                item["actions"],
                item["evidence"],
                item["target"],
                item["pic"],
                item["lke_ref"],
                item["measures"],
            ]
            for column, value in enumerate(values):
                sheet.write_string(row, column, value, cell)
            row += 1
    sheet.freeze_panes(10, 0)
    priorities = book.add_worksheet("Lampiran I")
    priorities.set_column(0, 0, 8)
    priorities.set_column(1, 1, 100)
    priorities.write_row(0, 0, ["AREA", "TARGET PRIORITAS"], head)
    line = 1
    for area in plan.areas.all():
        for text in area.priorities:
            priorities.write_string(line, 0, area.code, cell)
            priorities.write_string(line, 1, text, cell)
            line += 1
    book.close()
    return buffer.getvalue()


def plan_pdf(plan: Plan, *, max_pages: int | None = None) -> bytes:
    return pdf_from_template(
        "plans/plan_pdf.html",
        {
            "plan": plan,
            "blocks": plan_rows(plan),
            "columns": COLUMNS,
            "title": _("Zona Integritas work plan"),
        },
        max_pages=max_pages,
    )
