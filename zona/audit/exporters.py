"""The files the trail's pages render: a unit's field-level trail of a period as XLSX for the
Inspektorat, one row per changed field (trail.rows), every value written as text."""

from __future__ import annotations

from zona.lib.xlsx import xlsx_bytes

from .trail import rows

HEADERS = ["Waktu", "Oleh", "Aksi", "Jenis objek", "ID", "Objek", "Isian", "Nilai lama", "Nilai baru"]


def trail_xlsx(title: str, entries) -> bytes:
    def build(book):
        bold = book.add_format({"bold": True})
        sheet = book.add_worksheet("Jejak audit")
        sheet.write_string(0, 0, title, bold)
        sheet.write_row(2, 0, HEADERS, bold)
        for r, row in enumerate(rows(entries), start=3):
            for c, value in enumerate(row):
                sheet.write_string(r, c, value)
        sheet.set_column(0, 0, 19)
        sheet.set_column(1, len(HEADERS) - 1, 22)

    return xlsx_bytes(build)
