"""A real browser: the national officer opens the early-warning list, filters it to a province
and exports it; the XLSX downloaded holds the rows shown."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from conftest import browser_login
from zona.orgs.models import Level
from zona.orgs.services import unit_create

from .helpers import expired_evidence, late_case

pytestmark = pytest.mark.browser


def test_filter_to_a_province_and_export(page, units, cast):
    today = timezone.localdate()
    expired_evidence(units["LAHAT"], today - timedelta(days=1))
    for i in range(3):
        unit = unit_create(
            code=f"JAMBI-K{i}", name=f"KPU Kabupaten Jambi {i}", level=Level.REGENCY, parent=units["JAMBI"]
        )
        late_case(unit, today - timedelta(days=2))
    browser_login(page, "pimpinan")
    page.goto(f"/pantauan/{units['RI'].slug}/peringatan/")
    table = page.locator("#warnings")
    expect(table).to_contain_text("KPU Kabupaten Lahat")
    page.locator("#provinsi").select_option(label="KPU Provinsi Jambi")
    page.locator("#filters button").click()
    expect(page.locator("#count")).to_contain_text("3")
    expect(table).not_to_contain_text("KPU Kabupaten Lahat")
    shown = sorted(t.strip() for t in table.locator("tbody tr td:first-child").all_inner_texts())
    assert shown == ["KPU Kabupaten Jambi 0", "KPU Kabupaten Jambi 1", "KPU Kabupaten Jambi 2"]
    page.locator("#export-xlsx button").click()
    link = page.locator("#export-download")
    expect(link).to_be_visible()
    with page.expect_download() as info:
        link.click()
    sheet = load_workbook(BytesIO(open(info.value.path(), "rb").read())).active
    names = sorted(row[1] for row in sheet.iter_rows(min_row=4, values_only=True))
    assert names == shown
