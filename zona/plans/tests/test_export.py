"""Exports in the decree's Lampiran II layout; an exported XLSX imports back to the same plan."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from zona.plans.exporters import plan_pdf, plan_xlsx
from zona.plans.importers import read_plan
from zona.plans.models import Plan
from zona.plans.services import plan_import


def test_exported_xlsx_imports_back_to_the_same_plan(seed_plan, seed_bytes, units, cast):
    original = read_plan(seed_bytes, "seed.md").to_dict()
    exported = plan_xlsx(seed_plan)
    again = read_plan(exported, "export.xlsx")
    assert again.to_dict()["areas"] == original["areas"]
    assert again.to_dict()["decree"] == original["decree"]
    assert again.year == 2023
    # and into the database, for another unit: the same tree, step for step
    copy = plan_import(parsed=again, unit=units["JAMBI"], by=cast["outsider"])
    assert plan_xlsx(copy) != b""
    assert read_plan(plan_xlsx(copy), "copy.xlsx").to_dict()["areas"] == original["areas"]


def test_xlsx_has_the_lampiran_ii_layout(seed_plan):
    book = load_workbook(io.BytesIO(plan_xlsx(seed_plan)))
    sheet = book["Lampiran II"]
    rows = [tuple(row) for row in sheet.iter_rows(values_only=True)]
    header_at = next(i for i, r in enumerate(rows) if r[0] == "NO")
    assert rows[header_at][:6] == (
        "NO",
        "KOMPONEN",
        "INDIKATOR",
        "LANGKAH AKSI",
        "BUKTI FISIK",
        "TARGET WAKTU",
    )
    assert rows[header_at + 2][:2] == ("I", "MANAJEMEN PERUBAHAN")
    assert rows[header_at + 3][:3] == (
        "1",
        "Tim Kerja",
        "SK Tim Kerja ZI telah dibuat sesuai prosedur yang telah ditetapkan",
    )
    assert rows[header_at + 3][3].startswith("1) Buat Flochart")
    assert book["Lampiran I"].cell(2, 1).value == "I"


def test_pdf_export_is_a_pdf_with_the_plan(seed_plan):
    import pdfplumber

    data = plan_pdf(seed_plan)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
        assert pdf.pages[0].width > pdf.pages[0].height  # landscape, like the decree
    for needle in (
        "RENCANA PEMBANGUNAN ZONA INTEGRITAS",
        "MANAJEMEN PERUBAHAN",
        "PENGUATAN PENGAWASAN",
        "KOMPONEN",
        "TARGET WAKTU",
        "Tim Kerja",
        "10 hari kerja",
    ):
        assert needle in text


def test_pdf_download(client, cast, seed_plan, django_capture_on_commit_callbacks):
    client.force_login(cast["viewer"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("plans:export", args=[seed_plan.pk, "pdf"]))
    download = client.get(response["Location"].rstrip("/") + "/unduh/")
    assert download["Content-Type"] == "application/pdf"
    assert "rencana-kerja-zi-sumsel-2023-" in download["Content-Disposition"]
    assert Plan.objects.count() == 1
