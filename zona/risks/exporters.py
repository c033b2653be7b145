"""The register in the usual Daftar Risiko layout: one row per control action (a risk without
one takes a row of its own), the risk's columns repeated, as XLSX and as PDF."""

from __future__ import annotations

from zona.lib.render import pdf_from_template
from zona.lib.xlsx import xlsx_bytes

from .matrix import scheme
from .models import Register, Source
from .services import priorities

HEADERS = [
    "No",
    "Tujuan/Sasaran",
    "Kegiatan/Proses",
    "Kode Risiko",
    "Pernyataan Risiko",
    "Penyebab",
    "Sumber",
    "Dampak",
    "Kategori",
    "Pemilik Risiko",
    "Kemungkinan",
    "Dampak (1-5)",
    "Level Risiko",
    "Besaran Risiko",
    "Pengendalian yang Ada",
    "Memadai",
    "Respons",
    "Kegiatan Pengendalian (RTP)",
    "Penanggung Jawab",
    "Target Waktu",
    "Indikator Keluaran",
    "Realisasi Terakhir",
    "Level Residual",
    "Prioritas",
]


def _latest(realisation) -> str:
    if realisation is None:
        return ""
    status = realisation.get_status_display()
    return f"TW{realisation.cycle.quarter}: {status} {realisation.progress}% {realisation.note}".strip()


def rows(register: Register) -> list[list]:
    s = scheme()
    order = priorities(register)
    risks = sorted(
        register.risks.select_related("owner").prefetch_related(
            "actions__owner", "actions__realisations__cycle"
        ),
        key=lambda r: r.code,
    )
    out = []
    for number, risk in enumerate(risks, start=1):
        head = [
            number,
            risk.objective,
            risk.process,
            risk.code,
            risk.statement,
            risk.cause,
            "eksternal" if risk.source == Source.EXTERNAL else "internal",
            risk.consequence,
            risk.category,
            risk.owner_title or (risk.owner.get_full_name() if risk.owner else ""),
            risk.likelihood,
            risk.impact,
            risk.inherent_level,
            s.band(risk.inherent_level).label,
            risk.controls,
            "Memadai" if risk.controls_adequate else "Belum memadai",
        ]
        tail = [
            f"{risk.residual_level} ({s.band(risk.residual_level).label})" if risk.residual_level else "",
            order[risk.pk],
        ]
        actions = list(risk.actions.all()) or [None]
        for action in actions:
            if action is None:
                middle = ["", "", "", "", "", ""]
            else:
                latest = max(action.realisations.all(), key=lambda r: r.cycle.quarter, default=None)
                middle = [
                    action.response,
                    action.activity,
                    action.owner_title or (action.owner.get_full_name() if action.owner else ""),
                    action.target_text,
                    action.output,
                    _latest(latest),
                ]
            out.append(head + middle + tail)
    return out


def register_xlsx(register: Register) -> bytes:
    def build(book):
        sheet = book.add_worksheet("Daftar Risiko")
        bold = book.add_format({"bold": True, "text_wrap": True, "border": 1, "valign": "top"})
        wrap = book.add_format({"text_wrap": True, "border": 1, "valign": "top"})
        sheet.write(0, 0, f"DAFTAR RISIKO {register.unit.name.upper()} TAHUN {register.year}", bold)
        sheet.write(1, 0, f"Matriks: {scheme().matrix(register.matrix).label}")
        sheet.write_row(3, 0, HEADERS, bold)
        for r, row in enumerate(rows(register), start=4):
            for c, value in enumerate(row):
                if isinstance(value, int):
                    sheet.write_number(r, c, value, wrap)
                else:
                    sheet.write_string(r, c, str(value), wrap)
        sheet.set_column(0, 0, 5)
        sheet.set_column(1, len(HEADERS) - 1, 18)
        sheet.freeze_panes(4, 4)

    return xlsx_bytes(build)


def register_pdf(register: Register) -> bytes:
    return pdf_from_template(
        "_table_pdf.html",
        {
            "title": f"DAFTAR RISIKO {register.unit.name.upper()} TAHUN {register.year}",
            "meta": f"Matriks level risiko: {scheme().matrix(register.matrix).label}",
            "tables": [{"headers": HEADERS, "rows": rows(register)}],
            "font_size": "5.5pt",
        },
    )
