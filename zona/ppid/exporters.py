"""The files the PPID pages render: the written notice of a request's decision (PDF, given to the
applicant on the tracking page and to the officers) and the annual public-information report
(XLSX and PDF, from report.annual_report)."""

from __future__ import annotations

from zona.lib.render import pdf_from_template
from zona.lib.xlsx import xlsx_bytes

from .models import InformationRequest
from .report import AnnualReport


def notice_pdf(request: InformationRequest) -> bytes:
    return pdf_from_template("ppid/notice_pdf.html", {"request": request, "case": request.case})


def annual_report_xlsx(report: AnnualReport) -> bytes:
    def build(book) -> None:
        bold = book.add_format({"bold": True})
        wrap = book.add_format({"text_wrap": True, "valign": "top"})
        sheet = book.add_worksheet("Laporan")
        sheet.set_column(0, 0, 60)
        sheet.set_column(1, 1, 60)
        sheet.write_string(
            0, 0, f"LAPORAN LAYANAN INFORMASI PUBLIK {report.unit.name.upper()} TAHUN {report.year}", bold
        )
        line = 2
        for title, rows in _sections(report):
            sheet.write_string(line, 0, title, bold)
            line += 1
            for label, value in rows:
                sheet.write_string(line, 0, label, wrap)
                if isinstance(value, int | float):
                    sheet.write_number(line, 1, value)
                else:
                    sheet.write_string(line, 1, str(value), wrap)
                line += 1
            line += 1

    return xlsx_bytes(build)


def _sections(report: AnnualReport) -> list[tuple[str, list[tuple[str, object]]]]:
    """The report's six parts, as (title, rows) for the XLSX; the PDF template follows the same
    order."""
    t = report.text
    return [
        ("1. Gambaran umum kebijakan layanan informasi publik", [("Kebijakan", t.policy or "-")]),
        (
            "2. Pelaksanaan: sarana, sumber daya manusia dan anggaran",
            [
                ("Sarana dan prasarana", t.facilities or "-"),
                ("Sumber daya manusia", t.staff or "-"),
                ("Anggaran", t.budget or "-"),
            ],
        ),  # fmt: skip
        (
            "3. Rincian layanan informasi publik",
            [
                ("Jumlah permohonan", report.requests),
                ("Dikabulkan seluruhnya", report.granted_full),
                ("Dikabulkan sebagian", report.granted_partial),
                ("Ditolak", report.refused),
                ("Belum diputus", report.undecided),
                ("Menunggu penyerahan informasi", report.awaiting_delivery),
                ("Rata-rata waktu layanan sampai penyerahan (hari kerja)", report.average_days or 0),
                ("Dilayani tepat waktu", report.on_time),
                *[(f"Alasan penolakan: {k}", v) for k, v in report.refusal_reasons.items()],
                *[(f"Saluran: {k}", v) for k, v in report.by_channel.items()],
            ],
        ),
        (
            "4. Rincian keberatan dan sengketa informasi",
            [
                ("Jumlah keberatan", report.objections),
                ("Keberatan yang ditanggapi atasan PPID", report.objections_answered),
                *[(f"Putusan keberatan: {k}", v) for k, v in report.objection_outcomes.items()],
                *[
                    (
                        f"Keberatan {o.number} ({o.request.case.number})",
                        o.get_outcome_display() if o.outcome else "belum ditanggapi",
                    )
                    for o in report.objection_rows
                ],
                ("Jumlah sengketa di Komisi Informasi", report.disputes),
                *[(f"Putusan sengketa: {k}", v) for k, v in report.dispute_outcomes.items()],
                *[
                    (
                        f"Sengketa {d.register_number or d.filed_on.isoformat()} · {d.commission}",
                        d.get_outcome_display() if d.outcome else d.get_stage_display(),
                    )
                    for d in report.dispute_rows
                ],
            ],
        ),
        (
            "5. Kendala",
            [
                ("Kendala internal", t.obstacles_internal or "-"),
                ("Kendala eksternal", t.obstacles_external or "-"),
            ],
        ),
        ("6. Rekomendasi dan rencana tindak lanjut", [("Rekomendasi", t.recommendations or "-")]),
    ]


def annual_report_pdf(report: AnnualReport) -> bytes:
    return pdf_from_template("ppid/annual_pdf.html", {"report": report})
