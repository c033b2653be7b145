"""A full quarter in a real browser: open the cycle, the PIC reports, the coordinator closes it,
the Lembar Monev downloads and opens."""

import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from conftest import browser_login
from zona.monev.models import MonevCycle
from zona.plans.models import ActionStep

pytestmark = pytest.mark.browser


def test_a_full_quarter(page, cast, seed_plan, tmp_path):
    step = ActionStep.objects.filter(indicator__component__area__plan=seed_plan).order_by("pk").first()
    step.pic = cast["pic"]
    step.save()

    browser_login(page, "koordinator", to=f"/monev/rencana/{seed_plan.pk}/")
    page.get_by_role("button", name="Mulai siklus ini").first.click()
    page.wait_for_url(re.compile(r"/monev/siklus/\d+/$"))
    cycle_url = page.url
    expect(page.locator("body")).to_contain_text("Siklus triwulan 1 dibuka")
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url("**/akun/masuk/")  # its answer deletes the cookie: before the next sign-in's

    browser_login(page, "pic", to=cycle_url)
    item = page.locator(f"#step-{step.pk}")
    item.get_by_text("Laporkan", exact=True).click()
    item.get_by_label("Status").select_option(label="Berjalan")
    item.get_by_label("Progres (%)").fill("40")
    item.get_by_label("Catatan").fill("Flowchart sedang disusun")
    item.get_by_role("button", name="Simpan laporan").click()
    expect(page.locator("body")).to_contain_text("Laporan disimpan")
    assert "Berjalan · 40%" in page.locator(f"#step-{step.pk}").inner_text()
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url("**/akun/masuk/")

    browser_login(page, "koordinator", to=cycle_url)
    page.locator("#close-form").get_by_label("Catatan koordinator").fill("TW I: tim terbentuk")
    page.locator("#close-form").get_by_role("button", name="Tutup siklus").click()
    expect(page.locator("body")).to_contain_text("Siklus ditutup")
    assert MonevCycle.objects.get().is_closed

    page.get_by_role("button", name="Lembar Monev (XLSX)").click()
    link = page.locator("#export-download")
    link.wait_for()
    with page.expect_download() as download_info:
        link.click()
    path = tmp_path / "lembar.xlsx"
    download_info.value.save_as(path)
    values = [
        str(c) for row in load_workbook(path).active.iter_rows(values_only=True) for c in row if c is not None
    ]
    assert "Flowchart sedang disusun" in values
    assert "LEMBAR MONITORING DAN EVALUASI ZONA INTEGRITAS TRIWULAN 1 TAHUN 2023" in values
