"""In a browser, a citizen files a complaint keeping their identity confidential; the APIP reads the
unit's audit trail and exports it: the complaint is there, the reporter's name and contact, the
tracking code, its hash and the form's submission key are not, not even in part."""

import io

import pytest
from openpyxl import load_workbook

from conftest import browser_login, make_user
from zona.cases.models import Case
from zona.orgs.models import Role

pytestmark = pytest.mark.browser

NAME, CONTACT = "Qxzeb Vujwoq Kyfr", "qxzeb.vujwoq@jyxk.id"


def pieces(value: str, n: int) -> set[str]:
    return {value[i : i + n] for i in range(len(value) - n + 1)}


def test_the_apip_reads_and_exports_the_trail_without_the_reporter(chromium, live_server, page, units, cast):
    make_user("apip", units["SUMSEL"], Role.APIP)
    page.goto("/publik/sumsel/")
    page.get_by_role("link", name="Sampaikan pengaduan").click()
    page.get_by_label("Perihal").fill("Antrean loket terlalu lama")
    page.get_by_label("Uraian kejadian").fill("Saya menunggu tiga jam tanpa kepastian.")
    page.get_by_label("Kategori").select_option("pelayanan")
    page.get_by_label("Nama", exact=True).fill(NAME)
    page.get_by_label("Surel atau telepon").fill(CONTACT)
    page.get_by_label("rahasiakan identitas saya").check()
    page.get_by_role("button", name="Kirim pengaduan").click()
    number = page.locator("#case-number").inner_text()
    code = page.locator("#case-code").inner_text()
    case = Case.objects.get(number=number)
    assert case.confidential and case.reporter_name == NAME and case.submission_key

    desk = chromium.new_context(locale="id-ID", timezone_id="Asia/Jakarta", base_url=live_server.url)
    apip = desk.new_page()
    browser_login(apip, "apip", to="/audit/sumsel/jejak/")
    table = apip.locator("#trail").inner_text()
    assert number in table and "Antrean loket terlalu lama" in table
    with apip.expect_download() as download:
        apip.get_by_role("link", name="Ekspor (XLSX)").click()
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    exported = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)
    assert number in exported and "Antrean loket terlalu lama" in exported

    # four characters of what was typed; eight of the random code and hex (four occur by chance)
    secrets = [(NAME, 4), (CONTACT, 4), (code, 8), (case.tracking_hash, 8), (case.submission_key, 8)]
    shown = {"page": apip.content(), "export": exported}
    leaks = [
        (where, p)
        for value, n in secrets
        for p in pieces(value, n)
        for where, text in shown.items()
        if p in text
    ]
    assert leaks == []
    desk.close()
