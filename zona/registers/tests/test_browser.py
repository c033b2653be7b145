"""A real browser: the HR officer types a training entry, imports the rest of the quarter from a
spreadsheet (a broken one first: refused, nothing saved), and attaches the quarter's recap to a
plan indicator as evidence."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import browser_login
from zona.registers.models import Entry

pytestmark = pytest.mark.browser


def test_enter_import_and_attach_a_recap(page, units, cast, seed_plan, tmp_path):
    year = seed_plan.year
    indicator = seed_plan.areas.first().components.first().indicators.first()
    broken = tmp_path / "pelatihan-rusak.csv"
    broken.write_text(f"Pegawai;Kegiatan;Tanggal;JP;Golongan\nBudi;Bimtek;{year}-02-30;delapan;III/a\n")
    good = tmp_path / "pelatihan.csv"
    good.write_text(
        f"Pegawai;Kegiatan;Tanggal;JP\nBudi;Bimtek PPID;02/02/{year};16\n"
        f"Citra;E-learning SPIP;{year}-03-01;6\n"
    )

    browser_login(page, "koordinator", to=f"/rekap/{units['SUMSEL'].slug}/?tahun={year}")
    page.locator("#type-pelatihan").click()
    form = page.locator("#entry-form")
    form.locator("[name=pegawai]").fill("Andi")
    form.locator("[name=kegiatan]").fill("Pelatihan SAKIP")
    form.locator("[name=tanggal]").fill(f"{year}-01-15")
    form.locator("[name=jp]").fill("24")
    form.locator("button[type=submit]").click()
    expect(page.locator("#entries")).to_contain_text("Andi")

    page.locator("summary", has_text="CSV").click()
    page.locator("input[type=file][name=file]").set_input_files(str(broken))
    page.locator("form[action*=impor] button[type=submit]").click()
    expect(page.locator(".alert-danger, .alert-error").first).to_contain_text("Golongan")
    assert Entry.objects.count() == 1
    page.locator("summary", has_text="CSV").click()
    page.locator("input[type=file][name=file]").set_input_files(str(good))
    page.locator("form[action*=impor] button[type=submit]").click()
    expect(page.locator("#entries")).to_contain_text("Citra")

    page.locator("#periods a", has_text="Triwulan 1").click()
    # the year's page has a #total of 3, the attach form and the import's .alert-success too
    page.wait_for_url(f"**?periode={year}-1")
    expect(page.locator("#total")).to_have_text("3")
    page.locator("#attach select").select_option(str(indicator.pk))
    page.locator("#attach button").click()
    expect(page.locator(".alert-success")).to_be_visible()
    item = indicator.evidence.get()
    assert item.title == f"Rekap Pelatihan dan pengembangan kompetensi Triwulan 1 {year}"
