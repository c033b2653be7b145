"""The files the complaint pages render: the register of a unit's complaints over a period (XLSX,
made by the worker through the heavy exports, see export_kinds.py)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from zona.lib.xlsx import xlsx_large_bytes
from zona.workdays.services import deadline_text

from .models import workflow


def complaint_register_build(*, cases):
    """What writes the complaint register into a workbook, row by row in order (so it can be
    streamed). A confidential reporter's name and contact are never written here, whoever asks:
    the register leaves the system."""
    flow = workflow()
    rows = (
        cases.select_related("unit", "complaint", "assigned_to").order_by("received_on", "seq").iterator(2000)
    )

    def build(book) -> None:
        head = book.add_format({"bold": True, "border": 1, "bg_color": "#D9E2F3", "text_wrap": True})
        cell = book.add_format({"border": 1, "text_wrap": True, "valign": "top"})
        sheet = book.add_worksheet("Register")
        columns = [
            ("NOMOR", 24), ("TANGGAL", 12), ("SALURAN", 12), ("KATEGORI", 18), ("JENIS", 18),
            ("PERIHAL", 40), ("PELAPOR", 24), ("KONTAK", 22), ("STATUS", 16), ("BATAS WAKTU", 12),
            ("PETUGAS", 20), ("ID LAPOR!", 16), ("STATUS LAPOR!", 18), ("DITERUSKAN KE", 24),
        ]  # fmt: skip
        for index, (title, width) in enumerate(columns):
            sheet.set_column(index, index, width)
            sheet.write_string(0, index, title, head)
        for line, case in enumerate(rows, start=1):
            complaint = case.complaint
            if case.anonymous:
                name, contact = _("anonymous"), ""
            elif case.confidential:
                name, contact = _("confidential"), ""
            else:
                name, contact = case.reporter_name, case.reporter_contact
            values = [
                case.number,
                f"{case.received_on:%d-%m-%Y}",
                case.channel,
                complaint.get_category_display(),
                complaint.get_complaint_type_display() if complaint.complaint_type else "",
                case.subject,
                name,
                contact,
                flow.states[case.state].label,
                deadline_text(case.due_on),
                str(case.assigned_to or ""),
                complaint.lapor_id,
                complaint.get_lapor_status_display() if complaint.lapor_status else "",
                complaint.forwarded_to,
            ]
            for column, value in enumerate(values):
                sheet.write_string(line, column, str(value), cell)

    return build


def complaint_register_xlsx(*, cases) -> bytes:
    """The register as XLSX, built on disk row by row (flat memory however many complaints)."""
    return xlsx_large_bytes(complaint_register_build(cases=cases))
