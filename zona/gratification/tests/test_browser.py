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
    browser_login(page, "pic")
    page.goto("/gratifikasi/")
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

    browser_login(page, "upg")
    page.goto(f"/gratifikasi/{report.pk}/")
    page.locator("#steps summary", has_text="Verifikasi").click()
    page.locator("#steps").get_by_role("button", name="Verifikasi").click()
    expect(page.locator("#state")).to_have_text("Diverifikasi UPG")
    page.locator("#steps summary", has_text="Teruskan ke KPK").click()
    page.get_by_label("Nomor laporan KPK").fill("GOL-2026-0042")
    page.get_by_label("Diteruskan pada").fill("2026-06-05")
    page.locator("#steps").get_by_role("button", name="Teruskan ke KPK").click()
    expect(page.locator("#state")).to_have_text("Diteruskan ke KPK")
    expect(page.locator("#deadlines")).to_contain_text("GOL-2026-0042")
