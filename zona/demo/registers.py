"""The demo's registers: the plan year's risk register, three SOPs, the recap registers behind
the Reform figures and the performance agreements."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from zona.performance import services as performance
from zona.risks import services as risks
from zona.risks.models import Register
from zona.sops.services import sop_create

from .derived import derived_records, recap_records

# (code, objective, statement, cause, (likelihood, impact), existing controls, control action, target)
DEMO_RISKS = [
    ("R01", "Pelayanan informasi publik tepat waktu", "Permohonan informasi dijawab lewat 10 hari kerja",
     "Petugas PPID merangkap tugas", (4, 3), "SOP layanan informasi", "Piket PPID harian", "Januari - Maret"),
    ("R02", "Tahapan pemilu berintegritas", "Gratifikasi kepada petugas tahapan",
     "Interaksi langsung dengan peserta pemilu", (3, 5), "Pakta integritas", "Sosialisasi UPG",
     "Triwulan II"),
    ("R03", "Data pemilih akurat", "Pemilih ganda dalam DPT", "Data kependudukan belum mutakhir", (3, 4),
     "Pencocokan dan penelitian", "Analisis kegandaan mingguan", "Juli - Desember"),
    ("R04", "Pengelolaan keuangan akuntabel", "Keterlambatan pertanggungjawaban anggaran",
     "Bukti belanja tidak lengkap", (2, 3), "", "Checklist SPJ", "Triwulan IV"),
]  # fmt: skip


def load(unit, plan, people) -> None:
    """The plan year's risk register (control actions, one reported in the open quarter),
    three SOPs (one service SOP, one review overdue, one due soon), the recap registers behind
    the Reform figures, and the performance agreements of the plan year and the one before."""
    if Register.objects.filter(unit=unit).exists():
        return
    by, year = people["koordinator"], plan.year
    register = risks.register_open(unit=unit, year=year, by=by)
    for code, objective, statement, cause, scores, controls, activity, target in DEMO_RISKS:
        values = {"code": code, "objective": objective, "statement": statement, "cause": cause,
                  "likelihood": scores[0], "impact": scores[1], "controls": controls,
                  "category": "Operasional", "source": "internal"}  # fmt: skip
        risk = risks.risk_save(register=register, owner=people["pic"], by=by, values=values)
        values = {"response": "kurangi", "activity": activity, "target_text": f"{target} {year}",
                  "output": "Laporan pelaksanaan"}  # fmt: skip
        risks.action_add(risk=risk, owner=people["pic"], by=by, values=values)
    cycle = plan.cycles.filter(status="open").first()
    if cycle is not None:
        action = register.risks.get(code="R01").actions.get()
        risks.realisation_record(
            action=action,
            cycle=cycle,
            status="berjalan",
            progress=60,
            note="Jadwal piket ditetapkan",
            by=people["pic"],
            residual=(2, 3),
        )
    _sops(unit, by)
    recap_records(unit, year, by)
    derived_records(unit, year, people)
    _performance(unit, year, by)


def _sops(unit, by) -> None:

    today = timezone.localdate()
    sops = (
        ("SOP Pelayanan Informasi Publik", "Layanan PPID", True, today - timedelta(days=400)),
        ("SOP Penanganan Pengaduan", "Pengelolaan pengaduan", True, date(today.year - 4, 3, 1)),
        ("SOP Pengelolaan Arsip", "", False, today - timedelta(days=3 * 365 - 30)),
    )
    # numbered as a decree is: its sequence in the year of approval/SOP/unit/year, 002/SOP/SUMSEL/2021
    codes, in_year = {}, {}
    for title, *_rest, approved in sorted(sops, key=lambda sop: sop[3]):
        in_year[approved.year] = in_year.get(approved.year, 0) + 1
        codes[title] = f"{in_year[approved.year]:03d}/SOP/{unit.code}/{approved.year}"
    for title, process, service, approved in sops:
        upload = SimpleUploadedFile("sop.pdf", b"%PDF-1.4 SOP (contoh)", content_type="application/pdf")
        code = codes[title]
        sop_create(unit=unit, title=title, process=process, is_service=service, code=code,
                   approved_on=approved, signer="Ketua KPU Provinsi Sumatera Selatan", by=by,
                   upload=upload)  # fmt: skip


def _performance(unit, year, by) -> None:

    for agreement_year, turnout, innovations in ((year - 1, "72", "3"), (year, "79.2", "4")):
        agreement = performance.agreement_open(unit=unit, year=agreement_year, by=by)
        targets = [
            performance.target_add(agreement=agreement, code=code, text=text, by=by)
            for code, text in (
                ("SS1", "Meningkatnya partisipasi pemilih"),
                ("SS2", "Meningkatnya kualitas layanan"),
            )
        ]
        last = Decimal("72") if agreement_year == year else None
        for target, name, measure, annual, value, before in (
            (targets[0], "Tingkat partisipasi pemilih", "%", "77.5", turnout, last),
            (targets[1], "Inovasi layanan", "inovasi", "4", innovations, Decimal(3) if last else None),
        ):
            values = {
                "name": name,
                "measure": measure,
                "annual_target": Decimal(annual),
                "last_year": before,
            }
            indicator = performance.indicator_add(target=target, by=by, values=values)
            performance.realisation_record(
                indicator=indicator, quarter=4, value=Decimal(value), note="", by=by
            )
    performance.target_add(
        agreement=agreement,
        code="SS1.1",
        text="Sosialisasi pemilih pemula",
        parent=targets[0],
        level="tim",
        holder="Tim Partisipasi Masyarakat",
        by=by,
    )
