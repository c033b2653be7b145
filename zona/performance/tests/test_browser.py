"""A real browser: the planning officer starts the year's agreement from last year's, records a
quarter's realisation with its evidence (provisional until the fourth quarter), the year's
figure, sees the achievement and the LKE suggestion, and the formulas in force."""

from __future__ import annotations

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from conftest import browser_login
from zona.performance import services
from zona.performance.models import Realisation

pytestmark = pytest.mark.browser


def test_copy_last_year_and_record_a_realisation(page, units, cast, tmp_path):
    last = services.agreement_open(unit=units["SUMSEL"], year=2025, by=None)
    target = services.target_add(agreement=last, code="SS1", text="Meningkatnya partisipasi pemilih", by=None)
    values = {"name": "Tingkat partisipasi pemilih", "measure": "%", "annual_target": Decimal("77.5")}
    indicator = services.indicator_add(target=target, values=values, by=None)
    services.realisation_record(indicator=indicator, quarter=4, value=Decimal("79.2"), note="", by=None)
    proof = tmp_path / "rekap-partisipasi.pdf"
    proof.write_bytes(b"%PDF-1.4 rekap")

    browser_login(page, "koordinator", to=f"/kinerja/{units['SUMSEL'].slug}/2026/")
    page.get_by_role("button").filter(has_text="2026").click()
    page.locator("#add-target summary").click()
    page.locator("#add-target form").nth(1).locator("button").click()
    row = page.locator("#iku tr", has_text="Tingkat partisipasi pemilih")
    expect(row).to_contain_text("79,20")  # last year's realisation beside it

    page.locator("details:has(.realise-form) summary").first.click()
    form = page.locator(".realise-form").first
    form.locator("[name=quarter]").select_option("2")
    form.locator("[name=value]").fill("81")
    form.locator("[name=file]").set_input_files(str(proof))
    form.locator("button").click()
    row = page.locator("#iku tr", has_text="Tingkat partisipasi pemilih")
    expect(row.locator(".achievement")).to_have_text("104,52%")
    expect(row.locator(".provisional")).to_be_visible()  # the second quarter is not the year
    expect(page.locator("#b1b")).to_have_text("D")
    expect(page.locator("#b1b-why")).to_contain_text("tidak dilaporkan setahun penuh")
    assert Realisation.objects.get(quarter=2).evidence is not None

    page.locator("details:has(.realise-form) summary").first.click()
    form = page.locator(".realise-form").first
    form.locator("[name=quarter]").select_option("4")
    form.locator("[name=value]").fill("81")
    form.locator("button").click()
    row = page.locator("#iku tr", has_text="Tingkat partisipasi pemilih")
    expect(row.locator(".provisional")).to_have_count(0)
    # met and better than last year, but the agreement is not signed: as the LKE suggests, D
    expect(page.locator("#b1b")).to_have_text("D")
    expect(page.locator("#b1b-why")).to_contain_text("belum ditandatangani")
    page.locator("details", has_text="Perjanjian yang ditandatangani").locator("summary").click()
    page.get_by_label("Ditandatangani pada").fill("2026-01-15")
    with page.expect_navigation():
        page.locator("details", has_text="Perjanjian yang ditandatangani").get_by_role(
            "button", name="Simpan"
        ).click()
    expect(page.locator("#b1b")).to_have_text("B")  # signed, met and better than last year, no peers
    expect(page.locator("#formula-lower_is_better")).to_contain_text("bawaan")

    page.locator("#formulas summary").click()
    page.locator("#formulas-form [name=cap]").select_option("none")
    page.locator("#formulas-form button").click()
    expect(page.locator("#formula-cap")).to_contain_text("tanpa batas")
    expect(page.locator("#formula-cap")).to_contain_text("pilihan unit")
