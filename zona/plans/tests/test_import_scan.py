"""A scanned plan PDF on the web: upload → OCR in the worker, its progress → the preview with the
cells OCR doubted listed and marked → save. Another user never sees the scan's state or result.
The regency plan scanned, end to end: OCR'd by the import's own path (the command, as the worker
does it) to its six areas, each indicator linked to its LKE question with its person in charge."""

import io
import json
import shutil

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from zona.plans.models import Indicator, Plan
from zona.plans.tests.regency import questions
from zona.plans.tests.scans import COLUMNS, Scan, regency_rows, scanned_pdf

pytestmark = pytest.mark.skipif(
    not shutil.which("tesseract"),
    reason="tesseract is not installed (bash scripts/setup installs tesseract-ocr and tesseract-ocr-ind)",
)


def regency_scan(count: int = 3) -> tuple[list[list[str]], bytes]:
    """The regency plan's first rows, scanned (one page cut below the table: these tests are of the
    flow; how well a whole regency scan reads is the last test's), without its `No` column."""
    rows = [row[1:] for row in regency_rows(count)]
    return rows, scanned_pdf(rows, Scan(trim=True), columns=COLUMNS[1:])


# every cell with a word under 99 % is doubtful: some are, whatever this machine's tesseract reads
@override_settings(ZONA_OCR_MIN_CONFIDENCE=99)
def test_a_scanned_plan_is_read_by_ocr_then_previewed_with_its_doubtful_cells_then_saved(client, cast, units):
    rows, data = regency_scan()
    client.force_login(cast["coordinator"])
    response = client.post(
        reverse("plans:import"),
        {"file": SimpleUploadedFile("sk-pindaian.pdf", data), "unit": units["SUMSEL"].pk, "year": 2026},
    )
    assert response.status_code == 302 and response["Location"] == reverse("plans:import_scan")
    page = client.get(reverse("plans:import_scan")).content.decode()
    assert 'id="scan-status"' in page and 'aria-valuenow="100"' in page
    # htmx polls the status: done, it sends the browser to the preview
    done = client.get(reverse("plans:import_scan"), headers={"HX-Request": "true"})
    assert done["HX-Redirect"] == reverse("plans:import_preview")
    page = client.get(reverse("plans:import_preview")).content.decode()
    assert f"{len(rows)} indikator" in page and Plan.objects.count() == 0
    assert 'id="ocr-doubtful"' in page and "Periksa" in page and "ocr-check" in page
    assert rows[0][4] in page  # the first question's text, as read
    response = client.post(reverse("plans:import_confirm"))
    assert response.status_code == 302, response.content.decode()[-3000:]
    plan = Plan.objects.get()
    assert response["Location"] == reverse("plans:detail", args=[plan.pk])
    saved = list(Indicator.objects.filter(component__area__plan=plan).order_by("pk"))
    # each question as read (a slip allowed: how well OCR reads is the regency scan's test)
    assert len(saved) == len(rows) and sum(i.text == row[4] for i, row in zip(saved, rows, strict=True)) >= 2
    assert all(i.lke_ref for i in saved)
    # the kept scan went with the upload
    assert client.get(reverse("plans:import_preview")).status_code == 302


def test_another_user_sees_neither_the_progress_nor_the_preview(client, cast, units, monkeypatch):
    _rows, data = regency_scan(2)
    monkeypatch.setattr("zona.plans.views_import.scan_queue", lambda user, key: None)  # no OCR needed
    client.force_login(cast["coordinator"])
    client.post(
        reverse("plans:import"), {"file": SimpleUploadedFile("s.pdf", data), "unit": units["SUMSEL"].pk}
    )
    key = client.session["zona_import"]["key"]
    client.force_login(cast["outsider"])
    session = client.session
    session["zona_import"] = {"key": key, "mapping": None}
    session.save()
    for name in ("plans:import_scan", "plans:import_preview"):
        response = client.get(reverse(name), follow=True)
        assert "Penentuan anggota Tim" not in response.content.decode()
        assert response.redirect_chain and response.redirect_chain[-1][0] == reverse("plans:import")


def test_the_command_reads_a_scan_by_ocr_and_counts_the_pages(tmp_path, monkeypatch, units):
    """The command's plumbing (OCR itself stubbed by what it would read: the table, one cell doubted)."""
    from django.core.management import call_command

    from zona.lib.readers import Content, Table

    rows = [row[1:] for row in regency_rows(3)]
    table = Table(
        rows=[[c.replace("_", " ") for c in COLUMNS[1:]], *rows], page=1, number=1, doubtful=[(1, 4, 40)]
    )

    def read_scan(data, progress):
        progress(1, 1)
        return Content(kind="pdf", tables=[table], has_text=True, scanned=True)

    monkeypatch.setattr("zona.plans.management.commands.import_plan.read_scan", read_scan)
    path = tmp_path / "pindaian.pdf"
    path.write_bytes(scanned_pdf(rows, columns=COLUMNS[1:]))
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "import_plan", str(path), "--unit", "SUMSEL", "--dry-run", "--format", "json", stdout=out, stderr=err
    )
    parsed = json.loads(out.getvalue())
    assert "halaman 1 dari 1 terbaca" in err.getvalue()
    texts = [i["text"] for a in parsed["areas"] for c in a["components"] for i in c["indicators"]]
    assert texts == [row[4] for row in rows]
    # the doubtful cell named as the web preview names it: page, row, column, confidence
    assert parsed["doubtful"] == [
        {
            "page": 1,
            "row": 2,
            "column": "pertanyaan lke",
            "confidence": 40,
            "value": rows[0][4],
            "where": "halaman 1, tabel 1, baris 2",
        }
    ]
    out = io.StringIO()
    call_command("import_plan", str(path), "--unit", "SUMSEL", "--dry-run", stdout=out, stderr=io.StringIO())
    assert "OCR membaca 1 sel dengan keyakinan rendah" in out.getvalue()
    assert "halaman 1, tabel 1, baris 2, pertanyaan lke: terbaca OCR dengan keyakinan 40%" in out.getvalue()


def normal(text: str) -> str:
    return " ".join(text.split())


def test_the_scanned_regency_plan_imports_to_its_six_areas_linked_with_their_persons_in_charge(
    tmp_path, units
):
    """The regency plan with all its columns (`No` and `petugas_id` too) on landscape pages, each
    turned about a degree and speckled, through `zona import-plan` (OCR, then the importer, as the
    worker and the web read it). Every eighth row of the 110 (14 rows, three pages, all six areas)
    to keep the suite affordable: the whole file is read from CSV and XLSX in
    test_import_recognition.py, and 10 pages in bench/import_ocr.py."""
    from django.core.management import call_command

    rows = regency_rows(every=8)
    assert len(rows) == 14 and len({row[2] for row in rows}) == 6
    path = tmp_path / "rencana_kabupaten_pindaian.pdf"
    path.write_bytes(scanned_pdf(rows, Scan(skew=1.0)))
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "import_plan", str(path), "--unit", "SUMSEL", "--dry-run", "--format", "json", stdout=out, stderr=err
    )
    assert "halaman 3 dari 3 terbaca" in err.getvalue()
    parsed = json.loads(out.getvalue())
    assert parsed["layout"] == "lke_text" and parsed["columns"]["pic"] == "tim kerja terkait"
    assert [a["code"] for a in parsed["areas"]] == ["I", "II", "III", "IV", "V", "VI"]
    indicators = [i for a in parsed["areas"] for c in a["components"] for i in c["indicators"]]
    # each row's question by its number in the `No` column; its person in charge, its team
    wanted = {questions()[int(row[0]) - 1].ref: row[9] for row in rows}
    assert {i["lke_ref"]: i["pic"] for i in indicators} == wanted
    drawn = {normal(row[5]) for row in rows}
    exact = sum(normal(i["text"]) in drawn for i in indicators)
    assert len(indicators) == len(rows) and exact >= 0.95 * len(rows), [i["text"] for i in indicators]


def test_only_the_indicator_of_the_row_holding_a_doubtful_cell_is_marked():
    """Every row has the same evidence text; OCR doubted it in the second data row only: that
    row's indicator is marked, not every indicator holding the same words."""
    from zona.lib.readers import Content, Table
    from zona.plans.importers import read_plan

    rows = regency_rows(3)
    header = [c.replace("_", " ") for c in COLUMNS]
    evidence = COLUMNS.index("dokumen_bukti")
    table = Table(rows=[header, *rows], page=1, number=1, doubtful=[(2, evidence, 40)])
    content = Content(kind="pdf", tables=[table], has_text=True, scanned=True)
    plan = read_plan(b"%PDF scan", "pindaian.pdf", scanned=content)
    assert len({row[evidence] for row in rows}) == 1 and len(plan.doubtful) == 1
    assert [i.doubtful for i in plan.indicators()] == [False, True, False]
