"""A real browser through a new LKE year: the coordinator starts it from last year's answers,
which wait for confirmation while the eligibility says "sementara" and the TPI's column and
score stay empty; the coordinator confirms them, attaches evidence found by searching, and sees
what is unanswered and unsupported before submitting; the TPI reviews; Finalkan is refused until
every question is reviewed."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from conftest import browser_login
from zona.evidence.services import evidence_create_file
from zona.lke.models import Assessment, Level, Stage
from zona.lke.services import answer_save, assessment_create

pytestmark = pytest.mark.browser
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def card(page, ref):
    return page.locator("#q-" + ref.replace(".", "\\."))


def test_a_new_year_from_last_year_claims_nothing_before_it_is_confirmed_and_reviewed(page, cast, units):
    sumsel, by = units["SUMSEL"], cast["coordinator"]

    def upload(title):
        return evidence_create_file(unit=sumsel, title=title, upload=SimpleUploadedFile("f.pdf", PDF), by=by)

    old = assessment_create(unit=sumsel, year=2023, by=by)
    answer_save(
        assessment=old, level=Level.SELF, ref="A.I.1.i.a", raw="Ya", evidence=[upload("SK Tim ZI")], by=by
    )
    answer_save(assessment=old, level=Level.SELF, ref="A.I.1.i.b", raw="A", by=by)
    answer_save(
        assessment=old,
        level=Level.SELF,
        ref="A.I.1.ii.a",
        raw="Ya",
        justification="SK 2023",
        confirmed=True,
        by=by,
    )
    upload("Berita acara seleksi anggota tim")

    browser_login(page, "koordinator", to="/lke/")
    page.get_by_label("Unit kerja").select_option(label="KPU Provinsi Sumatera Selatan")
    page.get_by_label("Tahun").fill("2024")
    page.get_by_role("button", name="Mulai").click()
    page.wait_for_url(re.compile(r"/lke/\d+/$"))  # the assessment exists once its page is here
    new = Assessment.objects.get(year=2024)
    page.wait_for_url(f"**/lke/{new.pk}/")
    provisional = page.locator("#provisional")
    assert "Kelayakan yang ditampilkan masih sementara" in provisional.inner_text()
    assert "3 jawaban dari tahun lalu perlu dikonfirmasi" in provisional.inner_text()
    assert "sementara" in page.locator("#criteria-WBK-self").inner_text()
    assert page.locator("#total-tpi").inner_text() == "–"  # no TPI score
    assert "urn:" not in page.content()  # the instrument's internal id is never shown
    page.goto("/beranda/")
    assert "sementara" in page.content() and "Reviu TPI" not in page.content()

    page.goto(f"/lke/{new.pk}/bagian/A.I.1/")
    assert card(page, "A.I.1.i.a").locator(".carried").inner_text() == "perlu dikonfirmasi"
    assert "belum direviu" in card(page, "A.I.1.i.a").locator(".tpi-answer").inner_text()
    card(page, "A.I.1.i.a").get_by_role("button", name="Konfirmasi jawaban ini untuk tahun ini").click()
    expect(page.get_by_text("1 jawaban dikonfirmasi untuk tahun ini")).to_be_visible()
    expect(card(page, "A.I.1.i.a").locator(".carried")).to_have_count(0)
    page.get_by_role("button", name="Konfirmasi semua di bagian ini").click()
    expect(page.get_by_text("2 jawaban dikonfirmasi untuk tahun ini")).to_be_visible()
    expect(page.locator(".carried")).to_have_count(0)
    # the evidence for A.I.1.i.b, found by searching the unit's files
    answer = card(page, "A.I.1.i.b")
    assert answer.locator(".unsupported").count() == 1
    searched = lambda response: "cari-bukti" in response.url and "q=seleksi" in response.url  # noqa: E731
    with page.expect_response(searched):  # typing searches by itself, 400 ms after the last key
        answer.get_by_label("Cari berkas unit (nama, indikator, langkah, atau tanggal)").fill("seleksi")
    with page.expect_response(searched):  # and so does the button
        answer.get_by_role("button", name="Cari", exact=True).click()
    page.wait_for_function("() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')")
    expect(answer.locator(".evidence-results .form-check")).to_have_count(1)  # the list replaced
    answer.get_by_label("Berita acara seleksi anggota tim").check()
    answer.get_by_role("button", name="Simpan jawaban").click()
    expect(page.get_by_text("Jawaban A.I.1.i.b disimpan")).to_be_visible()
    expect(card(page, "A.I.1.i.b").locator(".unsupported")).to_have_count(0)

    page.goto(f"/lke/{new.pk}/")
    page.get_by_role("link", name="Kirim ke TPI").click()
    expect(page.locator("#unanswered")).to_contain_text("110 pertanyaan belum dijawab")
    unsupported = page.locator("#unsupported").inner_text()
    assert "1 jawaban tanpa bukti" in unsupported and "A.I.1.ii.a" in unsupported
    page.get_by_role("button", name="Ya, kirim ke TPI").click()
    expect(page.get_by_text("Dikirim ke TPI.")).to_be_visible()
    assert page.locator("#total-tpi").inner_text() == "–"
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url("**/akun/masuk/")  # its answer deletes the cookie: before the next sign-in's

    browser_login(page, "tpi", to=f"/lke/{new.pk}/")
    page.get_by_role("button", name="Finalkan").click()
    expect(page.get_by_text("3 pertanyaan belum direviu: A.I.1.i.a, A.I.1.i.b, A.I.1.ii.a")).to_be_visible()
    page.goto(f"/lke/{new.pk}/bagian/A.I.1/")
    assert card(page, "A.I.1.i.b").get_by_label("Jawaban").input_value() == ""  # nothing pre-filled
    answer = card(page, "A.I.1.i.b")
    answer.get_by_label("Jawaban").select_option("B")
    answer.get_by_label("Catatan reviu").fill("Seleksi hanya sebagian unsur")
    answer.get_by_role("button", name="Simpan jawaban").click()
    expect(page.get_by_text("Jawaban A.I.1.i.b disimpan")).to_be_visible()
    page.goto(f"/lke/{new.pk}/")
    assert "1 dari 3 pertanyaan sudah direviu" in page.locator("#tpi-progress").inner_text()
    page.get_by_role("button", name="Finalkan").click()
    expect(page.get_by_text("2 pertanyaan belum direviu")).to_be_visible()
    page.goto(f"/lke/{new.pk}/bagian/A.I.1/")
    page.get_by_role("button", name="Terima jawaban unit yang belum direviu di bagian ini").click()
    expect(page.get_by_text("2 pertanyaan direviu")).to_be_visible()
    page.goto(f"/lke/{new.pk}/")
    page.get_by_role("button", name="Finalkan").click()
    expect(page.get_by_text("Penilaian sudah final")).to_be_visible()
    assert Assessment.objects.get(pk=new.pk).stage == Stage.FINAL
    assert page.locator("#total-tpi").inner_text() != "–"
    assert "sementara" not in page.locator("#criteria-WBK-tpi").inner_text()
