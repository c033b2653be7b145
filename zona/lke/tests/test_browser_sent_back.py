"""A real browser: the TPI sends an LKE answer back, and the unit's coordinator finds it in
Zona's notifications (the menu's count, the list, the link to the LKE)."""

import pytest
from playwright.sync_api import expect

from conftest import browser_login
from zona.lke.models import Level
from zona.lke.review import assessment_submit
from zona.lke.services import answer_save, assessment_create
from zona.notifications.models import Notification

from .test_browser import send_back

pytestmark = pytest.mark.browser


def test_an_answer_sent_back_by_the_tpi_reaches_the_coordinator(page, cast, units):
    assessment = assessment_create(unit=units["SUMSEL"], year=2024, by=cast["coordinator"])
    for ref, raw in (("A.I.1.i.a", "Ya"), ("A.I.1.i.b", "A")):
        answer_save(assessment=assessment, level=Level.SELF, ref=ref, raw=raw, by=cast["pic"])
    assessment_submit(assessment=assessment, by=cast["coordinator"])
    assert not Notification.objects.filter(user=cast["coordinator"]).exists()

    browser_login(page, "tpi", to=f"/lke/{assessment.pk}/bagian/A.I.1/")
    send_back(page, "A.I.1.i.b", "Lampirkan berita acara seleksi")

    browser_login(page, "koordinator")
    menu = page.get_by_role("link", name="Notifikasi")
    expect(menu.locator(".badge")).to_have_text("1")
    menu.click()
    told = page.locator(".list-group-item", has_text="A.I.1.i.b")
    expect(told).to_contain_text("Lampirkan berita acara seleksi")
    expect(told).to_contain_text("LKE 2024")
    told.get_by_role("link").click()
    page.wait_for_url(f"**/lke/{assessment.pk}/")
    expect(page.locator("body")).to_contain_text("Dikembalikan untuk revisi")
