"""A real browser: the coordinator opens the forecast from the start page's countdown and sees
the three scenarios with the questions that move and why."""

import pytest
from playwright.sync_api import expect

from conftest import browser_login

pytestmark = pytest.mark.browser


def test_the_coordinator_sees_the_three_scenarios_and_the_moving_questions(page, world):
    from zona.plans.models import ActionStep

    # the page forecasts from today, after the plan's year: the step done in all but name keeps up
    ActionStep.objects.filter(pk=world["ahead"].pk).update(progress=100)
    browser_login(page, "koordinator", to=f"/jalan-wbk/lke/{world['assessment'].pk}/")
    expect(page.locator("h1")).to_contain_text("Perkiraan")
    expect(page.locator(".scenario")).to_have_count(3)
    on_time = page.locator("#scenario-on_time")
    expect(on_time.locator("#move-on_time-ai1ib")).to_contain_text("C → A")
    expect(on_time.locator("#move-on_time-ai1ib")).to_contain_text("Seleksi anggota dari semua unsur")
    expect(on_time.locator("#move-on_time-ai1iia")).to_contain_text("Ya → Tidak")
    on_schedule = page.locator("#scenario-on_schedule")
    expect(on_schedule.locator("#move-on_schedule-ai1ib")).to_contain_text("C → B")
    expect(page.locator("#readiness-questions")).to_contain_text("A.I.1.ii.a")


def test_the_coordinator_renews_an_expiring_document_from_the_readiness_list(page, world):
    from datetime import date

    from zona.evidence.models import EvidenceItem

    year = world["year"]
    item = EvidenceItem.objects.get(title="SK Tim Kerja ZI")
    EvidenceItem.objects.filter(pk=item.pk).update(expires_on=date(year, 4, 1))
    browser_login(page, "koordinator", to=f"/jalan-wbk/lke/{world['assessment'].pk}/")
    page.locator("#readiness-details > summary").click()
    row = page.locator("#ready-ai1ia")
    expect(row).to_contain_text("kedaluwarsa sebelum batas pengusulan")
    row.get_by_text("Ubah periode dan masa berlaku").click()
    row.get_by_label("Berlaku sampai").fill(f"{year}-12-31")
    row.get_by_role("button", name="Simpan tanggal").click()
    expect(page.locator("body")).to_contain_text("Periode dan masa berlaku bukti tersimpan")
    page.locator("#readiness-details > summary").click()
    expect(page.locator("#ready-ai1ia")).not_to_contain_text("kedaluwarsa")  # fresh again
    assert EvidenceItem.objects.get(pk=item.pk).expires_on == date(year, 12, 31)
