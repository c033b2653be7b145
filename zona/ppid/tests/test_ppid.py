"""PPID: deadlines (domain.md 3.1), decisions, the written notice, keberatan grounds and windows
(3.2), the registers and annual report (3.5–3.7), the DIP (3.3), access."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from zona.cases.models import Case
from zona.cases.services import CaseError
from zona.ppid.exporters import annual_report_xlsx, notice_pdf
from zona.ppid.models import InfoCategory, InformationItem, InformationRequest
from zona.ppid.objections import (
    commission_window,
    objection_answer,
    objection_answer_received,
    objection_file,
)
from zona.ppid.report import annual_report
from zona.ppid.services import (
    is_stale,
    request_decide,
    request_deliver,
    request_extend,
)
from zona.ppid.tests.factories import PDF, submit
from zona.workdays.services import add_working_days

CONSEQUENCE = {
    "consequence_harm": "Membuka NIK pemilih merugikan hak atas perlindungan data pribadi",
    "consequence_public_interest": "Kepentingan publik terpenuhi oleh rekap tanpa NIK",
    "consequence_decided_by": "Sekretaris KPU Provinsi, atasan PPID",
    "consequence_decided_on": date(2024, 4, 19),
}


def test_ten_working_days_then_seven_more(units, officer):
    case, code = submit(units["SUMSEL"])
    assert case.number == "PPID/SUMSEL/2024/000001" and len(code) == 10
    assert case.due_on == date(2024, 4, 23)  # 10 hari kerja across Idul Fitri 2024
    with pytest.raises(CaseError, match="alasan"):
        request_extend(case=case, reason="", by=officer, today=date(2024, 4, 2))
    case = request_extend(case=case, reason="Dokumen di gudang arsip", by=officer, today=date(2024, 4, 2))
    assert case.state == "diperpanjang" and case.due_on == date(2024, 5, 3)  # 17 in all (1 May off)
    with pytest.raises(CaseError):
        request_extend(case=case, reason="Lagi", by=officer, today=date(2024, 4, 3))  # once only


def test_identity_document_is_required_and_checked(units):
    with pytest.raises(CaseError, match="identitas"):
        submit(units["SUMSEL"], identity=None)
    assert not Case.objects.exists()


def test_decisions_need_their_legal_reasons(units, officer):
    case, _ = submit(units["SUMSEL"])
    with pytest.raises(CaseError, match="alasan"):
        request_decide(case=case, decision="ditolak", info_status="dikuasai", by=officer)
    with pytest.raises(CaseError, match="Pasal 17"):
        request_decide(
            case=case, decision="sebagian", info_status="dikuasai", refusal_reason="dikecualikan", by=officer
        )
    with pytest.raises(CaseError, match="uji konsekuensi"):  # the Pasal 17 letter alone is not enough
        request_decide(
            case=case,
            decision="sebagian",
            info_status="dikuasai",
            refusal_reason="dikecualikan",
            exemption_basis="Ps 17 huruf h (data pribadi)",
            by=officer,
        )
    case = request_decide(
        case=case,
        decision="sebagian",
        info_status="dikuasai",
        refusal_reason="dikecualikan",
        exemption_basis="Ps 17 huruf h (data pribadi)",
        by=officer,
        today=date(2024, 4, 22),
        **CONSEQUENCE,
    )
    info = InformationRequest.objects.get(case=case)
    assert case.state == "diputuskan" and info.notice_on == date(2024, 4, 22)
    import pdfplumber

    with pdfplumber.open(io.BytesIO(notice_pdf(info))) as pdf:
        text = pdf.pages[0].extract_text()
    text = " ".join(text.split())
    assert "PEMBERITAHUAN TERTULIS" in text and "Dikabulkan sebagian" in text and "Ps 17 huruf h" in text
    assert "akibat yang timbul bila dibuka" in text and "perlindungan data pribadi" in text
    assert "kepentingan publik yang dipertimbangkan" in text and "19 April 2024" in text


def test_keberatan_grounds_windows_and_answer(units, officer, superior):
    case, _ = submit(units["SUMSEL"])
    info = InformationRequest.objects.get(case=case)
    with pytest.raises(CaseError, match="belum lewat"):
        objection_file(
            request=info, grounds=["c"], case_position="Belum dijawab", received_on=date(2024, 4, 10)
        )
    with pytest.raises(CaseError, match="tidak dijawab"):
        objection_file(request=info, grounds=["f"], case_position="Biaya", received_on=date(2024, 4, 25))
    late = objection_file(
        request=info, grounds=["c"], case_position="Tidak ada jawaban", received_on=date(2024, 4, 25)
    )
    assert late.number == "KEB/SUMSEL/2024/000001"
    assert late.response_due == date(2024, 6, 13)  # 30 hari kerja: May has 1, 9, 10, 23, 24 off
    request_decide(
        case=case,
        decision="ditolak",
        info_status="dikuasai",
        refusal_reason="dikecualikan",
        exemption_basis="Ps 17 huruf h",
        by=officer,
        today=date(2024, 4, 26),
        **CONSEQUENCE,
    )
    info.refresh_from_db()
    with pytest.raises(CaseError, match="Pasal 35"):
        objection_file(request=info, grounds=["z"], case_position="x", received_on=date(2024, 5, 1))
    with pytest.raises(CaseError, match="30 hari kerja"):
        objection_file(request=info, grounds=["a"], case_position="x", received_on=date(2024, 6, 20))
    objection = objection_file(
        request=info, grounds=["a", "a"], case_position="Bukan data pribadi", received_on=date(2024, 5, 2)
    )
    assert objection.grounds == ["a"]
    unanswered_until = add_working_days(objection.response_due, 14)
    assert objection.response_due == add_working_days(date(2024, 5, 2), 30)
    assert commission_window(objection) == unanswered_until  # 14 hari kerja after the 30 unanswered
    objection_answer(
        objection=objection,
        response="Keputusan PPID dikuatkan",
        responder="Sekretaris, atasan PPID",
        outcome="ditolak",
        by=superior,
        responded_on=date(2024, 5, 20),
    )
    # UU 14/2008 Ps 37(2): 14 hari kerja after the applicant *received* the answer; not known yet
    assert objection.commission_deadline is None and commission_window(objection) is None
    with pytest.raises(CaseError):
        objection_answer_received(objection=objection, received_on=date(2024, 5, 19), by=superior)
    objection_answer_received(objection=objection, received_on=date(2024, 5, 27), by=superior)
    assert objection.commission_deadline == add_working_days(date(2024, 5, 27), 14)  # from the receipt
    assert commission_window(objection) == objection.commission_deadline < unanswered_until
    with pytest.raises(CaseError, match="sudah ditanggapi"):
        objection_answer(objection=objection, response="x", responder="y", outcome="ditolak", by=superior)


def test_annual_report_figures_from_a_fixed_set(units, officer):
    cases = [submit(units["SUMSEL"])[0] for _ in range(4)]
    request_decide(
        case=cases[0], decision="seluruhnya", info_status="dikuasai", by=officer, today=date(2024, 4, 5)
    )
    request_deliver(case=cases[0], delivered_on=date(2024, 4, 16), via="email", note="surel", by=officer)
    request_decide(
        case=cases[1],
        decision="ditolak",
        info_status="tidak_dikuasai",
        refusal_reason="tidak_dikuasai",
        holder="Bawaslu",
        by=officer,
        today=date(2024, 4, 30),
    )  # late: 15 > 10, served at the notice (nothing to deliver)
    request_extend(case=cases[2], reason="Arsip", by=officer, today=date(2024, 4, 2))
    request_decide(
        case=Case.objects.get(pk=cases[2].pk),
        decision="sebagian",
        info_status="dikuasai",
        refusal_reason="belum_didokumentasikan",
        by=officer,
        today=date(2024, 4, 30),
    )  # granted in part, not delivered yet: not served
    report = annual_report(unit=units["SUMSEL"], year=2024)
    assert (
        report.requests,
        report.granted_full,
        report.granted_partial,
        report.refused,
        report.undecided,
        report.awaiting_delivery,
    ) == (4, 1, 1, 1, 1, 1)
    # 1 → 16 April (delivery): 5 working days (Idul Fitri 8–15 April off); 1 → 30 April: 15
    assert report.served == 2 and report.on_time == 1
    assert report.average_days == pytest.approx((5 + 15) / 2)
    book = load_workbook(io.BytesIO(annual_report_xlsx(report))).active
    values = {row[0]: row[1] for row in book.iter_rows(min_row=3, values_only=True)}
    assert values["Jumlah permohonan"] == 4 and values["Ditolak"] == 1


def test_dip_categories_staleness_and_consequence_test(client, units, officer):
    InformationItem.objects.create(
        unit=units["SUMSEL"],
        title="Laporan keuangan",
        category=InfoCategory.PERIODIC,
        updated_on=date(2024, 1, 10),
    )
    InformationItem.objects.create(
        unit=units["SUMSEL"],
        title="Data pribadi pemilih",
        category=InfoCategory.EXEMPT,
        updated_on=date(2024, 1, 10),
        exemption_basis="Ps 17 h",
        consequence_test="Membuka data pribadi",
        tested_by="Atasan PPID",
    )
    item = InformationItem.objects.get(title="Laporan keuangan")
    assert not is_stale(item, date(2024, 7, 10)) and is_stale(item, date(2024, 7, 11))
    page = client.get(reverse("ppid_public:dip", args=["sumsel"])).content.decode()
    assert "Laporan keuangan" in page and "Data pribadi pemilih" not in page
    client.force_login(officer)
    response = client.post(
        reverse("ppid:dip", args=["sumsel"]),
        {"title": "Dikecualikan tanpa uji", "category": "dikecualikan", "updated_on": "2024-01-01"},
    )
    assert "uji konsekuensi" in response.content.decode()
    assert InformationItem.objects.count() == 2


def test_public_tracking_and_objection_through_the_portal(client, units, officer):
    url = reverse("ppid_public:form", args=["sumsel"])
    page = client.post(
        url,
        {
            "applicant_type": "perorangan",
            "name": "Sari",
            "address": "Jl. A",
            "contact": "0812",
            "subject": "Anggaran",
            "information": "RKA 2024",
            "purpose": "Pengawasan",
            "obtain_method": "melihat",
            "delivery": "langsung",
            "identity": SimpleUploadedFile("ktp.pdf", PDF),
        },
    )
    code = page.context["code"]
    case = Case.objects.get()
    assert "PPID/SUMSEL/" in page.content.decode()
    track = reverse("ppid_public:track", args=["sumsel"])
    assert "Diterima" in client.post(track, {"number": case.number, "code": code}).content.decode()
    assert "Tidak ada yang cocok" in client.post(track, {"number": case.number, "code": "X"}).content.decode()
    request_decide(
        case=case,
        decision="ditolak",
        info_status="dikuasai",
        refusal_reason="dikecualikan",
        exemption_basis="Ps 17 huruf b",
        by=officer,
        **CONSEQUENCE,
    )
    notice = client.post(track, {"number": case.number, "code": code, "do": "notice"})
    assert notice["Content-Type"] == "application/pdf"
    shown = client.post(
        track,
        {
            "number": case.number,
            "code": code,
            "do": "object",
            "grounds": ["a"],
            "case_position": "Informasi anggaran bukan rahasia",
        },
    ).content.decode()
    assert "KEB/SUMSEL/" in shown and "Komisi Informasi" in shown


@pytest.mark.parametrize(
    ("role", "status"),
    [("pic", 200), ("admin", 200), ("coordinator", 403), ("child", 404), ("outsider", 404)],
)
def test_staff_access(client, cast, units, officer, role, status):
    case, _ = submit(units["SUMSEL"])
    client.force_login(cast[role])
    response = client.get(reverse("ppid:detail", args=[case.pk]))
    assert response.status_code == status
    assert ("Jl. Merdeka 1, Palembang" in response.content.decode()) is (status == 200)
    listing = client.get(reverse("ppid:list")).content.decode()
    assert (case.number in listing) is (status == 200)
    client.post(reverse("ppid:decide", args=[case.pk]), {"decision": "seluruhnya", "info_status": "dikuasai"})
    assert InformationRequest.objects.get(case=case).decision == ("seluruhnya" if status == 200 else "")


@pytest.mark.parametrize(
    ("role", "status"), [("pic", 200), ("coordinator", 403), ("viewer", 403), ("outsider", 404)]
)
def test_identity_document_is_for_ppid_officers_only(client, cast, units, officer, role, status):
    case, _ = submit(units["SUMSEL"])
    identity = InformationRequest.objects.get(case=case).identity
    client.force_login(cast[role])
    response = client.get(reverse("cases:attachment", args=[identity.pk]))
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == PDF


@pytest.mark.parametrize(
    ("role", "status"),
    [("admin", 302), ("pic", 403), ("coordinator", 403), ("outsider", 404), ("no_role", 404), (None, 302)],
)
def test_only_the_superior_records_the_applicants_receipt(
    client, cast, units, officer, superior, role, status
):
    """UU 14/2008 Ps 37(2): the 14 working days run from the applicant's receipt of the answer; only
    the atasan PPID (here the admin) records it. The effect: the date and the window, or nothing."""
    case, _ = submit(units["SUMSEL"])
    info = InformationRequest.objects.get(case=case)
    objection = objection_file(
        request=info, grounds=["c"], case_position="Tidak ada jawaban", received_on=date(2024, 4, 25)
    )
    objection_answer(
        objection=objection, response="Dijawab", responder="Sekretaris", outcome="ditolak", by=superior,
        responded_on=date(2024, 5, 20),
    )  # fmt: skip
    if role:
        client.force_login(cast[role])
    response = client.post(
        reverse("ppid:answer_received", args=[objection.pk]), {"received_on": "22/05/2024"}
    )
    assert response.status_code == status
    objection.refresh_from_db()
    if role == "admin":
        assert objection.answer_received_on == date(2024, 5, 22)
        assert objection.commission_deadline == add_working_days(date(2024, 5, 22), 14)
    else:
        assert objection.answer_received_on is None and objection.commission_deadline is None
        if role is None:
            assert "/akun/masuk/" in response["Location"]
