"""A real browser: the row accounting on the import preview, and a replacement refused by name."""

import re

import pytest
from playwright.sync_api import expect

from conftest import browser_login
from zona.plans.models import Plan
from zona.plans.tests.test_import_rows import HEADER, IKU, IKU_PLAN, as_csv

pytestmark = pytest.mark.browser


def upload(page, path, replace: bool = False) -> None:
    page.goto("/impor/")
    page.get_by_label("Berkas SK atau rencana kerja").set_input_files(str(path))
    page.get_by_label("Unit kerja").select_option(label="KPU Provinsi Sumatera Selatan")
    page.get_by_label("Tahun", exact=True).fill("2026")
    if replace:
        page.get_by_label("Ganti draf rencana tahun ini").check()
    page.get_by_role("button", name="Baca berkas").click()


def test_preview_accounts_for_every_row_and_replacing_names_what_would_be_lost(page, cast, tmp_path):
    from zona.monev.services import cycle_open

    path = tmp_path / "rencana.csv"
    note = ["", "", "", "", "", "", "", "catatan lepas"]
    path.write_bytes(as_csv([*IKU_PLAN[:4], HEADER, note, *IKU_PLAN[4:]]))
    browser_login(page, "koordinator")
    upload(page, path)
    accounting = page.locator("#row-accounting").inner_text()
    assert "6 baris data: 4 diimpor, 1 digabung ke baris di atasnya, 1 tidak diimpor" in accounting
    assert "1 baris judul kolom berulang" in accounting
    left_out = page.locator("#flagged-skipped").inner_text()
    assert "baris 6" in left_out and "tidak ada isi" in left_out and "catatan lepas" in left_out
    expect(page.locator("body")).to_contain_text(IKU)  # the IKU row is an indicator of the preview
    page.get_by_role("button", name="Simpan rencana ini tanpa baris yang ditandai").click()
    page.wait_for_url(re.compile(r"/rencana/\d+/$"))
    expect(page.locator("body")).to_contain_text("6 baris data: 4 diimpor")
    plan = Plan.objects.get()

    cycle_open(plan=plan, quarter=1, by=cast["coordinator"])
    upload(page, path, replace=True)
    page.get_by_role("button", name="Simpan rencana ini tanpa baris yang ditandai").click()
    expect(page.locator("body")).to_contain_text("tidak dapat diganti")
    assert "1 siklus monev" in page.content()
    assert Plan.objects.get().pk == plan.pk and plan.cycles.count() == 1
