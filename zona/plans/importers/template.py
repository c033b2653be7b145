"""The blank plan template: the standard columns, an example area and row, the Lampiran I sheet
and a sheet of instructions. Filled in, it imports cleanly."""

from __future__ import annotations

from django.utils.translation import gettext as _

from zona.lib.xlsx import xlsx_bytes

from ..exporters import XLSX_COLUMNS as COLUMNS
from ..exporters import XLSX_WIDTHS as WIDTHS

EXAMPLE = [
    "1",
    "Penyusunan Tim Kerja",
    "Unit kerja telah membentuk tim untuk melakukan pembangunan Zona Integritas",
    "1. Rapat pembentukan Tim Kerja ZI\n2. Penetapan SK Tim Kerja ZI",
    "- SK Tim Kerja ZI\n- Notula rapat pembentukan",
    "Januari - Februari 2026",
    "Sekretaris",
    "A.I.1.i.a",
    "",
]


def template_xlsx() -> bytes:
    def build(book) -> None:
        bold = book.add_format({"bold": True})
        head = book.add_format({"bold": True, "border": 1, "bg_color": "#D9E2F3", "text_wrap": True})
        cell = book.add_format({"border": 1, "valign": "top", "text_wrap": True})
        area = book.add_format({"bold": True, "border": 1, "bg_color": "#F2F2F2"})
        sheet = book.add_worksheet("Rencana Kerja")
        for column, width in enumerate(WIDTHS):
            sheet.set_column(column, column, width)
        rows = [("Nomor", ""), ("Tanggal", ""), ("Unit", ""), ("Tahun", "2026"), ("Tentang", "")]
        for line, (key, value) in enumerate(rows):
            sheet.write_string(line, 0, key, bold)
            sheet.write_string(line, 1, value)
        header = len(rows) + 1
        for column, title in enumerate(COLUMNS):
            sheet.write_string(header, column, title, head)
        sheet.write_string(header + 1, 0, "I", area)
        sheet.merge_range(header + 1, 1, header + 1, len(COLUMNS) - 1, "MANAJEMEN PERUBAHAN", area)
        for column, value in enumerate(EXAMPLE):
            sheet.write_string(header + 2, column, value, cell)
        sheet.freeze_panes(header + 1, 0)
        priorities = book.add_worksheet("Lampiran I")
        priorities.set_column(0, 0, 8)
        priorities.set_column(1, 1, 100)
        priorities.write_string(0, 0, "AREA", head)
        priorities.write_string(0, 1, "TARGET PRIORITAS", head)
        priorities.write_string(1, 0, "I", cell)
        priorities.write_string(1, 1, "Terbentuknya Tim Kerja ZI yang mewakili seluruh unsur", cell)
        guide = book.add_worksheet(_("Instructions"))
        guide.set_column(0, 0, 110)
        for line, text in enumerate(instructions()):
            guide.write_string(line, 0, text, bold if line == 0 else None)

    return xlsx_bytes(build)


def instructions() -> list[str]:
    return [
        _("How to fill in the Zona work-plan template"),
        _("1. Keep the header row (NO, KOMPONEN, INDIKATOR, …) as it is; fill the rows below it."),
        _("2. Start each area of change with a row: its numeral (I–VI) and its name (see the example)."),
        _("3. A component: its number in NO and its name in KOMPONEN, on its first indicator's row only."),
        _("4. Several indicators of one component: leave NO and KOMPONEN empty on the following rows."),
        _("5. LANGKAH AKSI: one step per line, numbered (1. 2. …) or with a dash; the same for BUKTI FISIK."),
        _("6. TARGET WAKTU: a month or a range: “Maret 2026”, “Januari - Juni 2026”, “Triwulan II 2026”."),
        _("7. KODE LKE (optional): the LKE question the indicator serves, e.g. A.I.1.i.a."),
        _("8. UKURAN (optional): the counts the LKE asks for, one per line, e.g. “Jumlah agen perubahan”."),
        _("9. The sheet “Lampiran I” holds the priority targets: the area's numeral and one target per row."),
        _("10. Fill in Nomor, Tanggal, Unit and Tentang of the decree above the table, if there is one."),
    ]
