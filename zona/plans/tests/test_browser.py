"""A real browser through the foundation flow: import the seed, upload evidence, verify, progress."""

import re

import pytest

from conftest import SEED, browser_login
from zona.plans.models import Plan

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
    assert "Rencana kerja diimpor" in page.content()
    assert area_one_progress(page) == 0

    # the coordinator marks the first indicator's steps done and uploads its evidence
    page.get_by_role(
        "link", name="SK Tim Kerja ZI telah dibuat sesuai prosedur yang telah ditetapkan"
    ).click()
    while page.get_by_role("button", name="Tandai selesai").count():
        page.get_by_role("button", name="Tandai selesai").first.click()
        page.wait_for_load_state()
    evidence = tmp_path / "sk-tim-zi.pdf"
    evidence.write_bytes(PDF)
    form = page.locator("#evidence-form")
    form.get_by_label("Judul").fill("SK Tim Kerja ZI 2023")
    form.get_by_label("Berkas").set_input_files(str(evidence))
    form.get_by_role("button", name="Simpan bukti dukung").click()
    assert "menunggu verifikasi" in page.content()
    indicator_url = page.url
    page.goto(f"/rencana/{Plan.objects.get().pk}/")
    half = area_one_progress(page)
    assert half == 10  # steps done (half of one of five indicators), evidence not yet verified
    page.get_by_role("button", name="Keluar").click()

    # the reviewer (TPI) verifies it; progress moves
    browser_login(page, "tpi")
    page.goto(indicator_url)
    page.get_by_role("button", name="Verifikasi").click()
    assert "Hasil verifikasi disimpan" in page.content()
    assert page.locator(".badge", has_text="Terverifikasi").count() == 1
    page.goto(f"/rencana/{Plan.objects.get().pk}/")
    assert area_one_progress(page) == 20
    assert page.get_by_role("button", name="Tandai selesai").count() == 0  # read-only for the TPI
