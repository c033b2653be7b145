"""Importing a 5,000-row plan (target: under 2 s), in two layouts: the decree's columns as XLSX,
and one or more rows per LKE question by code as CSV (the published Aceh plan repeated). Prints
the time to read, to save, and the peak memory the import allocates.

Run: .venv/bin/python bench/import_5000.py
"""

import csv
import io
import time
import tracemalloc

from _setup import ROOT, django_ready, median_ms

django_ready()

from django.db import transaction  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from zona.orgs.models import Level  # noqa: E402
from zona.orgs.services import unit_create  # noqa: E402
from zona.plans.importers import read_plan  # noqa: E402
from zona.plans.services import plan_import  # noqa: E402

ROWS = 5000
ACEH = ROOT / "zona" / "plans" / "tests" / "fixtures" / "rencana_kerja_zi_bps_prov_aceh_2025.csv"
AREAS = [
    "MANAJEMEN PERUBAHAN",
    "PENATAAN TATALAKSANA",
    "PENATAAN SISTEM MANAJEMEN SDM",
    "PENGUATAN AKUNTABILITAS",
    "PENGUATAN PENGAWASAN",
    "PENINGKATAN KUALITAS PELAYANAN PUBLIK",
]
ROMAN = ["I", "II", "III", "IV", "V", "VI"]


def decree_xlsx() -> bytes:
    """6 areas, 10 indicators a component, each row 3 numbered steps and 2 evidence lines."""
    book = Workbook()
    sheet = book.active
    sheet.append(["Tahun", "2026"])
    sheet.append(
        ["NO", "KOMPONEN", "INDIKATOR", "LANGKAH AKSI", "BUKTI FISIK", "TARGET WAKTU", "PENANGGUNG JAWAB"]
    )
    per_area = ROWS // len(AREAS)
    written = 0
    for area_index, (numeral, name) in enumerate(zip(ROMAN, AREAS, strict=True)):
        sheet.append([numeral, name])
        rows = per_area if area_index < len(AREAS) - 1 else ROWS - written
        for row in range(rows):
            first = row % 10 == 0
            sheet.append(
                [
                    str(row // 10 + 1) if first else "",
                    f"Komponen {row // 10 + 1} area {numeral}" if first else "",
                    f"Indikator {numeral}.{row + 1} telah dilaksanakan sesuai rencana kerja",
                    f"1. Menyusun rencana kegiatan {row}\n2. Melaksanakan kegiatan {row}"
                    "\n3. Melaporkan hasil",
                    f"- Laporan kegiatan {row}\n- Dokumentasi",
                    "Januari - Juni 2026",
                    f"Tim {numeral}",
                ]
            )
        written += rows
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def lke_code_csv() -> bytes:
    with ACEH.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        body = list(reader)
    rows = [body[i % len(body)] for i in range(ROWS)]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode()


class Rollback(Exception):
    pass


def measure(label: str, data: bytes, name: str, unit) -> None:
    read_times, save_times = [], []
    for _ in range(3):
        start = time.perf_counter()
        parsed = read_plan(data, name)
        read_times.append(time.perf_counter() - start)
        try:
            with transaction.atomic():
                begin = time.perf_counter()
                plan_import(parsed=parsed, unit=unit, by=None, year=2026, source_name=name)
                save_times.append(time.perf_counter() - begin)
                raise Rollback
        except Rollback:
            pass
    tracemalloc.start()
    parsed = read_plan(data, name)
    try:
        with transaction.atomic():
            plan_import(parsed=parsed, unit=unit, by=None, year=2026, source_name=name)
            raise Rollback
    except Rollback:
        pass
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    counts = parsed.counts()
    total = median_ms(read_times) + median_ms(save_times)
    print(
        f"{label}: {ROWS} rows → {counts['indicators']} indicators, {counts['actions']} steps; "
        f"read {median_ms(read_times):.0f} ms + save {median_ms(save_times):.0f} ms = {total:.0f} ms "
        f"(target < 2000 ms); peak memory {peak / 2**20:.0f} MB ({len(data) / 2**10:.0f} KB file)"
    )


unit = unit_create(code="BENCH", name="Unit benchmark", level=Level.PROVINCE)
measure("decree layout, XLSX", decree_xlsx(), "rencana-5000.xlsx", unit)
measure("LKE code layout, CSV", lke_code_csv(), "rencana-5000.csv", unit)
