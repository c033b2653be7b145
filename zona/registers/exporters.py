"""The files the recap registers render: a period's recap (its summary and every entry) as XLSX
and PDF, and an entry's values as the text of a table row."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from zona.lib.render import pdf_from_template
from zona.lib.xlsx import xlsx_bytes

from .models import Entry
from .types import RegisterType

if TYPE_CHECKING:  # the recap is computed by services.py, which attaches this module's PDF
    from .services import RecapResult


def _cell(spec, value) -> str:
    if value is None or value == "":
        return ""
    if spec.type == "bool":
        return "Ya" if value else "Tidak"
    if spec.type == "date":
        return date.fromisoformat(value).strftime("%d/%m/%Y")
    return str(value)


def entry_row(t: RegisterType, entry: Entry) -> list[str]:
    return [_cell(spec, entry.values.get(spec.key)) for spec in t.fields]


def _summary_rows(result: RecapResult) -> tuple[list[str], list[list]]:
    t, r = result.type, result.type.recap
    headers = [
        t.field(r.group).label if r.group else _("Register"),
        _("Entries"),
        *(t.field(k).label for k in r.sum),
    ]
    rows = [[value, n, *sums] for value, n, sums in result.groups]
    rows.append([_("Total"), result.count, *result.sums])
    return headers, rows


def _facts(result: RecapResult) -> list[str]:
    facts = [f"{label}: {n}" for label, n in result.filled]
    if result.people is not None:
        facts.append(_("people: %(n)s") % {"n": result.people})
    return facts


def _title(result: RecapResult) -> str:
    return f"REKAP {result.type.name.upper()} — {result.unit.name.upper()} — {result.period.label.upper()}"


def recap_xlsx(result: RecapResult) -> bytes:
    t = result.type

    def build(book):
        bold = book.add_format({"bold": True, "border": 1, "text_wrap": True, "valign": "top"})
        plain = book.add_format({"border": 1, "text_wrap": True, "valign": "top"})
        sheet = book.add_worksheet("Rekap")
        sheet.write_string(0, 0, _title(result), book.add_format({"bold": True}))
        headers, rows = _summary_rows(result)
        sheet.write_row(2, 0, headers, bold)
        for i, row in enumerate(rows, start=3):
            for j, value in enumerate(row):
                if isinstance(value, int | Decimal):
                    sheet.write_number(i, j, float(value), plain)
                else:
                    sheet.write_string(i, j, str(value), plain)
        for k, fact in enumerate(_facts(result), start=len(rows) + 4):
            sheet.write_string(k, 0, fact)
        sheet.set_column(0, len(headers), 22)
        data = book.add_worksheet("Data")
        data.write_row(0, 0, ["No", *(s.label for s in t.fields)], bold)
        for i, entry in enumerate(result.entries, start=1):
            data.write_number(i, 0, i, plain)
            for j, value in enumerate(entry_row(t, entry), start=1):
                data.write_string(i, j, value, plain)
        data.set_column(1, len(t.fields), 20)

    return xlsx_bytes(build)


def recap_pdf(result: RecapResult, *, max_pages: int | None = None) -> bytes:
    headers, rows = _summary_rows(result)
    return pdf_from_template(
        "_table_pdf.html",
        {
            "title": _title(result),
            "meta": result.type.basis,
            "tables": [
                {"headers": headers, "rows": rows, "after": " · ".join(_facts(result))},
                {
                    "heading": "DATA",
                    "headers": ["No", *(s.label for s in result.type.fields)],
                    "rows": [[i, *entry_row(result.type, e)] for i, e in enumerate(result.entries, start=1)],
                },
            ],
        },
        max_pages=max_pages,
    )
