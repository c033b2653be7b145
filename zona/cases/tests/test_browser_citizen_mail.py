"""On a phone, a citizen files a complaint with an e-mail address: the receipt reaches that
address with the number, the short number and the tracking code, and the short number with the
code finds the case on the unit's tracking page."""

import re
from datetime import date

import pytest

from zona.complaints.services import complaint_submit

pytestmark = pytest.mark.browser


def test_citizen_on_a_phone_gets_a_receipt_and_finds_the_case_by_its_short_number(
    chromium, live_server, units, mailoutbox
):
    complaint_submit(
        unit=units["SUMSEL"], subject="Yang pertama", description="-", category="pelayanan",
        reporter_contact="081200000000", received_on=date.today(),
    )  # fmt: skip
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
    citizen.get_by_label("Perihal").fill("Antrean loket lama")
    citizen.get_by_label("Uraian kejadian").fill("Saya menunggu tiga jam.")
    citizen.get_by_label("Kategori").select_option("pelayanan")
    citizen.get_by_label("Nama", exact=True).fill("Rina")
    citizen.get_by_label("Surel atau telepon").fill("rina@example.org")
    citizen.get_by_role("button", name="Kirim pengaduan").click()
    number = citizen.locator("#case-number").inner_text()
    code = citizen.locator("#case-code").inner_text()
    assert re.fullmatch(r"ADU/SUMSEL/\d{4}/000002", number)
    assert citizen.locator("#case-short").inner_text() == "000002"
    assert "rina@example.org" in citizen.locator("#case-receipt").inner_text()

    receipts = [m for m in mailoutbox if m.to == ["rina@example.org"]]
    assert len(receipts) == 1 and len(mailoutbox) == 1  # the first complaint gave a phone number
    body = receipts[0].body
    assert number in body and "000002" in body and code in body and "Antrean loket lama" in body
    assert "/publik/sumsel/pengaduan/lacak/" in body

    citizen.goto("/publik/sumsel/pengaduan/lacak/")
    citizen.get_by_label("Nomor", exact=True).fill("000002")
    citizen.get_by_label("Kode lacak").fill(code)
    with citizen.expect_navigation():  # content() does not wait: the form's page is there until then
        citizen.get_by_role("button", name="Tampilkan").click()
    content = citizen.content()
    assert number in content and "Antrean loket lama" in content
    assert citizen.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    phone.close()
