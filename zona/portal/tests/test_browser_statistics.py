"""A citizen on a 390×844 phone opens a unit's open statistics from its portal page, reads the
complaints' figures as the register gives them, and downloads the CSV, which says the same."""

from __future__ import annotations

import csv
import io

import pytest
from playwright.sync_api import expect

from .open_stats_data import COMPLAINTS_2023, build_register

pytestmark = pytest.mark.browser


@pytest.fixture
def phone(chromium, live_server):
    context = chromium.new_context(
        locale="id-ID",
        timezone_id="Asia/Jakarta",
        base_url=live_server.url,
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        accept_downloads=True,
    )
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def test_a_citizen_reads_a_units_statistics_and_downloads_its_csv(phone, units):
    build_register(units["SUMSEL"])
    phone.goto("/publik/sumsel/")
    phone.get_by_role("link", name="Statistik terbuka").tap()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Statistik terbuka")
    expect(phone.locator("#statistics-updated")).to_contain_text("Diperbarui")
    expect(phone.locator("#statistics-license")).to_contain_text("CC BY 4.0")
    table = phone.locator("table", has=phone.locator("caption", has_text="Pengaduan 2023"))
    expect(table.locator("tr", has_text="selesai tepat waktu (%)").locator("td").first).to_have_text("75,0")
    expect(table.locator("tr", has_text="median hari kerja").locator("td").first).to_have_text("2,0")
    with phone.expect_download() as info:
        phone.locator("#statistics-csv").tap()
    download = info.value
    assert download.suggested_filename == "statistik-sumsel.csv"
    rows = list(csv.DictReader(io.StringIO(open(download.path(), encoding="utf-8").read())))
    year = {r["figure"]: r["value"] for r in rows if r["period"] == "2023" and r["topic"] == "complaints"}
    assert year["received"] == str(COMPLAINTS_2023["received"]) and year["on_time_percent"] == "75.0"
    assert year["refused"] == ""  # one: withheld, as on the page
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
