"""A real browser: an export that no worker takes says so and what to do; once a worker has made
it, the page downloads the file by itself."""

import pytest
from huey.contrib.djhuey import HUEY
from playwright.sync_api import expect

from conftest import browser_login
from zona.evidence.models import ExportJob
from zona.evidence.tasks import export_run

pytestmark = pytest.mark.browser


@pytest.fixture
def no_worker():
    """Jobs are queued, as in production, and no worker runs them."""
    HUEY.immediate = False
    yield
    HUEY.flush()
    HUEY.immediate = True


def test_an_unclaimed_export_says_so_and_downloads_by_itself_when_ready(page, seed_plan, no_worker, settings):
    settings.ZONA_EXPORT_UNCLAIMED_SECONDS = 1
    browser_login(page, "pemantau", to=f"/rencana/{seed_plan.pk}/")
    page.get_by_role("button", name="Ekspor XLSX").click()
    waiting = page.locator("#export-unclaimed")
    expect(waiting).to_be_visible()
    expect(waiting).to_contain_text("zona run_huey")
    expect(waiting).to_contain_text("administrator")
    job = ExportJob.objects.get()
    assert job.status == "pending"
    with page.expect_download() as info:
        export_run.call_local(job.pk)  # a worker takes it now
    assert open(info.value.path(), "rb").read().startswith(b"PK")
    expect(page.locator("#export-unclaimed")).to_have_count(0)
    expect(page.locator("#export-download")).to_be_visible()
    # back on the page later: the button, no second download by itself
    downloads = []
    page.on("download", lambda download: downloads.append(download))
    page.reload()
    expect(page.locator("#export-download")).to_be_visible()
    page.wait_for_timeout(1500)
    assert downloads == []
