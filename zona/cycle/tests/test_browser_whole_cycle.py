"""A real browser through the whole evaluation year of one unit: the inspectorate has opened the
year; the coordinator answers and sends the self-assessment to the TPI; three tiers score and
approve (the anggota tim asks the unit for data, the PIC answers from the start page, the request
is accepted); the coordinator builds the proposal package and downloads it, and it verifies; the
inspectorate records the administrative selection "lulus dengan catatan", the TPN's IPAK/IPKP
and the predicate with its decree; the unit's public page shows the predicate."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from conftest import browser_login, make_user
from zona.cycle.models import TpnFigures
from zona.evaluation.models import InformationRequest, RequestState
from zona.evaluation.services import team_member_add
from zona.evidence.services import evidence_create_file
from zona.lke.models import Level, Stage
from zona.lke.services import answer_save
from zona.proposal.verify import package_verify

from .conftest import PDF, walk

# Browser tests run on the first database only; this one, the whole cycle, also on PostgreSQL (the
# live server's requests with its connection pool, once from end to end): zona/tests/selection.py.
pytestmark = [pytest.mark.browser, pytest.mark.database]


def as_person(page, username: str) -> None:
    page.context.clear_cookies()
    browser_login(page, username)


def test_a_unit_from_self_assessment_to_its_predicate(page, opened, units, cast, apip, tmp_path):
    entry = opened["SUMSEL"]
    assessment, coordinator = entry.assessment, cast["coordinator"]
    sk = evidence_create_file(
        unit=units["SUMSEL"],
        title="SK Tim Kerja ZI 2026",
        upload=SimpleUploadedFile("sk-tim.pdf", PDF),
        by=coordinator,
    )
    answer_save(
        assessment=assessment, level=Level.SELF, ref="A.I.1.i.a", raw="Ya", evidence=[sk], by=coordinator
    )

    # the self-assessment: one more answer in the browser, then sent to the TPI
    as_person(page, "koordinator")
    page.goto(f"/lke/{assessment.pk}/bagian/A.I.1/")
    card = page.locator("#q-A\\.I\\.1\\.i\\.b")
    card.get_by_label("Jawaban").select_option("A")
    card.get_by_role("button", name="Simpan jawaban").click()
    expect(page.locator("body")).to_contain_text("Jawaban A.I.1.i.b disimpan")
    page.goto(f"/lke/{assessment.pk}/")
    page.get_by_role("link", name="Kirim ke TPI").click()
    page.get_by_role("button", name="Ya, kirim ke TPI").click()
    expect(page.locator("body")).to_contain_text("Dikirim ke TPI")

    # three tiers; the anggota tim asks for data and the PIC answers it
    for code in ("anggota", "ketua", "pengendali"):
        team_member_add(
            assessment=assessment, user=make_user(f"tpi_{code}"), tier_code=code, by=cast["reviewer"]
        )
    board = f"/evaluasi/{assessment.pk}/"
    as_person(page, "tpi_anggota")
    page.goto(board)
    page.locator("#take").click()
    expect(page.locator(".alert-success")).to_contain_text("Jawaban tingkat di bawah diambil")
    page.locator("#form-A-I-1-i-b").get_by_role("link", name="Minta data ke unit").click()
    page.locator("#raise textarea[name=text]").fill("Lampirkan berita acara seleksi tim")
    page.locator("#raise").get_by_role("button", name="Kirim permintaan ke unit").click()
    expect(page.locator(".alert-success")).to_contain_text("Permintaan dikirim ke unit")
    as_person(page, "pic")
    expect(page.locator("#todo-requests")).to_contain_text("A.I.1.i.b")
    page.locator("#todo-requests a").first.click()
    request_card = page.locator("article", has_text="Lampirkan berita acara seleksi tim")
    request_card.locator("textarea[name=answer]").fill("Berita acara terlampir pada bukti A.I.1")
    request_card.get_by_role("button", name="Kirim jawaban").click()
    expect(page.locator(".alert-success")).to_contain_text("Jawaban dikirim ke evaluator")
    as_person(page, "tpi_anggota")
    page.goto(f"{board}permintaan/")
    page.locator("article", has_text="Lampirkan berita acara seleksi tim").get_by_role(
        "button", name="Terima"
    ).click()
    expect(page.locator(".alert-success")).to_contain_text("Jawaban diterima")
    assert InformationRequest.objects.get().state == RequestState.ACCEPTED
    for code in ("anggota", "ketua", "pengendali"):
        as_person(page, f"tpi_{code}")
        page.goto(board)
        if code != "anggota":
            page.locator("#take").click()
            expect(page.locator(".alert-success")).to_contain_text("Jawaban tingkat di bawah diambil")
        page.locator("#approve").click()
        expect(page.locator(".alert-success")).to_contain_text("Jawaban jenjang ini disetujui")
    assessment.refresh_from_db()
    assert assessment.stage == Stage.FINAL

    # the proposal package: built with one action, downloaded, verified against its manifest
    as_person(page, "koordinator")
    page.goto(f"/lke/{assessment.pk}/")
    page.get_by_role("button", name="Bangun paket usulan").click()
    download_link = page.locator("#export-download")
    expect(download_link).to_be_visible()
    with page.expect_download() as info:
        download_link.click()
    package = tmp_path / info.value.suggested_filename
    info.value.save_as(package)
    verdict = package_verify(package)
    assert verdict.ok and verdict.checked > 0

    # the national team's stages, recorded by the inspectorate
    walk(entry, cast["reviewer"], until="seleksi_administrasi")
    as_person(page, "inspektorat")
    page.goto(f"/siklus/unit/{entry.pk}/")
    form = page.locator("#stage-form")
    form.get_by_label("Tahap").select_option(label="Seleksi administrasi")
    form.get_by_label("Putusan").select_option(label="Seleksi administrasi: Lulus dengan catatan")
    form.get_by_label("Catatan").fill("SPTJM belum ditandatangani pimpinan")
    form.get_by_role("button", name="Catat").click()
    expect(page.locator("#stages")).to_contain_text("Lulus dengan catatan")
    form = page.locator("#stage-form")
    form.get_by_label("Tahap").select_option(label="Evaluasi desk TPN")
    form.get_by_role("button", name="Catat").click()
    expect(page.locator("#stages")).to_contain_text("Evaluasi desk TPN")
    figures = page.locator("#figures-form")
    figures.get_by_label("IPAK (TPN)").fill("3.70")
    figures.get_by_label("IPKP (TPN)").fill("3.50")
    figures.get_by_label("Sumber").fill("Surat TPN 12/2026")
    figures.get_by_role("button", name="Simpan angka TPN").click()
    expect(page.locator("#tpn-figures")).to_contain_text("Surat TPN 12/2026")
    assert TpnFigures.objects.filter(entry=entry).exists()
    decree = tmp_path / "sk-wbk.pdf"
    decree.write_bytes(PDF)
    award = page.locator("#predicate-form")
    award.get_by_label("Predikat").select_option("WBK")
    award.get_by_label("Nomor SK").fill("SK 500/2026")
    award.get_by_label("Tanggal SK").fill(date.today().isoformat())
    award.get_by_label("SK (berkas)").set_input_files(str(decree))
    award.get_by_role("button", name="Catat predikat").click()
    expect(page.locator("#predicates")).to_contain_text("SK 500/2026")

    page.context.clear_cookies()
    page.goto("/publik/sumsel/")
    expect(page.locator("#predicates")).to_contain_text("WBK")
    expect(page.locator("#predicates")).to_contain_text("SK 500/2026")
