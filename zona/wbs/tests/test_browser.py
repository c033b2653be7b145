"""A real browser through the WBS: an anonymous report with a file from a phone-sized screen; the
recipient signs in, enrols the second factor, unlocks their key and replies; the reporter reads
the reply with the receipt code."""

import re

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from conftest import PASSWORD, make_user
from zona.orgs.models import Role
from zona.wbs.keys import key_create
from zona.wbs.models import Report

from .conftest import PASSPHRASE, PDF

pytestmark = pytest.mark.browser


def test_anonymous_report_reply_and_read_back(chromium, live_server, units, settings, tmp_path):
    settings.ZONA_TWO_FACTOR = True
    recipient = make_user("penerima", units["SUMSEL"], Role.WBS_RECIPIENT)
    key_create(user=recipient, passphrase=PASSPHRASE)
    evidence = tmp_path / "foto-bukti.pdf"
    evidence.write_bytes(PDF)

    phone = chromium.new_context(
        locale="id-ID",
        timezone_id="Asia/Jakarta",
        base_url=live_server.url,
        viewport={"width": 390, "height": 844},
    )
    reporter = phone.new_page()
    reporter.goto(f"/wbs/{units['SUMSEL'].slug}/")
    expect(reporter.locator("#wbs-protection")).to_contain_text("tidak dicatat")
    reporter.get_by_label("Apa yang terjadi?").fill(
        "Petugas loket meminta uang pelicin untuk salinan dokumen."
    )
    reporter.get_by_label("Siapa yang terlibat?").fill("Petugas loket lantai 1")
    reporter.get_by_label("Berkas pendukung (foto, dokumen; opsional)").set_input_files(str(evidence))
    reporter.get_by_role("button", name="Kirim laporan").click()
    code = reporter.locator("#receipt-code").inner_text().strip()
    assert re.fullmatch(r"\d{4} \d{4} \d{4} \d{4}", code)
    assert Report.objects.count() == 1
    assert {c["name"] for c in phone.cookies()} <= {"csrftoken"}

    office = chromium.new_context(locale="id-ID", timezone_id="Asia/Jakarta", base_url=live_server.url)
    staff = office.new_page()
    staff.goto("/akun/masuk/?next=/wbs-kelola/")
    staff.get_by_label("Nama pengguna").fill("penerima")
    staff.get_by_label("Kata sandi").fill(PASSWORD)
    staff.get_by_role("button", name="Masuk").click()
    staff.wait_for_url(re.compile(r"/akun/2fa/daftar/"))
    secret = staff.locator("#secret").inner_text().strip()
    staff.get_by_label("Kode dari aplikasi").fill(f"{totp(bytes.fromhex(secret)):06d}")
    staff.get_by_role("button", name="Konfirmasi").click()
    expect(staff.locator("#backup-codes li")).to_have_count(10)
    staff.get_by_role("link", name="Sudah saya simpan: lanjutkan").click()
    staff.wait_for_url(re.compile(r"/wbs-kelola/$"))
    staff.get_by_label("Frasa sandi").fill(PASSPHRASE)
    staff.get_by_role("button", name="Buka", exact=True).click()
    expect(staff.locator("#unlocked")).to_be_visible()
    staff.locator("#reports a").first.click()
    expect(staff.locator("#report-answers")).to_contain_text("uang pelicin")
    expect(staff.locator("#files")).to_contain_text("foto-bukti.pdf")
    staff.get_by_label("Pesan", exact=True).fill("Terima kasih. Laporan Anda sedang kami verifikasi.")
    staff.get_by_role("button", name="Kirim").click()
    expect(staff.locator("#conversation")).to_contain_text("sedang kami verifikasi")

    reporter.goto("/wbs/lacak/")
    reporter.get_by_label("Kode tanda terima (16 angka)").fill(code)
    reporter.get_by_role("button", name="Buka laporan saya").click()
    expect(reporter.locator("#messages")).to_contain_text("sedang kami verifikasi")
    expect(reporter.locator("#report-answers")).to_contain_text("uang pelicin")
    phone.close()
    office.close()
