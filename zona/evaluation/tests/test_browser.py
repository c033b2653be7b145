"""A real browser: three tiers of the TPI score and approve a unit's LKE; the anggota tim asks the
unit for data, the PIC answers from the start page, the evaluator accepts; the unit's coordinator
sees the released tier's result and nothing of the tier that did not release."""

import pytest
from playwright.sync_api import expect

from conftest import browser_login
from zona.evaluation.models import InformationRequest, RequestState
from zona.lke.models import Stage

pytestmark = pytest.mark.browser


def as_person(page, username: str) -> None:
    page.context.clear_cookies()
    browser_login(page, username)


def take_and_approve(page, board: str) -> None:
    page.goto(board)
    page.locator("#take").click()
    expect(page.locator(".alert-success")).to_contain_text("Jawaban tingkat di bawah diambil")
    page.locator("#approve").click()
    expect(page.locator(".alert-success")).to_contain_text("Jawaban jenjang ini disetujui")


def test_three_tiers_a_request_and_the_released_result(page, assessment, team, cast):
    board = f"/evaluasi/{assessment.pk}/"
    as_person(page, "tpi_anggota")
    page.goto(board)
    page.locator("#take").click()
    expect(page.locator("#q-A-I-1-i-b .tier-cell").first).to_contain_text("A")
    form = page.locator("#form-A-I-1-i-b")
    form.locator("select[name=value]").select_option("B")
    form.locator("input[name=note]").fill("SK tim kerja tanpa seleksi")
    form.get_by_role("button", name="Simpan").click()
    expect(page.locator("#q-A-I-1-i-b .tier-cell").first).to_contain_text("SK tim kerja tanpa seleksi")

    page.locator("#form-A-I-1-i-b").get_by_role("link", name="Minta data ke unit").click()
    raise_form = page.locator("#raise")
    expect(raise_form.locator("#id_ref")).to_have_value("A.I.1.i.b")
    raise_form.locator("textarea[name=text]").fill("Lampirkan berita acara seleksi tim")
    raise_form.get_by_role("button", name="Kirim permintaan ke unit").click()
    expect(page.locator(".alert-success")).to_contain_text("Permintaan dikirim ke unit")

    as_person(page, "pic")
    expect(page.locator("#todo-requests")).to_contain_text("A.I.1.i.b")
    page.locator("#todo-requests a").first.click()
    card = page.locator("article", has_text="Lampirkan berita acara seleksi tim")
    card.locator("textarea[name=answer]").fill("Berita acara terlampir pada bukti A.I.1")
    card.get_by_role("button", name="Kirim jawaban").click()
    expect(page.locator(".alert-success")).to_contain_text("Jawaban dikirim ke evaluator")

    as_person(page, "tpi_anggota")
    page.goto(f"{board}permintaan/")
    card = page.locator("article", has_text="Lampirkan berita acara seleksi tim")
    expect(card).to_contain_text("Berita acara terlampir")
    card.get_by_role("button", name="Terima").click()
    expect(page.locator(".alert-success")).to_contain_text("Jawaban diterima")
    assert InformationRequest.objects.get().state == RequestState.ACCEPTED
    page.goto(board)
    page.locator("#approve").click()
    # the row said "belum disetujui" before: wait for the approval's message first
    expect(page.locator(".alert-success")).to_contain_text("Jawaban jenjang ini disetujui")
    expect(page.locator("#tier-anggota")).to_contain_text("disetujui")
    page.locator("#release").click()
    expect(page.locator("#tier-anggota")).to_contain_text("dirilis ke unit")

    as_person(page, "tpi_ketua")
    take_and_approve(page, board)
    as_person(page, "tpi_pengendali")
    take_and_approve(page, board)
    assessment.refresh_from_db()
    assert assessment.stage == Stage.FINAL

    as_person(page, "koordinator")
    page.goto(board)
    table = page.locator("#side-by-side")
    expect(table).to_contain_text("SK tim kerja tanpa seleksi")
    expect(page.locator("#tiers")).to_contain_text("Anggota Tim")
    expect(page.locator("#tiers")).not_to_contain_text("Ketua Tim")  # approved, never released


def test_a_changed_answer_names_the_approvals_it_cancelled_and_the_board_lists_them(page, assessment, team):
    board = f"/evaluasi/{assessment.pk}/"
    as_person(page, "tpi_anggota")
    take_and_approve(page, board)
    form = page.locator("#form-A-I-2-i-a")
    form.locator("select[name=value]").select_option("C")
    form.locator("input[name=note]").fill("Notula tidak lengkap")
    form.get_by_role("button", name="Simpan").click()
    expect(page.locator(".alert-success")).to_contain_text("Persetujuan Anggota Tim dibatalkan")
    page.locator("#cancelled summary").click()
    row = page.locator("#cancelled .cancelled-approval")
    expect(row).to_contain_text("Anggota Tim")
    expect(row).to_contain_text("A.I.2.i.a: B → C. Notula tidak lengkap")
