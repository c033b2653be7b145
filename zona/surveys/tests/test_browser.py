"""A real browser: the coordinator prints the QR poster; a service user answers on a phone-sized
screen from the link under the QR code; after the period the coordinator publishes in one click;
the public results page and the poster show the new figures."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from conftest import browser_login
from zona.surveys import services
from zona.surveys.models import Response, Status
from zona.surveys.tests.factories import DURING_Q1, KEYS, answer, make_survey
from zona.surveys.tests.test_ikm import golden_rows
from zona.surveys.tests.test_publication import pdf_text

pytestmark = pytest.mark.browser


def test_answer_on_a_phone_publish_and_read_the_results(
    chromium, live_server, page, units, cast, monkeypatch
):
    monkeypatch.setattr(services, "_today", lambda: DURING_Q1)
    survey = make_survey(units["SUMSEL"], cast["coordinator"], title="SKM loket informasi Q1")
    rows = golden_rows()
    for row in rows[:-1]:
        answer(survey, row)
    last = rows[-1]

    browser_login(page, "koordinator", to="/layanan/")
    page.locator("#survey-units tr", has_text="Sumatera Selatan").get_by_role(
        "link", name="layanan, survei, angka"
    ).click()
    page.get_by_role("link", name="SKM loket informasi Q1").click()
    poster = page.request.get(
        page.get_by_role("link", name="Poster QR untuk loket (PDF)").get_attribute("href")
    )
    link = re.search(r"https?://\S+/survei/\S+/", pdf_text(poster.body())).group(0)

    phone = chromium.new_context(
        locale="id-ID",
        timezone_id="Asia/Jakarta",
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
    )
    user = phone.new_page()
    user.goto(link)
    expect(user.get_by_role("heading", level=1)).to_contain_text("Survei Kepuasan Masyarakat")
    for key, value in zip(KEYS, last, strict=True):
        user.locator("label", has=user.locator(f"input[name={key}][value='{value}']")).tap()
    user.get_by_label("Jenis kelamin").select_option("Laki-laki")
    user.get_by_label("Usia").select_option("30–39")
    width = user.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # nothing wider than the phone
    user.get_by_role("button", name="Kirim").tap()
    expect(user.locator("#thanks")).to_contain_text("Terima kasih")
    phone.close()
    stored = Response.objects.filter(survey=survey).latest("id")
    assert stored.answers(9) == last and stored.sex == "Laki-laki"

    monkeypatch.setattr(services, "_today", lambda: date(2026, 4, 1))
    page.reload()
    expect(page.locator("#respondents")).to_have_text("29")
    page.get_by_role("button", name="Publikasikan hasilnya").click()
    expect(page.locator("#status")).to_have_text("dipublikasikan")
    survey.refresh_from_db()
    assert survey.status == Status.PUBLISHED

    page.get_by_role("link", name="Halaman hasil untuk publik").click()
    expect(page.locator("#ikm")).to_have_text("91,48")
    expect(page.locator("#mutu")).to_have_text("A")
    expect(page.locator("#respondents")).to_have_text("29")
    expect(page.locator("#nrr-table tr.table-warning")).to_contain_text("Waktu penyelesaian")
    href = page.get_by_role("link", name="Poster (PDF)").get_attribute("href")
    text = pdf_text(page.request.get(href).body())
    assert "91,48" in text and "29" in text
