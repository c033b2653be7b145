"""The demo's records behind the LKE answers derived from the registers: the recaps behind the
Reform figures, a Daftar Informasi Publik, complaints through several channels (one from
SP4N-LAPOR! with its status read there), transfers, SKP assessments and personnel-data updates
of the plan year."""

from __future__ import annotations

from datetime import date

from zona.complaints.services import complaint_lapor_record, complaint_submit
from zona.ppid.models import InformationItem
from zona.registers.services import entry_save, headcount_set

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


def recap_records(unit, year: int, by) -> None:
    """The recap registers behind the Reform figures: training, discipline, LHKPN/LHKASN and
    simplified services, with the year's headcount."""
    headcount_set(unit=unit, year=year, employees=40, by=by)
    rows = []
    for n in range(1, 13):
        day = f"{year}-0{n % 9 + 1}-10"
        who, hours = f"Pegawai {n:02d}", str(12 + n)
        raw = {
            "pegawai": who,
            "kegiatan": "Pelatihan SAKIP",
            "jenis": "E-learning",
            "tanggal": day,
            "jp": hours,
        }
        rows.append(("pelatihan", raw))
    for day in (f"{year - 1}-03-02", f"{year - 1}-08-17", f"{year - 1}-11-01", f"{year}-05-05"):
        rows.append(("disiplin", {"tanggal": day, "pelanggaran": "Tidak masuk kerja tanpa keterangan",
                                  "tingkat": "Ringan", "sanksi": "Teguran lisan"}))  # fmt: skip
    reports = [("Ketua", "LHKPN", "03/03"), ("Sekretaris", "LHKPN", "15/03"),
               ("Kabag Umum", "LHKASN", "20/03"), ("Kasubbag Hukum", "LHKASN", "")]  # fmt: skip
    for who, kind, sent in reports:
        sent_on = f"{sent}/{year}" if sent else ""
        rows.append(("lhkpn", {"pegawai": who, "jenis": kind, "tahun": str(year), "tanggal_lapor": sent_on}))
    services = [
        ("Layanan informasi publik", "Ya"),
        ("Layanan data pemilih", "Ya"),
        ("Legalisir dokumen", "Tidak"),
    ]
    for name, done in services:
        how = "Permohonan daring" if done == "Ya" else ""
        rows.append(
            (
                "layanan_dipermudah",
                {"layanan": name, "tahun": str(year), "dipermudah": done, "bentuk": how},
            )
        )
    for kind, raw in rows:
        entry_save(unit=unit, kind=kind, raw=raw, by=by)
