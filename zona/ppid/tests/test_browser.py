"""A PPID request in a real browser: filed with an identity document, extended, refused in part
with the written notice, objected to by the applicant, answered by the PPID superior."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import browser_login
from zona.orgs.models import Role
from zona.orgs.services import role_grant
from zona.ppid.models import Objection

pytestmark = pytest.mark.browser
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def track(page, number: str, code: str) -> None:
    page.goto("/publik/sumsel/ppid/lacak/")
    page.get_by_label("Nomor", exact=True).fill(number)
    page.get_by_label("Kode lacak").fill(code)
    page.get_by_role("button", name="Tampilkan").click()


def test_request_extension_decision_and_keberatan(page, cast, units, tmp_path):
    role_grant(user=cast["pic"], unit=units["SUMSEL"], role=Role.PPID_OFFICER)
    role_grant(user=cast["admin"], unit=units["SUMSEL"], role=Role.ATASAN_PPID)
    ktp = tmp_path / "ktp.pdf"
    ktp.write_bytes(PDF)
    page.goto("/publik/sumsel/ppid/")
    page.get_by_label("Pemohon").select_option("perorangan")
    page.get_by_label("Nama", exact=True).fill("Sari Dewi")
    page.get_by_label("Alamat").fill("Jl. Sudirman 10, Palembang")
    page.get_by_label("Surel atau telepon").fill("sari@example.org")
    page.get_by_label("Dokumen identitas", exact=False).set_input_files(str(ktp))
    page.get_by_label("Informasi yang dimohon (singkat)").fill("Rekap DPT per kecamatan")
    page.get_by_label("Rincian informasi yang dimohon").fill("Rekapitulasi DPT Pemilu 2024 per kecamatan")
    page.get_by_label("Tujuan penggunaan").fill("Penelitian")
    page.get_by_label("Cara memperoleh informasi").select_option("salinan_soft")
    page.get_by_label("Cara mendapatkan salinan").select_option("email")
    page.get_by_role("button", name="Kirim permohonan").click()
    number = page.locator("#case-number").inner_text()
    code = page.locator("#case-code").inner_text()

    browser_login(page, "pic", to="/ppid/")
    page.get_by_role("link", name=number).click()
    page.locator("#step-extend").get_by_label("Alasan tertulis perpanjangan 7 hari kerja").fill(
        "Data berada di KPU kabupaten/kota"
    )
    page.locator("#step-extend").get_by_role("button", name="Perpanjang 7 hari kerja").click()
    expect(page.locator("#case-state")).to_contain_text("Diperpanjang")
    form = page.locator("#step-decide")
    form.get_by_label("Keputusan").select_option("sebagian")
    form.get_by_label("Status informasi").select_option("dikuasai")
    form.get_by_label("Alasan penolakan").select_option("dikecualikan")
    form.get_by_label("Dasar pengecualian (huruf Ps 17)").fill("Ps 17 huruf h: data pribadi pemilih")
    form.get_by_label("Uji konsekuensi: akibat bila informasi dibuka").fill("NIK pemilih terbuka")
    form.get_by_label("Uji konsekuensi: kepentingan publik yang dipertimbangkan").fill(
        "Rekap tanpa NIK cukup"
    )
    form.get_by_label("Uji konsekuensi diputuskan oleh (nama dan jabatan)").fill("Sekretaris, atasan PPID")
    form.get_by_label("Tanggal uji konsekuensi").fill("2026-01-05")
    form.get_by_label("Jumlah halaman salinan").fill("12")
    form.get_by_label("Biaya penyalinan (Rp)").fill("6000")
    form.get_by_role("button", name="Catat keputusan").click()
    expect(page.locator("#decision")).to_contain_text("Dikabulkan sebagian")
    with page.expect_download() as notice:
        page.get_by_role("link", name="pemberitahuan tertulis (PDF)").click()
    assert notice.value.suggested_filename.endswith(".pdf")
    delivery = page.locator("#deliver")
    delivery.get_by_label("Diserahkan melalui").select_option("email")
    delivery.get_by_label("Bukti (nomor resi, surel terkirim, …)").fill("Surel 12 Januari pukul 10.00")
    delivery.get_by_role("button", name="Simpan penyerahan").click()
    expect(page.locator("#delivered")).to_contain_text("Surel 12 Januari")
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url("**/akun/masuk/")  # its answer deletes the cookie: before the next sign-in's

    track(page, number, code)
    assert "Dikabulkan sebagian" in page.locator("#decision").inner_text()
    page.get_by_label("d. Ditanggapi tidak sebagaimana yang diminta").check()
    page.get_by_label("Kasus posisi").fill("Rekap per kecamatan tidak memuat data pribadi.")
    page.get_by_role("button", name="Kirim keberatan").click()
    expect(page.locator("body")).to_contain_text("KEB/SUMSEL/")
    objection = Objection.objects.get()

    browser_login(page, "admin_unit", to=f"/ppid/{objection.request.case_id}/")
    card = page.locator(f"#objection-{objection.pk}")
    card.get_by_label("Tanggapan", exact=True).fill("Rekap per kecamatan diberikan seluruhnya.")
    card.get_by_label("Nama dan jabatan atasan PPID").fill("Sekretaris KPU Provinsi Sumatera Selatan")
    card.get_by_label("Putusan").select_option("dikabulkan")
    card.get_by_role("button", name="Jawab").click()
    expect(page.locator("body")).to_contain_text("Keberatan sudah ditanggapi")
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url("**/akun/masuk/")

    track(page, number, code)  # UU 14/2008 Ps 37(2): the window starts when the applicant receives it
    assert "setelah menerima tanggapan" in page.locator("#commission-window").inner_text()

    browser_login(page, "admin_unit", to=f"/ppid/{objection.request.case_id}/")
    card = page.locator(f"#objection-{objection.pk}")
    assert "belum dicatat" in card.inner_text()
    card.get_by_label("Pemohon menerima tanggapan pada").fill(f"{timezone.localdate():%d/%m/%Y}")
    card.get_by_role("button", name="Catat penerimaan").click()
    expect(page.locator("body")).to_contain_text("Penerimaan tanggapan dicatat")
    objection.refresh_from_db()
    assert objection.answer_received_on == timezone.localdate() and objection.commission_deadline
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url("**/akun/masuk/")

    track(page, number, code)
    expect(page.locator("body")).to_contain_text("Rekap per kecamatan diberikan seluruhnya.")
    assert "Komisi Informasi sampai" in page.locator("#commission-window").inner_text()
