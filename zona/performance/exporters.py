"""The files the SAKIP pages render: the Laporan Kinerja table (each indicator with its target,
realisation and achievement) as XLSX and PDF."""

from __future__ import annotations

from decimal import Decimal

from zona.lib.render import pdf_from_template
from zona.lib.xlsx import xlsx_bytes

from .achievement import two
from .models import Agreement
from .rules import in_force_text
from .services import summary

LKJ_HEADERS = [
    "No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target", "Realisasi", "Capaian (%)",
    "Realisasi Tahun Lalu", "Capaian Sasaran (%)",
]  # fmt: skip


def _number(value) -> str:
    return (
        ""
        if value is None
        else f"{two(Decimal(value)):,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    )


def lkj_rows(agreement: Agreement) -> list[list[str]]:
    """The Laporan Kinerja table: each indicator with its target, realisation and achievement,
    last year's realisation beside it, and the target's achievement."""
    rows = []
    for number, figure in enumerate(summary(agreement).targets, start=1):
        for i, item in enumerate(figure.indicators or [None]):
            indicator = item.indicator if item else None
            rows.append([
                str(number) if i == 0 else "",
                f"{figure.target.code} {figure.target.text}" if i == 0 else "",
                indicator.name if indicator else "",
                indicator.measure if indicator else "",
                _number(indicator.annual_target) if indicator else "",
                _number(item.realisation) if item else "",
                _number(item.achievement) if item else "",
                _number(indicator.last_year) if indicator else "",
                _number(figure.achievement) if i == 0 else "",
            ])  # fmt: skip
    return rows


def _lkj_title(agreement: Agreement) -> str:
    return f"PENGUKURAN KINERJA {agreement.unit.name.upper()} TAHUN {agreement.year}"


def lkj_xlsx(agreement: Agreement) -> bytes:
    def build(book):
        bold = book.add_format({"bold": True, "border": 1, "text_wrap": True, "valign": "top"})
        plain = book.add_format({"border": 1, "text_wrap": True, "valign": "top"})
        sheet = book.add_worksheet("Capaian Kinerja")
        sheet.write_string(0, 0, _lkj_title(agreement), book.add_format({"bold": True}))
        sheet.write_row(2, 0, LKJ_HEADERS, bold)
        for r, row in enumerate(lkj_rows(agreement), start=3):
            for c, value in enumerate(row):
                sheet.write_string(r, c, value, plain)
        sheet.set_column(0, 0, 5)
        sheet.set_column(1, 2, 40)
        sheet.set_column(3, len(LKJ_HEADERS) - 1, 14)

    return xlsx_bytes(build)


def lkj_pdf(agreement: Agreement) -> bytes:
    s = summary(agreement)
    after = f"Sasaran tercapai ≥ 100%: {s.met} dari {len(s.counted)}. {in_force_text(s.rules)}"
    return pdf_from_template(
        "_table_pdf.html",
        {
            "title": _lkj_title(agreement),
            "meta": "Tabel capaian kinerja (Laporan Kinerja)",
            "tables": [{"headers": LKJ_HEADERS, "rows": lkj_rows(agreement), "after": after}],
        },
    )
