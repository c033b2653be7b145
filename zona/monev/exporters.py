"""The Lembar Monev ZI of a cycle as XLSX (XlsxWriter, constant memory) and PDF (WeasyPrint)."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from zona.lib.render import pdf_from_html
from zona.lib.xlsx import workbook
from zona.plans.progress import percent

Progress = Callable[[int], None]

COLUMNS = ["NO", "KOMPONEN / INDIKATOR", "LANGKAH AKSI", "PIC", "STATUS", "PROGRES (%)", "BUKTI", "CATATAN"]
WIDTHS = [6, 45, 50, 20, 14, 12, 10, 40]


def _rows(data: dict[str, Any]):
    for area in data["areas"]:
        yield "area", [area["code"], area["name"].upper(), "", "", "", percent(area["progress"]), "", ""]
        for component in area["components"]:
            yield (
                "component",
                [component["number"], component["name"], "", "", "", percent(component["progress"]), "", ""],
            )
            for indicator in component["indicators"]:
                yield (
                    "indicator",
                    [
                        "",
                        indicator["text"],
                        "",
                        "",
                        "",
                        percent(indicator["progress"]),
                        f"{indicator['evidence_verified']}/{indicator['evidence_total']}",
                        "",
                    ],
                )
                for step in indicator["steps"]:
                    progress = "" if step["progress"] is None else step["progress"]
                    yield (
                        "step",
                        [
                            "",
                            "",
                            step["text"],
                            step["pic"],
                            step["status_label"] or _("not reported"),
                            progress,
                            step["evidence"],
                            step["note"],
                        ],
                    )


def lembar_rows(data: dict[str, Any]) -> int:
    """The rows of the sheet: its areas, components, indicators, steps and findings."""
    return sum(1 for _row in _rows(data)) + len(data["findings"])


def lembar_xlsx(data: dict[str, Any], on_progress: Progress | None = None) -> bytes:

    buffer = io.BytesIO()
    book = workbook(buffer, constant_memory=True)
    bold = book.add_format({"bold": True})
    head = book.add_format(
        {"bold": True, "border": 1, "bg_color": "#D9E2F3", "text_wrap": True, "valign": "vcenter"}
    )
    styles = {
        "area": book.add_format({"bold": True, "border": 1, "bg_color": "#E7E6E6"}),
        "component": book.add_format({"bold": True, "border": 1, "text_wrap": True, "valign": "top"}),
        "indicator": book.add_format({"italic": True, "border": 1, "text_wrap": True, "valign": "top"}),
        "step": book.add_format({"border": 1, "text_wrap": True, "valign": "top"}),
    }
    sheet = book.add_worksheet("Lembar Monev ZI")
    for column, width in enumerate(WIDTHS):
        sheet.set_column(column, column, width)
    title = f"LEMBAR MONITORING DAN EVALUASI ZONA INTEGRITAS TRIWULAN {data['quarter']} TAHUN {data['year']}"
    sheet.write(0, 0, title, bold)
    sheet.write(1, 0, data["unit"].upper(), bold)
    sheet.write(2, 0, f"{_('Plan progress')}: {percent(data['progress'])}%")
    sheet.write_row(4, 0, COLUMNS, head)
    line = 5
    rows = list(_rows(data))
    for index, (kind, values) in enumerate(rows):
        for column, value in enumerate(values):
            if isinstance(value, int | float) and not isinstance(value, bool):
                sheet.write_number(line, column, value, styles[kind])
            else:
                sheet.write_string(line, column, str(value), styles[kind])
        line += 1
        if on_progress and index % 50 == 0:
            on_progress(int(80 * index / max(len(rows), 1)))
    line += 1
    sheet.write(line, 0, _("FINDINGS AND FOLLOW-UP"), bold)
    line += 1
    sheet.write_row(
        line,
        0,
        ["NO", _("FINDING"), _("FOLLOW-UP"), _("OWNER"), _("STATUS"), _("DUE DATE"), _("EVIDENCE"), ""],
        head,
    )
    for number, finding in enumerate(data["findings"], start=1):
        line += 1
        status = _("Closed") if finding["status"] == "closed" else _("Open")
        sheet.write_row(
            line,
            0,
            [
                number,
                finding["title"],
                finding["follow_up"],
                finding["owner"],
                status,
                finding["due_date"],
                finding["evidence"],
                "",
            ],
            styles["step"],
        )
    line += 3
    sheet.write(line, 5, _("Head of the ZI work team"))
    sheet.write(line + 4, 5, "(....................................)")
    book.close()
    if on_progress:
        on_progress(100)
    return buffer.getvalue()


def lembar_pdf(
    data: dict[str, Any], on_progress: Progress | None = None, *, max_pages: int | None = None
) -> bytes:
    html = render_to_string(
        "monev/lembar_pdf.html", {"data": data, "rows": list(_rows(data)), "columns": COLUMNS}
    )
    if on_progress:
        on_progress(50)
    pdf = pdf_from_html(html, max_pages=max_pages)
    if on_progress:
        on_progress(100)
    return pdf
