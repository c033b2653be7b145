"""The files the complaint pages render: the register of a unit's complaints over a period (XLSX,
made by the worker through the heavy exports, see export_kinds.py)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from zona.lib.xlsx_table import xlsx_table_bytes
from zona.workdays.services import deadline_text

from .models import Category, ComplaintType, LaporStatus, workflow

COLUMNS = [
    ("NOMOR", 24), ("TANGGAL", 12), ("SALURAN", 12), ("KATEGORI", 18), ("JENIS", 18),
    ("PERIHAL", 40), ("PELAPOR", 24), ("KONTAK", 22), ("STATUS", 16), ("BATAS WAKTU", 12),
    ("PETUGAS", 20), ("ID LAPOR!", 16), ("STATUS LAPOR!", 18), ("DITERUSKAN KE", 24),
]  # fmt: skip
FIELDS = (
    "number", "received_on", "channel", "complaint__category", "complaint__complaint_type", "subject",
    "anonymous", "confidential", "reporter_name", "reporter_contact", "state", "due_on",
    "assigned_to__first_name", "assigned_to__last_name", "assigned_to__username",
    "complaint__lapor_id", "complaint__lapor_status", "complaint__forwarded_to",
)  # fmt: skip


def complaint_register_rows(cases):
    """The register's rows in order, from one streamed query of plain values (no object per
    complaint, no query per row). A confidential reporter's name and contact are never written,
    whoever asks: the register leaves the system."""
    states = {code: state.label for code, state in workflow().states.items()}
    categories, kinds, lapor = (
        dict((k, str(v)) for k, v in c.choices) for c in (Category, ComplaintType, LaporStatus)
    )
    anonymous, confidential = _("anonymous"), _("confidential")
    deadlines: dict = {}  # each day's text once (whether it is an estimate depends on the year)
    rows = cases.order_by("received_on", "seq").values_list(*FIELDS).iterator(chunk_size=2000)
    for (number, received, channel, category, kind, subject, is_anonymous, is_confidential, name,
         contact, state, due, first, last, username, lapor_id, lapor_status, forwarded) in rows:  # fmt: skip
        if is_anonymous:
            name, contact = anonymous, ""
        elif is_confidential:
            name, contact = confidential, ""
        if due not in deadlines:
            deadlines[due] = deadline_text(due)
        officer = (
            f"{first} {last}".strip() or username or ""
        )  # User.__str__: the full name, else the username
        yield (
            number, f"{received:%d-%m-%Y}", channel, categories.get(category, category),
            kinds.get(kind, kind) if kind else "", subject, name, contact, states[state], deadlines[due],
            officer, lapor_id or "", lapor.get(lapor_status, lapor_status) if lapor_status else "",
            forwarded or "",
        )  # fmt: skip


def complaint_register_xlsx(*, cases) -> bytes:
    return xlsx_table_bytes(sheet="Register", columns=COLUMNS, rows=complaint_register_rows(cases))
