"""The files the gratification pages render: the UPG's periodic recap to the Inspektorat (XLSX,
the reports of a period or NIHIL), kept as the UPG's evidence by recaps.py."""

from __future__ import annotations

import io
from datetime import date

from zona.lib.xlsx import workbook
from zona.orgs.models import Unit

from .models import GratificationReport


def recap_xlsx(unit: Unit, start: date, end: date, rows: list[GratificationReport]) -> bytes:
    buffer = io.BytesIO()
    book = workbook(buffer)
    bold = book.add_format({"bold": True})
    sheet = book.add_worksheet("Rekap")
    sheet.write(0, 0, f"REKAPITULASI LAPORAN GRATIFIKASI {unit.name.upper()}", bold)
    sheet.write(1, 0, f"Periode {start:%d-%m-%Y} s.d. {end:%d-%m-%Y}")
    headers = [
        "No",
        "Nomor",
        "Tanggal lapor",
        "Pelapor",
        "Diterima/ditolak",
        "Bentuk",
        "Uraian",
        "Nilai (Rp)",
        "Status",
        "Disampaikan",
        "Diterima KPK",
        "Terlambat ke KPK",
        "Penetapan KPK",
    ]
    sheet.write_row(3, 0, headers, bold)
    if not rows:
        sheet.write(4, 0, "NIHIL", bold)
    for index, report in enumerate(rows, start=1):
        sheet.write_row(
            3 + index,
            0,
            [
                str(index),
                report.number,
                report.reported_on.isoformat(),
                str(report.reporter),
                report.get_kind_display(),
                report.get_form_display(),
                report.description,
                f"{report.value:.0f}",
                report.state,
                report.get_channel_display(),
                report.forwarded_on.isoformat() if report.forwarded_on else "",
                "ya" if report.late_to_kpk else "",
                report.get_decision_display() if report.decision else "",
            ],
        )
    book.close()
    return buffer.getvalue()
