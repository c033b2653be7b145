"""A real browser: the inspectorate records the administrative selection "lulus dengan catatan"
with its notes, the desk evaluation, the TPN's IPAK/IPKP, and the predicate with its decree; the
unit's public page shows it."""

from datetime import date

import pytest
from playwright.sync_api import expect

from conftest import browser_login

from .conftest import PDF, walk

pytestmark = pytest.mark.browser


def test_selection_with_notes_tpn_figures_and_the_predicate_on_the_public_page(
    page, opened, cast, apip, tmp_path
):
    entry = opened["SUMSEL"]
    walk(entry, cast["reviewer"], until="seleksi_administrasi")
    browser_login(page, "inspektorat", to=f"/siklus/unit/{entry.pk}/")
    expect(page.locator("h1")).to_contain_text("KPU Provinsi Sumatera Selatan 2026")
    form = page.locator("#stage-form")
    form.get_by_label("Tahap").select_option(label="Seleksi administrasi")
    form.get_by_label("Putusan").select_option(label="Seleksi administrasi: Lulus dengan catatan")
    form.get_by_label("Catatan").fill("SPTJM belum ditandatangani pimpinan")
    form.get_by_role("button", name="Catat").click()
    expect(page.locator("#stages")).to_contain_text("Lulus dengan catatan")
    expect(page.locator("#stages")).to_contain_text("SPTJM belum ditandatangani pimpinan")
    form = page.locator("#stage-form")
    form.get_by_label("Tahap").select_option(label="Evaluasi desk TPN")
    form.get_by_role("button", name="Catat").click()
    expect(page.locator("#stages")).to_contain_text("Evaluasi desk TPN")
    figures = page.locator("#figures-form")
    figures.get_by_label("IPAK (TPN)").fill("3.70")
    figures.get_by_label("IPKP (TPN)").fill("3.50")
    figures.get_by_label("Sumber").fill("Surat TPN 12/2026")
    figures.get_by_role("button", name="Simpan angka TPN").click()
    expect(page.locator("#tpn-figures")).to_contain_text("Surat TPN 12/2026")
    expect(page.locator("#stages")).to_contain_text("Survei eksternal IPAK/IPKP")
    decree = tmp_path / "sk-wbk.pdf"
    decree.write_bytes(PDF)
    award = page.locator("#predicate-form")
    award.get_by_label("Predikat").select_option("WBK")
    award.get_by_label("Nomor SK").fill("SK 500/2026")
    award.get_by_label("Tanggal SK").fill(date.today().isoformat())
    award.get_by_label("SK (berkas)").set_input_files(str(decree))
    award.get_by_role("button", name="Catat predikat").click()
    expect(page.locator("#predicates")).to_contain_text("SK 500/2026")
    page.goto("/publik/sumsel/")
    expect(page.locator("#predicates")).to_contain_text("WBK")
    expect(page.locator("#predicates")).to_contain_text("SK 500/2026")
