"""A real browser: the coordinator registers a service SOP whose review falls due soon, sees it
on the unit dashboard, records a review asking for a revision, uploads the revision, and the
public page serves the new version."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from conftest import browser_login
from zona.sops import services

pytestmark = pytest.mark.browser


def test_register_review_and_revise_an_sop(page, units, cast, tmp_path, monkeypatch):
    monkeypatch.setattr(services, "_today", lambda: date(2026, 6, 1))
    signed = tmp_path / "sop-pengaduan.pdf"
    signed.write_bytes(b"%PDF-1.4 SOP pengaduan v1")
    revised = tmp_path / "sop-pengaduan-rev.pdf"
    revised.write_bytes(b"%PDF-1.4 SOP pengaduan v2")

    browser_login(page, "koordinator", to=f"/sop/{units['SUMSEL'].slug}/")
    page.locator("summary").first.click()
    page.locator("[name=title]").fill("SOP Penanganan Pengaduan")
    page.locator("[name=process]").fill("Pengelolaan pengaduan masyarakat")
    page.locator("[name=code]").fill("SOP-07/HM/2023")
    page.locator("[name=approved_on]").fill("2023-07-15")
    page.locator("[name=signer]").fill("Ketua KPU Provinsi")
    page.locator("[name=file]").set_input_files(str(signed))
    page.locator("[name=is_service]").check()
    page.locator("details form button[type=submit]").click()
    row = page.locator("#sops tr", has_text="SOP Penanganan Pengaduan")
    expect(row.locator(".badge.text-bg-warning")).to_be_visible()  # due 15 July 2026: soon

    page.goto(f"/monev/dasbor/{units['SUMSEL'].slug}/")
    expect(page.locator("#sop-reviews")).to_contain_text("SOP Penanganan Pengaduan")
    page.locator("#sop-reviews a", has_text="SOP Penanganan Pengaduan").click()

    page.locator("#reviews summary").click()
    form = page.locator("#review-form")
    form.locator("[name=reviewed_on]").fill("2026-05-20")
    form.locator("[name=reviewers]").fill("Tim Kerja ZI, Subbag Hukum")
    form.locator("[name=result]").select_option("revisi")
    form.locator("button[type=submit]").click()
    expect(page.locator("h1 .badge")).to_have_class("badge text-bg-info")

    page.locator("#versions summary").click()
    page.locator("#versions [name=code]").fill("SOP-07/HM/2026")
    page.locator("#versions [name=approved_on]").fill("2026-05-28")
    page.locator("#versions [name=signer]").fill("Ketua KPU Provinsi")
    page.locator("#versions [name=file]").set_input_files(str(revised))
    page.locator("#versions button[type=submit]").click()
    expect(page.locator("#due")).to_have_text("28 Mei 2029")

    page.goto(f"/publik/{units['SUMSEL'].slug}/sop/")
    link = page.locator("#public-sops a", has_text="SOP Penanganan Pengaduan")
    expect(page.locator("#public-sops")).to_contain_text("SOP-07/HM/2026")
    assert page.request.get(link.get_attribute("href")).body() == b"%PDF-1.4 SOP pengaduan v2"
