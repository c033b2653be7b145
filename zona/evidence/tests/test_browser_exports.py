"""A real browser: a read-only viewer queues the plan as XLSX, follows it until it is ready,
downloads it, and finds it in their list of exports."""

import pytest
from playwright.sync_api import expect

from conftest import browser_login
from zona.evidence.models import ExportJob

pytestmark = pytest.mark.browser


def test_queue_ready_download(page, seed_plan, cast):
    browser_login(page, "pemantau", to=f"/rencana/{seed_plan.pk}/")
    page.get_by_role("button", name="Ekspor XLSX").click()
    download_link = page.locator("#export-download")
    expect(download_link).to_be_visible()  # the worker ran it; the status shows the file
    with page.expect_download() as info:
        download_link.click()
    content = open(info.value.path(), "rb").read()
    assert content.startswith(b"PK")
    job = ExportJob.objects.get()
    assert (job.requested_by, job.status, job.kind) == (cast["viewer"], "done", "plans.plan")
    page.get_by_role("link", name="Ekspor saya").first.click()
    row = page.locator("#exports tbody tr").first
    expect(row).to_contain_text("Rencana kerja ZI SUMSEL 2023")
    expect(row).to_contain_text("Selesai")
    expect(row.get_by_role("link", name="Unduh")).to_be_visible()
