"""A real browser: the national officer opens the early-warning list, filters it to a province
and exports it; the XLSX downloaded holds the rows shown."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import BROWSER_TIMEOUT, browser_login
from zona.orgs.models import Level
from zona.orgs.services import unit_create
from zona.tests.test_accessibility import failures_on

from .helpers import exported_names, late_case

pytestmark = pytest.mark.browser


def test_filter_to_a_province_and_export(page, units, cast):
    today = timezone.localdate()
    late_case(units["LAHAT"], today - timedelta(days=1))
    for i in range(3):
        unit = unit_create(
            code=f"JAMBI-K{i}", name=f"KPU Kabupaten Jambi {i}", level=Level.REGENCY, parent=units["JAMBI"]
        )
        late_case(unit, today - timedelta(days=2))
    browser_login(page, "pimpinan", to=f"/pantauan/{units['RI'].slug}/peringatan/")
    table = page.locator("#warnings")
    expect(table).to_contain_text("KPU Kabupaten Lahat")
    page.locator("#provinsi").select_option(label="KPU Provinsi Jambi")
    page.locator("#filters button").click()
    expect(page.locator("#count")).to_contain_text("3")
    expect(table).not_to_contain_text("KPU Kabupaten Lahat")
    shown = sorted(t.strip() for t in table.locator("tbody tr td:first-child").all_inner_texts())
    assert shown == ["KPU Kabupaten Jambi 0", "KPU Kabupaten Jambi 1", "KPU Kabupaten Jambi 2"]
    assert exported_names(page) == shown


@pytest.fixture
def axe_page(chromium, live_server):
    """As the shared page, but axe's script may be injected past the site's CSP."""
    context = chromium.new_context(
        locale="id-ID", timezone_id="Asia/Jakarta", base_url=live_server.url, bypass_csp=True
    )
    context.set_default_timeout(BROWSER_TIMEOUT)
    yield context.new_page()
    context.close()


def test_the_pages_pass_axe(axe_page, units, cast):
    late_case(units["LAHAT"], timezone.localdate() - timedelta(days=1))
    browser_login(axe_page, "pimpinan")
    urls = (f"/pantauan/{units['RI'].slug}/peringatan/", f"/pantauan/{units['LAHAT'].slug}/")
    assert failures_on(axe_page, urls) == {}
