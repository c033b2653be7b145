"""A real browser: the TPI rejects a PIC's evidence on its indicator page; the PIC, signing in,
sees the unread notice in the menu, reads the reason and follows its link back to the indicator,
and has the same by e-mail, as has the coordinator."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from conftest import browser_login
from zona.evidence.services import evidence_create_file

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_rejection_reaches_the_pic_in_zona_and_by_mail(chromium, live_server, seed_plan, cast, mailoutbox):
    for who, address in (("pic", "pic@example.org"), ("coordinator", "koor@example.org")):
        cast[who].email = address
        cast[who].save(update_fields=["email"])
    indicator = seed_plan.areas.first().components.first().indicators.first()
    item = evidence_create_file(
        unit=seed_plan.unit, title="SK Tim ZI", upload=SimpleUploadedFile("sk.pdf", PDF), by=cast["pic"]
    )
    indicator.evidence.add(item)

    def signed_in(username):
        context = chromium.new_context(locale="id-ID", timezone_id="Asia/Jakarta", base_url=live_server.url)
        page = context.new_page()
        browser_login(page, username)
        return context, page

    tpi_context, tpi = signed_in("tpi")
    tpi.goto(f"/indikator/{indicator.pk}/")
    tpi.locator(f"#comment-{item.pk}").fill("Belum ditandatangani kepala satuan kerja")
    tpi.get_by_role("button", name="Tolak").click()
    expect(tpi.get_by_text("Belum ditandatangani kepala satuan kerja").first).to_be_visible()
    tpi_context.close()

    assert sorted(m.to[0] for m in mailoutbox) == ["koor@example.org", "pic@example.org"]
    assert all("Belum ditandatangani kepala satuan kerja" in m.body for m in mailoutbox)

    pic_context, pic = signed_in("pic")
    expect(pic.locator("nav .badge")).to_have_text("1")  # one unread notice in the menu
    pic.goto("/notifikasi/")
    notice = pic.get_by_role("link", name="SK Tim ZI")
    expect(notice).to_contain_text("ditolak")
    expect(notice).to_contain_text("Belum ditandatangani kepala satuan kerja")
    notice.click()
    pic.wait_for_url(f"**/indikator/{indicator.pk}/")
    expect(pic.get_by_text("SK Tim ZI").first).to_be_visible()
    pic_context.close()
