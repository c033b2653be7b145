"""A real browser: an employee reports a gift (the form says it must be reported as they type);
the UPG verifies it and forwards it to KPK."""

import re

import pytest
from playwright.sync_api import expect

from conftest import browser_login, make_user
from zona.gratification.models import GratificationReport
from zona.orgs.models import Role

pytestmark = pytest.mark.browser


def test_report_a_gift_then_the_upg_forwards_it(page, cast, units):
    make_user("upg", units["SUMSEL"], Role.UPG_OFFICER)
    browser_login(page, "pic", to="/gratifikasi/")
    form = page.locator("#gratification-form")
    form.get_by_label("Unit kerja Anda").select_option(label="KPU Provinsi Sumatera Selatan")
    form.get_by_label("Jenis pemberian").select_option("ceremony")
    form.get_by_label("Uraian pemberian").fill("Bingkisan pernikahan")
    form.get_by_label("Tanggal diterima atau ditawarkan").fill("2026-06-01")
    form.get_by_label("Perkiraan nilai (Rp)").fill("2000000")
    form.get_by_label("Perkiraan nilai (Rp)").blur()
    expect(page.locator("#check-result")).to_contain_text("Wajib dilaporkan")
    form.get_by_label("Perkiraan nilai (Rp)").fill("1500000")
    form.get_by_label("Perkiraan nilai (Rp)").blur()
    expect(page.locator("#check-result")).to_contain_text("Tidak perlu dilaporkan")
    form.get_by_label("Perkiraan nilai (Rp)").fill("2000000")
    form.get_by_label("Tempat").fill("Palembang")
    form.get_by_label("Pemberi (nama, instansi)").fill("PT Maju")
    form.get_by_label("Hubungan pemberi dengan Anda").fill("Rekanan")
    form.get_by_label("Alasan atau peristiwa").fill("Pernikahan anak")
    form.get_by_label("Kronologi").fill("Diantar ke rumah")
    form.get_by_role("button", name="Kirim ke UPG").click()
    page.wait_for_url(re.compile(r"/gratifikasi/\d+/$"))
    report = GratificationReport.objects.get()
    assert report.must_report and "1.500.000" in page.locator("#rule").inner_text()
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url("**/akun/masuk/")  # its answer deletes the cookie: before the next sign-in's

    browser_login(page, "upg", to=f"/gratifikasi/{report.pk}/")
    page.locator("#steps summary", has_text="Verifikasi").click()
    page.locator("#steps").get_by_role("button", name="Verifikasi").click()
    expect(page.locator("#state")).to_have_text("Diverifikasi UPG")
    page.locator("#steps summary", has_text="Teruskan ke KPK").click()
    page.get_by_label("Nomor laporan KPK").fill("GOL-2026-0042")
    page.get_by_label("Diteruskan pada").fill("2026-06-05")
    page.locator("#steps").get_by_role("button", name="Teruskan ke KPK").click()
    expect(page.locator("#state")).to_have_text("Diteruskan ke KPK")
    expect(page.locator("#deadlines")).to_contain_text("GOL-2026-0042")


def report_gift(page, category: str, what: str, value: str, fields: dict, channel: str = "upg") -> None:
    """An employee of Palembang fills the gift form and sends it."""
    page.goto("/gratifikasi/")
    form = page.locator("#gratification-form")
    form.get_by_label("Unit kerja Anda").select_option(label="KPU Kota Palembang")
    form.get_by_label("Jenis pemberian").select_option(category)
    form.get_by_label("Uraian pemberian").fill(what)
    form.get_by_label("Tanggal diterima atau ditawarkan").fill("2026-06-01")
    form.get_by_label("Perkiraan nilai (Rp)").fill(value)
    form.get_by_label("Hubungan pemberi dengan Anda").fill("Penyedia")
    form.get_by_label("Alasan atau peristiwa").fill("Akhir tahun")
    form.get_by_label("Cara Anda melapor").select_option(channel)
    for label, text in fields.items():
        form.get_by_label(label).fill(text)
    form.get_by_role("button", name="Kirim ke UPG").click()
    page.wait_for_url(re.compile(r"/gratifikasi/\d+/$"))


def test_a_sub_upg_passes_a_report_up_and_a_direct_report_is_recorded(page, cast, units):
    """Palembang's UPG sits under Sumatera Selatan's: it passes the report up (7 working days),
    and the UPG above works it. An employee who reported straight to KPK on GOL records it."""
    make_user("upg", units["SUMSEL"], Role.UPG_OFFICER)
    make_user("upg_plg", units["PALEMBANG"], Role.UPG_OFFICER)
    make_user("pegawai_plg", units["PALEMBANG"], Role.PIC)
    browser_login(page, "pegawai_plg")
    gift = {"Pemberi (nama, instansi)": "CV Sentosa", "Tempat": "Palembang", "Kronologi": "Diantar"}
    report_gift(page, "other", "Voucher belanja dari penyedia", "750000", gift)
    expect(page.locator("#channel")).to_contain_text("melalui UPG")
    direct = {
        "Nomor laporan KPK (bila Anda melapor langsung ke KPK)": "GOL-2026-555",
        "Tanggal dikirim ke KPK (bila melapor langsung)": "2026-06-03",
    }
    report_gift(page, "ceremony", "Amplop pernikahan", "3000000", {**gift, **direct}, channel="gol")
    expect(page.locator("#state")).to_have_text("Diteruskan ke KPK")
    expect(page.locator("#deadlines")).to_contain_text("GOL-2026-555")
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url("**/akun/masuk/")

    voucher = GratificationReport.objects.get(description="Voucher belanja dari penyedia")
    browser_login(page, "upg_plg", to=f"/gratifikasi/{voucher.pk}/")
    expect(page.locator("#sub-upg")).to_contain_text("KPU Provinsi Sumatera Selatan")
    page.locator("#steps summary", has_text="Teruskan ke UPG utama").click()
    page.locator("#steps").get_by_role("button", name="Teruskan ke UPG utama").click()
    expect(page.locator("#state")).to_have_text("Diteruskan ke UPG utama")
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url("**/akun/masuk/")

    browser_login(page, "upg", to="/gratifikasi/upg/sumsel/")
    page.get_by_role("link", name=voucher.number).click()
    expect(page.locator("#passed-up")).to_be_visible()
    page.locator("#steps summary", has_text="Verifikasi").click()
    page.get_by_label("Wajib dilaporkan ke KPK?").select_option("ya")
    page.locator("#steps").get_by_role("button", name="Verifikasi").click()
    expect(page.locator("#finding")).to_contain_text("wajib dilaporkan ke KPK")
    expect(page.locator("#steps summary", has_text="Catat saja")).to_have_count(0)  # reportable: KPK only
