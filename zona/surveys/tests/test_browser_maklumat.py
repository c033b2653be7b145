"""A real browser: the coordinator writes a service's standard with its maklumat, records where
else it is announced, publishes it on the portal; the LKE's A.I.6.i.b then suggests A (LKE:
"dipublikasikan di website dan media lainnya")."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import browser_login
from zona.lke.services import assessment_create
from zona.surveys.models import ServiceStandard
from zona.surveys.standards import COMPONENTS
from zona.surveys.tests.factories import ServiceFactory

pytestmark = pytest.mark.browser


def test_the_maklumat_on_the_portal_and_other_media(page, units, cast):
    unit = units["SUMSEL"]
    service = ServiceFactory(unit=unit, name="Layanan informasi publik")
    assessment = assessment_create(unit=unit, year=2026, by=cast["coordinator"])
    browser_login(page, "koordinator", to=f"/layanan/sumsel/standar/{service.pk}/baru/")
    for label in COMPONENTS.values():
        page.get_by_label(label, exact=True).fill(f"{label} (uji)")
    page.get_by_label("Berlaku sejak").fill("2026-01-02")
    page.get_by_label("Maklumat pelayanan").fill("Kami sanggup melayani sesuai standar.")
    page.get_by_label("Juga diumumkan di (selain portal)").fill("Papan pengumuman, Instagram")
    page.get_by_role("button", name="Simpan sebagai versi baru").click()
    expect(page.locator("body")).to_contain_text("juga diumumkan di Papan pengumuman, Instagram")
    page.get_by_role("button", name="Publikasikan di portal").click()
    expect(page.locator("body")).to_contain_text("Dipublikasikan di portal.")  # before goto cuts it off
    assert ServiceStandard.objects.get(service=service).other_media == "Papan pengumuman, Instagram"
    page.goto(f"/lke/{assessment.pk}/bagian/A.I.6/")
    card = page.locator("#q-A\\.I\\.6\\.i\\.b")
    assert "Saran: A" in card.inner_text() and "media lain" in card.inner_text()
