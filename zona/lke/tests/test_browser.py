"""A real browser through the LKE: the unit answers with evidence found by searching its files
and submits; the TPI reviews, sends one question back; the unit revises; the TPI makes it final;
scores and eligibility show."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from conftest import browser_login
from zona.evidence.services import evidence_create_file
from zona.lke.models import Assessment, Stage

pytestmark = pytest.mark.browser
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def send_back(page, ref: str, note: str) -> None:
    """On a section page, the TPI sends one question back with what to revise, then signs out."""
    page.locator("#q-" + ref.replace(".", "\\.")).get_by_label("kembalikan").check()
    page.get_by_label("Yang harus direvisi").fill(note)
    page.get_by_role("button", name="Kembalikan", exact=True).click()
    expect(page.locator("body")).to_contain_text("Dikembalikan untuk revisi")
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url("**/akun/masuk/")  # its answer deletes the cookie: before the next sign-in's


def test_lke_review_flow(page, cast, units):
    evidence_create_file(
        unit=units["SUMSEL"],
        title="SK Tim Kerja ZI 2024",
        upload=SimpleUploadedFile("sk.pdf", PDF),
        by=cast["coordinator"],
    )
    browser_login(page, "koordinator", to="/lke/")
    page.get_by_label("Unit kerja").select_option(label="KPU Provinsi Sumatera Selatan")
    page.get_by_label("Tahun").fill("2024")
    page.get_by_role("button", name="Mulai").click()
    page.wait_for_url(re.compile(r"/lke/\d+/$"))  # the assessment exists once its page is here
    assessment = Assessment.objects.get()
    page.get_by_role("link", name="A.I.1 Manajemen Perubahan").click()
    card = page.locator("#q-A\\.I\\.1\\.i\\.a")
    card.get_by_label("Jawaban").select_option("Ya")
    card.get_by_label("Penjelasan").fill("SK Tim Kerja ZI Nomor 22 Tahun 2024")
    card.get_by_label("Cari berkas unit (nama, indikator, langkah, atau tanggal)").fill("SK Tim")
    card.get_by_role("button", name="Cari", exact=True).click()
    card.get_by_label("SK Tim Kerja ZI 2024").check()
    card.get_by_role("button", name="Simpan jawaban").click()
    expect(page.locator("body")).to_contain_text("Jawaban A.I.1.i.a disimpan")
    card = page.locator("#q-A\\.I\\.1\\.i\\.b")
    card.get_by_label("Jawaban").select_option("A")
    card.get_by_role("button", name="Simpan jawaban").click()
    expect(page.locator("body")).to_contain_text("Jawaban A.I.1.i.b disimpan")  # before goto cuts it off
    page.goto(f"/lke/{assessment.pk}/")
    assert page.locator("#total-self").inner_text() == "0,50"
    page.get_by_role("link", name="Kirim ke TPI").click()
    page.get_by_role("button", name="Ya, kirim ke TPI").click()
    expect(page.locator("body")).to_contain_text("Dikirim ke TPI")
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url("**/akun/masuk/")

    browser_login(page, "tpi", to=f"/lke/{assessment.pk}/bagian/A.I.1/")
    card = page.locator("#q-A\\.I\\.1\\.i\\.b")
    card.get_by_text("Petunjuk: apa yang dinilai").click()  # the reviewer reads the criteria
    expect(card.locator(".guidance")).to_contain_text("mewakili semua unsur")
    card.get_by_label("Jawaban").select_option("B")
    card.get_by_label("Catatan reviu").fill("Seleksi hanya sebagian unsur")
    card.get_by_role("button", name="Simpan jawaban").click()
    # the next button is on this page too: pressed before the save is answered, it may cut it off
    expect(page.locator("body")).to_contain_text("Jawaban A.I.1.i.b disimpan")
    page.get_by_role("button", name="Terima jawaban unit yang belum direviu di bagian ini").click()
    expect(page.get_by_text("1 pertanyaan direviu")).to_be_visible()  # A.I.1.i.a; the TPI's B for b stays
    send_back(page, "A.I.1.i.b", "Lampirkan berita acara seleksi")

    browser_login(page, "koordinator", to=f"/lke/{assessment.pk}/bagian/A.I.1/")
    card = page.locator("#q-A\\.I\\.1\\.i\\.b")
    assert "Lampirkan berita acara seleksi" in card.inner_text()
    card.get_by_label("Jawaban").select_option("B")
    card.get_by_label("Penjelasan").fill("Seleksi mewakili sebagian besar unsur")
    card.get_by_role("button", name="Simpan jawaban").click()
    expect(page.locator("body")).to_contain_text("Jawaban A.I.1.i.b disimpan")  # before goto cuts it off
    page.goto(f"/lke/{assessment.pk}/")
    page.get_by_role("link", name="Kirim ke TPI").click()
    page.get_by_role("button", name="Ya, kirim ke TPI").click()
    expect(page.locator("body")).to_contain_text("Dikirim ke TPI")  # "Keluar" is on this page too
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url("**/akun/masuk/")

    browser_login(page, "tpi", to=f"/lke/{assessment.pk}/")
    page.get_by_role("button", name="Finalkan").click()
    expect(page.locator("body")).to_contain_text("Penilaian sudah final")
    assert Assessment.objects.get().stage == Stage.FINAL
    assert page.locator("#total-self").inner_text() == "0,38"  # (1 + 0.5) / 2 × 0.5
    assert page.locator("#total-tpi").inner_text() == "0,38"
    wbk = page.locator("#criteria-WBK-tpi")
    assert "belum memenuhi syarat" in wbk.inner_text() and "Nilai total" in wbk.inner_text()
    assert page.locator("table").filter(has_text="Putaran").locator("tbody tr").count() == 4


def test_import_a_filled_lke_sheet(page, cast, units):
    from pathlib import Path

    from zona.lke.services import assessment_create

    sheet = Path(__file__).parent / "fixtures" / "lke_zi_dit_kspstk_2024_isian.csv"
    assessment = assessment_create(unit=units["SUMSEL"], year=2024, by=cast["coordinator"])
    browser_login(page, "koordinator", to=f"/lke/{assessment.pk}/")
    page.get_by_role("link", name="Impor lembar LKE yang sudah diisi").click()
    page.get_by_label("Lembar LKE yang sudah diisi").set_input_files(str(sheet))
    page.get_by_role("button", name="Baca lembar").click()
    expect(page.locator("#sheet-total")).to_have_text("91,37")
    assert "110 dari 113 pertanyaan LKE dijawab" in page.locator("#sheet-summary").inner_text()
    assert not assessment.answers.exists()
    page.get_by_role("button", name="Simpan jawaban ini").click()
    page.wait_for_url(f"**/lke/{assessment.pk}/")
    expect(page.locator("body")).to_contain_text("110 jawaban diimpor dari lembar LKE")
    assert page.locator("#total-self").inner_text() == "91,37"
