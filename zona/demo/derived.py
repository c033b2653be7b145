"""The demo's records behind the LKE answers derived from the PPID, complaint and HR registers:
a Daftar Informasi Publik, complaints through several channels (one from SP4N-LAPOR! with its
status read there), transfers, SKP assessments and personnel-data updates of the plan year."""

from __future__ import annotations

from datetime import date

from zona.complaints.services import complaint_lapor_record, complaint_submit
from zona.ppid.models import InformationItem
from zona.registers.services import entry_save

DIP = [
    ("Laporan keuangan semester II", "berkala", (12, 15)),
    ("Rencana strategis", "berkala", (3, 1)),  # not updated for more than 6 months by year end
    ("Pengumuman jadwal tahapan pemilu", "serta_merta", (11, 20)),
    ("Daftar SOP pelayanan", "setiap_saat", (10, 2)),
]
COMPLAINTS = [("langsung", "", (2, 6)), ("web", "", (5, 17)), ("lapor", "2023051700123", (8, 9))]


def derived_records(unit, year: int, people: dict) -> None:
    by = people["koordinator"]
    for title, category, (month, day) in DIP:
        InformationItem.objects.create(
            unit=unit, title=title, category=category, updated_on=date(year, month, day), created_by=by
        )
    for channel, lapor_id, (month, day) in COMPLAINTS:
        case = complaint_submit(
            unit=unit, subject=f"Pengaduan melalui {channel}", description="Antrean layanan informasi lama",
            category="pelayanan", channel=channel, reporter_name="Warga", reporter_contact="081200000000",
            received_on=date(year, month, day), lapor_id=lapor_id,
        )[0]  # fmt: skip
        if lapor_id:
            complaint_lapor_record(case=case, status="proses", synced_on=date(year, month, day + 3), by=by)
    rows = [
        ("mutasi", {"pegawai": "Pegawai 01", "jenis": "Rotasi", "dari": "Subbag Umum", "ke": "Subbag Teknis",
                    "nomor_sk": "12/SDM/2023", "tanggal": f"{year}-03-01"}),
        ("mutasi", {"pegawai": "Pegawai 02", "jenis": "Mutasi", "dari": "Subbag Hukum", "ke": "Subbag Umum",
                    "nomor_sk": "31/SDM/2023", "tanggal": f"{year}-07-03"}),
        ("pemutakhiran", {"pegawai": "Pegawai 01", "tanggal": f"{year}-03-06", "data": "Jabatan",
                          "melalui": "SIASN/MySAPK"}),
    ]  # fmt: skip
    for n in range(1, 4):
        for month in (3, 6, 9, 12):
            rows.append(
                (
                    "skp",
                    {"pegawai": f"Pegawai {n:02d}", "tanggal": f"{year}-{month:02d}-28", "predikat": "Baik"},
                )
            )
    for kind, raw in rows:
        entry_save(unit=unit, kind=kind, raw=raw, by=by)
