"""A real browser through the foundation flow: import the seed, upload evidence, verify, progress."""

import re
import shutil

import pytest
from playwright.sync_api import expect

from conftest import SEED, browser_login
from zona.plans.models import Plan
from zona.plans.tests.scans import COLUMNS, Scan, regency_rows, scanned_pdf

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def area_one_progress(page) -> int:
    bar = page.get_by_role("progressbar", name="Manajemen Perubahan")
    return int(bar.get_attribute("aria-valuenow"))


def test_import_upload_verify_progress(page, cast, tmp_path):
    browser_login(page, "koordinator")
    page.get_by_role("link", name="Impor rencana").first.click()
    page.get_by_label("Berkas SK atau rencana kerja").set_input_files(str(SEED))
    page.get_by_label("Unit kerja").select_option(label="KPU Provinsi Sumatera Selatan")
    page.get_by_role("button", name="Baca berkas").click()
    summary = page.locator("#import-summary")
    assert "6 area, 22 komponen, 43 indikator" in summary.inner_text()
    assert Plan.objects.count() == 0
    page.get_by_role("button", name="Simpan rencana ini").click()
    page.wait_for_url(re.compile(r"/rencana/\d+/$"))
    expect(page.locator("body")).to_contain_text("Rencana kerja diimpor")
    assert area_one_progress(page) == 0

    # the coordinator marks the first indicator's steps done and uploads its evidence
    page.get_by_role(
        "link", name="SK Tim Kerja ZI telah dibuat sesuai prosedur yang telah ditetapkan"
    ).click()
    page.wait_for_url(re.compile(r"/indikator/\d+/$"))  # count() does not wait: the plan page has none
    mark_done = page.get_by_role("button", name="Tandai selesai")
    steps = mark_done.count()
    assert steps > 0
    for left in reversed(range(steps)):
        # each click posts and reloads: wait for the new page, not the old one's load state
        with page.expect_navigation():
            mark_done.first.click()
        expect(mark_done).to_have_count(left)
    evidence = tmp_path / "sk-tim-zi.pdf"
    evidence.write_bytes(PDF)
    form = page.locator("#evidence-form")
    form.get_by_label("Judul").fill("SK Tim Kerja ZI 2023")
    form.get_by_label("Berkas").set_input_files(str(evidence))
    form.get_by_role("button", name="Simpan bukti dukung").click()
    expect(page.locator("body")).to_contain_text("menunggu verifikasi")
    indicator_url = page.url
    page.goto(f"/rencana/{Plan.objects.get().pk}/")
    half = area_one_progress(page)
    assert half == 10  # steps done (half of one of five indicators), evidence not yet verified
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url("**/akun/masuk/")  # its answer deletes the cookie: before the next sign-in's

    # the reviewer (TPI) verifies it; progress moves
    browser_login(page, "tpi", to=indicator_url)
    page.get_by_role("button", name="Verifikasi").click()
    expect(page.locator("body")).to_contain_text("Hasil verifikasi disimpan")
    assert page.locator(".badge", has_text="Terverifikasi").count() == 1
    page.goto(f"/rencana/{Plan.objects.get().pk}/")
    assert area_one_progress(page) == 20
    assert page.get_by_role("button", name="Tandai selesai").count() == 0  # read-only for the TPI


def upload_for_mapping(page, path, year: str) -> None:
    page.goto("/impor/")
    page.get_by_label("Berkas SK atau rencana kerja").set_input_files(str(path))
    page.get_by_label("Unit kerja").select_option(label="KPU Provinsi Sumatera Selatan")
    page.get_by_label("Tahun", exact=True).fill(year)
    page.get_by_role("button", name="Baca berkas").click()
    page.wait_for_url("**/impor/kolom/")


def test_import_with_unknown_columns_maps_previews_and_remembers(page, cast, tmp_path):
    from zona.plans.models import ImportMapping
    from zona.plans.tests.test_import_web import UNKNOWN

    plan_file = tmp_path / "rencana-2026.csv"
    plan_file.write_bytes(UNKNOWN)
    browser_login(page, "koordinator")
    upload_for_mapping(page, plan_file, "2026")
    preview = page.locator("#mapping-preview")
    assert "Pilih setidaknya kolom" in preview.inner_text()
    page.get_by_label("Sasaran").select_option("indicator")
    page.get_by_label("Tindakan").select_option("actions")
    page.get_by_label("Bidang").select_option("area")
    page.get_by_label("Kapan").select_option("target")
    # the live preview follows each choice
    expect(preview).to_contain_text("2 area, 2 komponen, 2 indikator, 3 langkah aksi")
    page.get_by_role("button", name="Pakai pemetaan ini dan tampilkan pratinjau").click()
    expect(page.locator("#layout")).to_contain_text("kolom dipetakan oleh Anda")
    assert "2 indikator tertaut" in page.locator("#lke-links").inner_text()
    assert Plan.objects.count() == 0
    page.get_by_role("button", name="Simpan rencana ini").click()
    page.wait_for_url(re.compile(r"/rencana/\d+/$"))
    assert Plan.objects.get().year == 2026 and ImportMapping.objects.count() == 1

    # next year's file with the same columns: the mapping is offered, filled in
    upload_for_mapping(page, plan_file, "2027")
    expect(page.locator("#saved-mapping")).to_be_visible()
    assert page.get_by_label("Sasaran").input_value() == "indicator"
    expect(page.locator("#mapping-preview")).to_contain_text("3 langkah aksi")
    page.get_by_role("button", name="Pakai pemetaan ini dan tampilkan pratinjau").click()
    page.get_by_role("button", name="Simpan rencana ini").click()
    page.wait_for_url(re.compile(r"/rencana/\d+/$"))
    assert sorted(Plan.objects.values_list("year", flat=True)) == [2026, 2027]


def test_a_hostile_spreadsheet_is_refused_with_its_figure(page, cast, tmp_path):
    from zona.lib.tests import hostile

    name, data = hostile.xlsx_far_corner()
    path = tmp_path / name
    path.write_bytes(data)
    browser_login(page, "koordinator")
    page.get_by_role("link", name="Impor rencana").first.click()
    page.get_by_label("Berkas SK atau rencana kerja").set_input_files(str(path))
    page.get_by_label("Unit kerja").select_option(label="KPU Provinsi Sumatera Selatan")
    page.get_by_role("button", name="Baca berkas").click()
    expect(page.get_by_text("berisi data di baris 1.048.576; batasnya 100.000 baris")).to_be_visible()
    assert Plan.objects.count() == 0


@pytest.mark.skipif(
    not shutil.which("tesseract"), reason="tesseract is not installed (bash scripts/setup installs it)"
)
def test_a_scanned_plan_shows_the_ocr_progress_then_the_preview_with_cells_to_check(
    page, cast, tmp_path, settings
):
    settings.ZONA_OCR_MIN_CONFIDENCE = 99  # some cells are doubtful, whatever this tesseract reads
    # three rows on a page cut below the table: the flow is the subject, not how well OCR reads
    rows = [row[1:] for row in regency_rows(3)]
    scan = tmp_path / "sk-pindaian.pdf"
    scan.write_bytes(scanned_pdf(rows, Scan(trim=True), columns=COLUMNS[1:]))
    browser_login(page, "koordinator")
    page.get_by_role("link", name="Impor rencana").first.click()
    page.get_by_label("Berkas SK atau rencana kerja").set_input_files(str(scan))
    page.get_by_label("Unit kerja").select_option(label="KPU Provinsi Sumatera Selatan")
    page.get_by_label("Tahun", exact=True).fill("2026")
    page.get_by_role("button", name="Baca berkas").click()
    expect(page.get_by_role("progressbar", name="Kemajuan OCR")).to_be_visible(timeout=120_000)
    expect(page.locator("#import-summary")).to_contain_text("3 indikator", timeout=30_000)
    expect(page.locator("#ocr-doubtful")).to_contain_text("Periksa")
    expect(page.locator(".ocr-check").first).to_be_visible()
    page.get_by_role("button", name="Simpan rencana ini").click()
    expect(page.locator("body")).to_contain_text("Rencana kerja diimpor")
    assert Plan.objects.get().year == 2026
