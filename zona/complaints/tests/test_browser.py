"""On a phone-sized screen a citizen files a complaint and follows it; the officer responds, then
records the follow-up as completed; the citizen sees the answer and confirms it settles the
complaint, which closes it."""

import re

import pytest
from playwright.sync_api import expect

from conftest import browser_login
from zona.orgs.models import Role
from zona.orgs.services import role_grant

pytestmark = pytest.mark.browser


def test_citizen_files_and_follows_officer_completes(chromium, live_server, cast, units, tmp_path):
    role_grant(user=cast["pic"], unit=units["SUMSEL"], role=Role.COMPLAINT_OFFICER)
    phone = chromium.new_context(
        locale="id-ID",
        timezone_id="Asia/Jakarta",
        base_url=live_server.url,
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
    )
    citizen = phone.new_page()
    citizen.goto("/publik/sumsel/")
    citizen.get_by_role("link", name="Sampaikan pengaduan").click()
    citizen.get_by_label("Perihal").fill("Antrean loket PPID lama")
    citizen.get_by_label("Uraian kejadian").fill("Saya menunggu tiga jam tanpa kepastian.")
    citizen.get_by_label("Kategori").select_option("pelayanan")
    citizen.get_by_label("Nama", exact=True).fill("Rina")
    citizen.get_by_label("Surel atau telepon").fill("rina@example.org")
    photo = tmp_path / "antrean.png"
    photo.write_bytes(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
        b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
        b"\x00\x00\x00IEND\xaeB`\x82"
    )
    citizen.get_by_label("Lampiran (paling banyak 3: foto, PDF, dokumen)").set_input_files(str(photo))
    citizen.get_by_role("button", name="Kirim pengaduan").click()
    number = citizen.locator("#case-number").inner_text()
    code = citizen.locator("#case-code").inner_text()
    assert re.fullmatch(r"ADU/SUMSEL/\d{4}/000001", number) and len(code) == 10
    assert citizen.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # no sideways scroll

    desk = chromium.new_context(locale="id-ID", timezone_id="Asia/Jakarta", base_url=live_server.url)
    officer = desk.new_page()
    browser_login(officer, "pic", to="/pengaduan/")
    officer.get_by_role("link", name=number).click()
    officer.locator("#step-verify").get_by_label("Jenis pengaduan").select_option("ringan")
    officer.locator("#step-verify").get_by_role("button", name="Verifikasi").click()
    officer.locator("#step-respond").get_by_label("Pesan kepada pelapor").fill("Kami menambah petugas loket.")
    officer.locator("#step-respond").get_by_role("button", name="Tanggapan awal (tindak lanjuti)").click()
    expect(officer.locator("#case-state")).to_contain_text("Ditindaklanjuti")

    citizen.goto("/publik/sumsel/pengaduan/lacak/")
    citizen.get_by_label("Nomor", exact=True).fill(number)
    citizen.get_by_label("Kode lacak").fill(code)
    citizen.get_by_role("button", name="Tampilkan").click()
    expect(citizen.locator("body")).to_contain_text("Kami menambah petugas loket.")
    citizen.get_by_label("Balasan Anda").fill("Terima kasih, hari ini sudah lancar.")
    citizen.get_by_role("button", name="Kirim balasan").click()
    expect(citizen.locator("body")).to_contain_text("Balasan Anda terkirim")

    officer.reload()
    expect(officer.locator("body")).to_contain_text("Terima kasih, hari ini sudah lancar.")
    officer.locator("#step-complete").get_by_label(
        "Apa yang dilakukan dan hasilnya (dikirim kepada pelapor)"
    ).fill("Dua petugas loket ditambah sejak Senin.")
    officer.locator("#step-complete").get_by_role("button", name="Tindak lanjut selesai").click()
    expect(officer.locator("#case-state")).to_contain_text("menunggu konfirmasi")  # not closed yet
    expect(officer.locator("#completed-on")).to_be_visible()

    citizen.goto("/publik/sumsel/pengaduan/lacak/")
    citizen.get_by_label("Nomor", exact=True).fill(number)
    citizen.get_by_label("Kode lacak").fill(code)
    citizen.get_by_role("button", name="Tampilkan").click()
    expect(citizen.locator("body")).to_contain_text("Dua petugas loket ditambah sejak Senin.")
    citizen.get_by_role("button", name="Sudah tuntas: tutup pengaduan saya").click()
    expect(citizen.locator("#case-status")).to_have_text("Selesai")
    expect(citizen.get_by_role("button", name="Kirim balasan")).to_have_count(0)
    desk.close()
    phone.close()


def test_a_confidential_name_stays_with_the_assigned_officer(page, cast, units):
    """Filed confidentially: another complaint officer sees neither the name nor the contact (on
    the case page, in the list); the assigned officer and the supervisor do."""
    role_grant(user=cast["pic"], unit=units["SUMSEL"], role=Role.COMPLAINT_OFFICER)
    role_grant(user=cast["viewer"], unit=units["SUMSEL"], role=Role.COMPLAINT_OFFICER)
    role_grant(user=cast["area_coordinator"], unit=units["SUMSEL"], role=Role.COMPLAINT_SUPERVISOR)
    page.goto("/publik/sumsel/pengaduan/")
    page.get_by_label("Perihal").fill("Petugas meminta uang")
    page.get_by_label("Uraian kejadian").fill("Diminta uang rokok saat mengurus surat.")
    page.get_by_label("Kategori").select_option("perilaku")
    page.get_by_label("Rahasiakan identitas saya").check()
    page.get_by_label("Nama", exact=True).fill("Siti Rahasia")
    page.get_by_label("Surel atau telepon").fill("081299990000")
    page.get_by_role("button", name="Kirim pengaduan").click()
    number = page.locator("#case-number").inner_text()

    browser_login(page, "koor_area", to="/pengaduan/")  # the supervisor assigns it
    page.get_by_role("link", name=number).click()
    expect(page.locator("#reporter")).to_contain_text("Siti Rahasia")
    page.get_by_label("Petugas", exact=True).select_option(label="Pic")
    page.get_by_role("button", name="Tetapkan").click()
    expect(page.locator("body")).to_contain_text("Petugas disimpan.")  # "Keluar" is on this page too
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url("**/akun/masuk/")  # its answer deletes the cookie: before the next sign-in's

    browser_login(page, "pemantau", to="/pengaduan/")  # another complaint officer
    assert "Siti Rahasia" not in page.content() and "081299990000" not in page.content()
    page.get_by_role("link", name=number).click()
    expect(page.locator("#identity-hidden")).to_be_visible()
    assert "Siti Rahasia" not in page.content() and "081299990000" not in page.content()
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url("**/akun/masuk/")

    browser_login(page, "pic", to="/pengaduan/")  # the assigned officer
    page.get_by_role("link", name=number).click()
    expect(page.locator("#reporter")).to_contain_text("Siti Rahasia")


def test_a_citizen_behind_a_busy_address_still_follows_their_case(page, units, settings):
    """Other people's wrong codes from the same address lock the address for wrong codes only:
    the citizen's right code still opens their case; their replies are limited per case."""
    from django.core.cache import cache

    from zona.complaints.services import complaint_submit

    cache.clear()
    settings.ZONA_PUBLIC_FORM_RATE = "2/h"
    settings.ZONA_TRACK_REPLY_RATE = "1/h"
    form = {"subject": "Loket", "description": "Antre", "category": "pelayanan", "reporter_contact": "08123"}
    mine, code = complaint_submit(unit=units["SUMSEL"], **form)
    other, _ = complaint_submit(unit=units["SUMSEL"], **form)

    def track(number, tracking_code):
        page.goto("/publik/sumsel/pengaduan/lacak/")
        page.get_by_label("Nomor", exact=True).fill(number)
        page.get_by_label("Kode lacak").fill(tracking_code)
        page.get_by_role("button", name="Tampilkan").click()

    for _ in range(2):
        track(other.number, "SALAHKODE1")
        expect(page.locator("body")).to_contain_text("Tidak ada yang cocok")
    track(other.number, "SALAHKODE1")
    expect(page.locator("body")).to_contain_text("Terlalu banyak percobaan dari koneksi Anda")
    track(mine.number, code)
    expect(page.locator("#case-status")).to_be_visible()
    page.get_by_label("Balasan Anda").fill("Masih antre.")
    page.get_by_role("button", name="Kirim balasan").click()
    expect(page.locator("body")).to_contain_text("Balasan Anda terkirim")
    page.get_by_label("Balasan Anda").fill("Masih antre juga.")
    page.get_by_role("button", name="Kirim balasan").click()
    expect(page.locator("body")).to_contain_text("Terlalu banyak balasan pada perkara ini")
    assert list(mine.messages.values_list("text", flat=True)) == ["Masih antre."]
    cache.clear()
