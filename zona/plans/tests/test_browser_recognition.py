"""The regency's plan with its row-number column, uploaded on the web import page: the preview
shows its six areas and saves; a file whose layout is not clear opens the mapping page with the
candidate layouts and the best one filled in."""

import re

import pytest
from playwright.sync_api import expect

from conftest import browser_login
from zona.plans.models import Indicator, Plan
from zona.plans.tests.regency import questions, regency_csv, regency_rows

pytestmark = pytest.mark.browser


def upload(page, path) -> None:
    page.goto("/impor/")
    page.get_by_label("Berkas SK atau rencana kerja").set_input_files(str(path))
    page.get_by_label("Unit kerja").select_option(label="KPU Provinsi Sumatera Selatan")
    page.get_by_label("Tahun", exact=True).fill("2026")
    page.get_by_role("button", name="Baca berkas").click()


def test_the_regency_plan_with_its_no_column_previews_six_areas_and_saves(page, cast, tmp_path):
    path = tmp_path / "rencana_kabupaten.csv"
    path.write_bytes(regency_csv())
    browser_login(page, "koordinator")
    upload(page, path)
    total = len(questions())
    expect(page.locator("#import-summary")).to_contain_text(f"6 area, 42 komponen, {total} indikator")
    expect(page.locator("#layout")).to_contain_text("pertanyaan LKE ditulis lengkap")
    page.get_by_role("button", name="Simpan rencana ini").click()
    page.wait_for_url(re.compile(r"/rencana/\d+/$"))
    plan = Plan.objects.get()
    assert plan.areas.count() == 6
    assert Indicator.objects.filter(component__area__plan=plan).exclude(lke_ref="").count() == total


def test_an_unclear_layout_asks_with_the_candidates(page, cast, tmp_path):
    rows = [["No", "Komponen", "pertanyaan_lke", "uraian_rencana_aksi"]]
    rows += [[r[0], "", r[5][::-1], r[6]] for r in regency_rows()[1:]]
    path = tmp_path / "lemah.csv"
    path.write_bytes(regency_csv(rows))
    browser_login(page, "koordinator")
    upload(page, path)
    page.wait_for_url("**/impor/kolom/")
    candidates = page.locator("#layout-candidates")
    expect(candidates).to_contain_text("kolom Lampiran II SK")
    expect(candidates).to_contain_text("skor -1.00")
    assert page.get_by_label("pertanyaan_lke").input_value() == "indicator"
    assert Plan.objects.count() == 0
