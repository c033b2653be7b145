"""A real browser: the coordinator fills the letters' details on the package page, builds the
proposal package with one action on the LKE page, follows its progress while the worker builds
it, downloads it, and the package verifies against its manifest."""

import json
import zipfile

import pytest
from huey.contrib.djhuey import HUEY
from playwright.sync_api import expect

from conftest import browser_login
from zona.evidence.models import ExportJob, ExportStatus
from zona.evidence.tasks import export_run
from zona.proposal.verify import package_verify

from .factories import filed_assessment

pytestmark = pytest.mark.browser


@pytest.fixture
def no_worker():
    """Jobs are queued, as in production, and run when the test says (the worker's part)."""
    HUEY.immediate = False
    yield
    HUEY.flush()
    HUEY.immediate = True


def test_build_follow_download_and_verify_the_package(page, units, cast, no_worker, tmp_path):
    assessment = filed_assessment(units, cast)
    browser_login(page, "koordinator", to=f"/lke/{assessment.pk}/")
    page.get_by_role("link", name="Paket usulan").click()
    expect(page.locator("h1")).to_contain_text("Paket usulan")
    page.get_by_label("pimpinan unit kerja (nama)").fill("Dra. Siti Aminah")
    page.get_by_label("pimpinan unit kerja (jabatan)").fill("Ketua KPU Provinsi Sumatera Selatan")
    page.get_by_label("alamat kantor").fill("Jl. Kapten A. Rivai No. 1, Palembang")
    page.get_by_label("kota (tempat penandatanganan)").fill("Palembang")
    with page.expect_navigation():  # the form holds what was typed: read the page that comes back
        page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_label("alamat kantor")).to_have_value("Jl. Kapten A. Rivai No. 1, Palembang")
    page.get_by_role("link", name=f"KPU Provinsi Sumatera Selatan {assessment.year}").click()
    page.wait_for_url(f"**/lke/{assessment.pk}/")  # this page has a build button too
    page.get_by_role("button", name="Bangun paket usulan").click()  # one action on the assessment
    expect(page.locator("h1")).to_contain_text("Paket usulan SUMSEL 2023 (ZIP)")
    bar = page.locator("#export-status [role=progressbar]")
    expect(bar).to_have_attribute("aria-valuenow", "0")
    job = ExportJob.objects.get(kind="proposal.package")
    ExportJob.objects.filter(pk=job.pk).update(status=ExportStatus.RUNNING, progress=40)  # the worker, midway
    expect(bar).to_have_attribute("aria-valuenow", "40")
    expect(page.locator("#export-status")).to_contain_text("40%")
    with page.expect_download() as info:
        export_run.call_local(job.pk)  # the worker finishes it; the page downloads it by itself
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert path.name.startswith("paket-usulan-sumsel-2023") and path.suffix == ".zip"
    verdict = package_verify(path)
    assert verdict.ok and verdict.checked == len(zipfile.ZipFile(path).namelist()) - 1
    letter = zipfile.ZipFile(path).read("Surat usulan SUMSEL 2023.docx")
    assert letter.startswith(b"PK")
    assert json.loads(zipfile.ZipFile(path).read("manifest.json"))["unit"]["code"] == "SUMSEL"
    expect(page.locator("#export-download")).to_be_visible()
