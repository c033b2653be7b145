"""A regency office's plan as units keep it: one row per LKE question with the columns `No,
aspek, area, pilar, sub_pilar, pertanyaan_lke, uraian_rencana_aksi, output, dokumen_bukti,
tim_kerja_terkait, pemeriksa, petugas_id`, written from the active LKE instrument's questions
(the Pengungkit ones: the plan's six areas, 110 questions, so 110 rows; docs/importing.md says
why not 109), as CSV or as XLSX under a title row."""

from __future__ import annotations

import csv
import io

from zona.lke.plan_questions import plan_questions
from zona.plans import areas

HEADER = [
    "No", "aspek", "area", "pilar", "sub_pilar", "pertanyaan_lke", "uraian_rencana_aksi", "output",
    "dokumen_bukti", "tim_kerja_terkait", "pemeriksa", "petugas_id",
]  # fmt: skip
TITLE = "RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS PEMERINTAH KABUPATEN CONTOH TAHUN 2026"
TEAMS = (
    "Tim Manajemen Perubahan",
    "Tim Tata Laksana",
    "Tim SDM",
    "Tim Akuntabilitas",
    "Tim Pengawasan",
    "Tim Pelayanan",
)


def questions():
    """The questions a plan serves: those of the six areas of change (Pengungkit)."""
    return [q for q in plan_questions() if q.area]


def regency_rows() -> list[list[str]]:
    rows = [list(HEADER)]
    for number, question in enumerate(questions(), start=1):
        area = areas.all_areas()[question.area - 1]
        rows.append(
            [
                str(number),
                "Reform" if question.part == "II" else "Pemenuhan",
                area.name,
                "Pengungkit",
                question.group_name,
                question.text,
                f"1. Rapat koordinasi {area.name.lower()}\n2. Menyusun dokumen untuk butir {number}",
                f"Laporan butir {number}",
                "Notula; daftar hadir",
                TEAMS[question.area - 1],
                "Inspektorat Kabupaten",
                str(1000 + number),
            ]
        )
    return rows


def expected() -> dict:
    """What the plan holds: the question each indicator serves, and its person in charge."""
    return {q.ref: TEAMS[q.area - 1] for q in questions()}


def regency_csv(
    rows: list[list[str]] | None = None, *, delimiter: str = ",", encoding: str = "utf-8"
) -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows or regency_rows())
    return out.getvalue().encode(encoding)


def regency_xlsx(rows: list[list[str]] | None = None, *, title: str = TITLE) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Rencana Aksi"
    if title:
        sheet.append([title])
        sheet.append([])
    for row in rows or regency_rows():
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
