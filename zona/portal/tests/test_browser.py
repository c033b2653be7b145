"""A citizen on a 390×844 phone: the site root opens the list of units, the phone menu opens, a
mistyped address answers in Indonesian with a way back, and the published survey bars are drawn
(their widths written with a dot under the Indonesian locale); a unit's open statistics read and
their CSV downloaded, saying the same."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from playwright.sync_api import expect

from zona.cases.models import Case
from zona.complaints.figures import handled
from zona.orgs.models import Unit
from zona.surveys import services
from zona.surveys.services import survey_close, survey_publish
from zona.surveys.tests.factories import DURING_Q1, answer, make_survey
from zona.surveys.tests.test_ikm import golden_rows

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
    )
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def test_a_citizen_on_a_phone_finds_the_units_and_a_404_in_indonesian(phone, units):
    phone.goto("/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Portal publik")
    menu = phone.locator("#nav")
    expect(menu).to_be_hidden()
    phone.get_by_role("button", name="Menu").tap()
    expect(menu.get_by_role("link", name="Masuk")).to_be_visible()
    phone.get_by_label("Cari unit").fill("Lahat")
    with phone.expect_navigation():  # the unfiltered list has the link too, elsewhere on the page
        phone.get_by_role("button", name="Cari").tap()
    phone.get_by_role("link", name="KPU Kabupaten Lahat").tap()
    expect(phone.get_by_role("heading", level=1)).to_have_text("KPU Kabupaten Lahat")

    response = phone.goto("/alamat-yang-salah/")
    assert response.status == 404
    expect(phone.get_by_role("heading", level=1)).to_have_text("Halaman tidak ditemukan")
    assert phone.locator("html").get_attribute("lang") == "id"
    phone.get_by_role("link", name="Ke portal publik").tap()
    expect(phone.locator("#units")).to_contain_text("KPU Kota Palembang")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_survey_bars_have_width_on_a_phone(phone, units, cast, monkeypatch):
    monkeypatch.setattr(services, "_today", lambda: DURING_Q1)
    survey = make_survey(units["SUMSEL"], cast["coordinator"], title="SKM loket Q1")
    for row in golden_rows():
        answer(survey, row)
    monkeypatch.setattr(services, "_today", lambda: date(2026, 4, 1))
    survey_close(survey=survey, by=cast["coordinator"])
    survey_publish(survey=survey, by=cast["coordinator"])

    phone.goto(f"/publik/{units['SUMSEL'].slug}/")
    phone.locator("#surveys").get_by_role("link").first.tap()
    expect(phone.locator("#ikm")).to_have_text("91,48")
    bars = phone.locator("#nrr-table rect[fill='#0d6efd']")
    expect(bars).to_have_count(9)
    table = phone.locator("#nrr-table").bounding_box()
    for index in range(9):
        box = bars.nth(index).bounding_box()
        assert box is not None and box["width"] > 0  # drawn: "92,6" would leave it empty
    first = bars.first.get_attribute("width")
    assert first == "90.5"  # U1: NRR 3.6207 of 4
    assert table["width"] <= 390 or phone.evaluate("document.documentElement.scrollWidth") <= 390
    expect(phone.locator("#portal-back")).to_contain_text("Sumatera Selatan")


def _register_2023(unit) -> dict:
    """The unit's complaint register of 2023 counted from its cases: received, finished (closed as
    selesai after the follow-up), refused, and of the finished those within their deadline, with
    the median working days (each case's own working days, as the register computes them)."""
    cases = Case.objects.filter(kind="complaint", unit=unit, received_on__year=2023)
    finished = [r for r in handled(Unit.objects.filter(pk=unit.pk)) if r.days is not None]
    assert len(finished) == cases.filter(state="selesai", complaint__completed_on__isnull=False).count()
    days = sorted(r.days for r in finished)
    middle = len(days) // 2
    return {
        "received": cases.count(),
        "refused": cases.filter(state="ditolak").count(),
        "finished": len(finished),
        "on_time_percent": round(100 * sum(r.on_time for r in finished) / len(finished), 1),
        "median": float(days[middle] if len(days) % 2 else (days[middle - 1] + days[middle]) / 2),
    }


def test_a_citizen_reads_a_units_statistics_and_downloads_its_csv(phone, units):
    """The page and its CSV say what the unit's register says (counted from its cases here), so
    either drifting fails; and what the known register was built to give."""
    build_register(units["SUMSEL"])
    register = _register_2023(units["SUMSEL"])
    assert register["on_time_percent"] == COMPLAINTS_2023["on_time_percent"]
    phone.goto("/publik/sumsel/")
    phone.get_by_role("link", name="Statistik terbuka").tap()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Statistik terbuka")
    expect(phone.locator("#statistics-updated")).to_contain_text("Diperbarui")
    expect(phone.locator("#statistics-license")).to_contain_text("CC BY 4.0")
    table = phone.locator("table", has=phone.locator("caption", has_text="Pengaduan 2023"))
    on_time = f"{register['on_time_percent']:.1f}".replace(".", ",")
    median = f"{register['median']:.1f}".replace(".", ",")
    expect(table.locator("tr", has_text="selesai tepat waktu (%)").locator("td").first).to_have_text(on_time)
    expect(table.locator("tr", has_text="median hari kerja").locator("td").first).to_have_text(median)
    with phone.expect_download() as info:
        phone.locator("#statistics-csv").tap()
    download = info.value
    assert download.suggested_filename == "statistik-sumsel.csv"
    rows = list(csv.DictReader(io.StringIO(open(download.path(), encoding="utf-8").read())))
    year = {r["figure"]: r["value"] for r in rows if r["period"] == "2023" and r["topic"] == "complaints"}
    assert year["received"] == str(register["received"]) == str(COMPLAINTS_2023["received"])
    assert year["finished"] == str(register["finished"])
    assert year["on_time_percent"] == f"{register['on_time_percent']:.1f}"
    assert year["median_working_days"] == f"{register['median']:.1f}"
    assert register["refused"] == 1 and year["refused"] == ""  # one: withheld, as on the page
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
