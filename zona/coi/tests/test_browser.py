"""A real browser: the coordinator lists a main function, maps a potential conflict in it, and
records a socialisation of conflict handling."""

import pytest
from playwright.sync_api import expect

from conftest import browser_login
from zona.coi.models import ConflictRisk
from zona.integrity.models import Socialisation

pytestmark = pytest.mark.browser


def test_map_a_conflict_and_record_a_socialisation(page, cast, units):
    browser_login(page, "koordinator", to="/integritas/")
    page.locator("#integrity-units tr", has_text="KPU Provinsi Sumatera Selatan").get_by_role(
        "link", name="peta, deklarasi"
    ).click()
    page.locator("#functions input[name=name]").fill("Pengadaan barang/jasa")
    page.get_by_role("button", name="Tambah tugas fungsi utama").click()
    expect(page.locator("#functions")).to_contain_text("Pengadaan barang/jasa")
    page.locator("#functions summary").first.click()
    risk = page.locator("#functions form").first
    risk.get_by_label("Jenis", exact=True).select_option("hubungan_usaha")
    risk.get_by_label("Sumber").select_option("kewenangan")
    risk.get_by_label("Situasinya").fill("Penyedia dikenal pejabat pengadaan")
    risk.get_by_label("Cara penanganannya").fill("Pejabat lain memeriksa")
    risk.get_by_role("button", name="Tambah").click()
    expect(page.locator("#coverage")).to_contain_text("1 dipetakan")
    assert ConflictRisk.objects.count() == 1
    page.get_by_role("link", name="Kegiatan sosialisasi, evaluasi dan tindak lanjut").click()
    page.locator("#socialisations summary").click()
    form = page.locator("#socialisations form")
    form.get_by_label("Tanggal").fill("2026-02-10")
    form.get_by_label("Yang dilakukan").fill("Sosialisasi penanganan benturan kepentingan")
    form.get_by_label("Saluran").select_option("tatap_muka")
    form.get_by_role("button", name="Simpan").click()
    expect(page.locator("#socialisations")).to_contain_text("Sosialisasi penanganan benturan kepentingan")
    assert Socialisation.objects.get().topic == "benturan_kepentingan"
