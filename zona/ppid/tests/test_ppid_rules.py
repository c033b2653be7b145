"""The PPID rules that a real officer meets in the first weeks (UU 14/2008, Perki 1/2021):
the extension window, the consequence test, requests and keberatan recorded by staff, delivery
and the service time, the itemised fee, the notice by e-mail, the disputes register and the
annual report with its due date, and exempt documents kept from the rest of the unit."""

import io
from datetime import date
from decimal import Decimal

import pdfplumber
import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import make_user
from zona.cases.models import Case
from zona.cases.services import CaseError, is_overdue
from zona.orgs.models import Role
from zona.orgs.services import role_grant
from zona.ppid import report as report_module
from zona.ppid.exporters import annual_report_pdf, notice_pdf
from zona.ppid.models import Channel, InfoCategory, InformationRequest
from zona.ppid.objections import (
    dispute_record,
    dispute_update,
    objection_answer,
    objection_file,
)
from zona.ppid.report import (
    annual_report,
    report_due,
    report_submitted,
    report_text_save,
    reports_remind,
)
from zona.ppid.services import (
    dip_item_create,
    request_decide,
    request_deliver,
    request_extend,
)
from zona.ppid.tests import factories
from zona.ppid.tests.factories import PDF


def submit(unit, received_on=date(2024, 4, 5), **extra):
    return factories.submit(unit, received_on, **extra)


def pdf_text(content: bytes) -> str:
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)


def test_an_extension_after_the_ten_working_days_is_refused_and_the_request_is_late(units, officer):
    # Received Friday 5 April 2024; Idul Fitri 8–15 April off → due Monday 29 April.
    case, _ = submit(units["SUMSEL"])
    assert case.due_on == date(2024, 4, 29)
    with pytest.raises(CaseError, match="10 hari kerja pertama.*29-04-2024"):
        request_extend(case=case, reason="Arsip di gudang", by=officer, today=date(2024, 5, 20))
    case.refresh_from_db()
    assert case.state == "diterima" and case.due_on == date(2024, 4, 29)  # nothing moved
    assert is_overdue(case, date(2024, 5, 20))
    extended = request_extend(case=case, reason="Arsip di gudang", by=officer, today=date(2024, 4, 29))
    # 17 working days: 1, 9 and 10 May are off (Hari Buruh, Kenaikan Yesus Kristus, cuti bersama)
    assert extended.state == "diperpanjang" and extended.due_on == date(2024, 5, 13)


def test_a_refusal_on_exemption_may_rest_on_the_dip_entrys_consequence_test(units, officer, cast):
    exempt = dip_item_create(
        unit=units["SUMSEL"],
        title="Data pribadi pemilih (NIK, KK)",
        category=InfoCategory.EXEMPT,
        updated_on=date(2024, 1, 2),
        exemption_basis="Ps 17 huruf h",
        consequence_test="Membuka NIK merugikan pemilih; kepentingan publik terpenuhi oleh rekap.",
        tested_by="Sekretaris KPU Provinsi",
        by=officer,
    )
    foreign = dip_item_create(
        unit=units["JAMBI"],
        title="Lain",
        category=InfoCategory.EXEMPT,
        updated_on=date(2024, 1, 2),
        exemption_basis="Ps 17 h",
        consequence_test="x",
        tested_by="y",
        by=cast["outsider"],
    )
    case, _ = submit(units["SUMSEL"])
    with pytest.raises(CaseError, match="Daftar Informasi Publik unit ini"):
        request_decide(
            case=case, decision="ditolak", info_status="dikuasai", refusal_reason="dikecualikan",
            exempt_item=foreign, by=officer,
        )  # fmt: skip
    request_decide(
        case=case,
        decision="ditolak",
        info_status="dikuasai",
        refusal_reason="dikecualikan",
        exempt_item=exempt,
        by=officer,
        today=date(2024, 4, 15),
    )
    info = InformationRequest.objects.get(case=case)
    assert info.exempt_item == exempt and info.exemption_basis == "Ps 17 huruf h"
    text = pdf_text(notice_pdf(info))
    assert "sebagaimana ditetapkan untuk informasi yang dikecualikan" in text and "Sekretaris KPU" in text


def test_staff_record_a_walk_in_request_and_keberatan_on_the_same_register_and_clock(
    client, units, officer, superior
):
    client.force_login(officer)
    response = client.post(
        reverse("ppid:new", args=["sumsel"]),
        {
            "applicant_type": "perorangan",
            "name": "Pak Darto",
            "address": "Jl. Kolonel Atmo 5",
            "contact": "081234",
            "subject": "Jadwal tahapan",
            "information": "Jadwal tahapan Pilkada",
            "purpose": "Liputan",
            "obtain_method": "melihat",
            "delivery": "langsung",
            "channel": "langsung",
            "received_on": "2024-04-05",
            "identity_checked": "on",
        },
    )
    case = Case.objects.get(kind="ppid")
    assert response.status_code == 302 and response["Location"] == reverse("ppid:detail", args=[case.pk])
    assert case.channel == Channel.DESK and case.received_on == date(2024, 4, 5)
    assert case.due_on == date(2024, 4, 29)  # the same 10 working days from the day received
    info = case.ppid
    assert info.identity is None and info.identity_checked
    page = client.get(reverse("ppid:registers", args=["sumsel"]) + "?tahun=2024").content.decode()
    assert case.number in page and "langsung" in page
    request_decide(
        case=case, decision="ditolak", info_status="tidak_dikuasai", refusal_reason="tidak_dikuasai",
        by=officer, today=date(2024, 4, 10),
    )  # fmt: skip
    client.post(
        reverse("ppid:objection_new", args=[case.pk]),
        {
            "grounds": ["e"],
            "case_position": "Informasi ada di KPU",
            "channel": "surat",
            "received_on": "2024-04-12",
        },
    )
    objection = info.objections.get()
    assert objection.channel == "surat" and objection.received_on == date(2024, 4, 12)
    # 30 working days from the day received (1, 9, 10, 23, 24 May off) → 3 June
    assert objection.response_due == date(2024, 6, 3)
    assert objection.created_by == officer


def test_the_public_form_and_staff_need_what_they_need(units, officer):
    with pytest.raises(CaseError, match="petugas"):
        submit(units["SUMSEL"], channel="langsung")  # the public can't claim a desk channel
    with pytest.raises(CaseError, match="identitas"):
        submit(units["SUMSEL"], identity=None, identity_checked=True)  # only staff may vouch
    assert not Case.objects.exists()


def test_delivery_is_recorded_and_the_service_time_runs_to_it(units, officer, monkeypatch):
    case, _ = submit(units["SUMSEL"], received_on=date(2024, 4, 1))
    request_decide(
        case=case, decision="seluruhnya", info_status="dikuasai", by=officer, today=date(2024, 4, 3)
    )
    with pytest.raises(CaseError, match="bukti"):
        request_deliver(case=case, delivered_on=date(2024, 4, 22), via="email", by=officer)
    request_deliver(
        case=case,
        delivered_on=date(2024, 4, 22),
        via="pos",
        proof=SimpleUploadedFile("resi.pdf", PDF),
        by=officer,
    )
    info = InformationRequest.objects.get(case=case)
    assert info.delivered_on == date(2024, 4, 22) and info.delivery_proof.download_name == "resi.pdf"
    report = annual_report(unit=units["SUMSEL"], year=2024)
    # 1 → 22 April: 9 working days (Idul Fitri 8–15 April off), within the 10 the workflow sets
    assert report.average_days == 9 and report.on_time == 1
    monkeypatch.setattr(report_module, "service_limits", lambda: (5, 12))  # the limits are read, not typed
    assert annual_report(unit=units["SUMSEL"], year=2024).on_time == 0


def test_the_fee_is_copying_and_sending_only(units, officer):
    case, _ = submit(units["SUMSEL"])
    with pytest.raises(CaseError, match="halaman"):
        request_decide(case=case, decision="seluruhnya", info_status="dikuasai", fee_copy=5000, by=officer)
    with pytest.raises(CaseError, match="negatif"):
        request_decide(case=case, decision="seluruhnya", info_status="dikuasai", fee_sending=-1, by=officer)
    request_decide(
        case=case, decision="seluruhnya", info_status="dikuasai", copy_pages=20, fee_copy=10000,
        fee_sending=15000, payment_method="Transfer bank", by=officer,
    )  # fmt: skip
    info = InformationRequest.objects.get(case=case)
    assert info.fee == Decimal(25000)
    text = pdf_text(notice_pdf(info))
    assert "Rp25000" in text and "penyalinan Rp10000 (20 halaman)" in text and "pengiriman Rp15000" in text


def test_the_applicant_is_told_by_e_mail_when_the_notice_is_issued(
    units, officer, django_capture_on_commit_callbacks
):
    case, code = submit(units["SUMSEL"])
    phone, _ = submit(units["SUMSEL"], contact="0812 3456")
    with django_capture_on_commit_callbacks(execute=True):
        request_decide(case=case, decision="seluruhnya", info_status="dikuasai", by=officer)
        request_decide(case=phone, decision="seluruhnya", info_status="dikuasai", by=officer)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["budi@example.org"] and case.number in message.subject
    assert "/publik/sumsel/ppid/lacak/" in message.body and code not in message.body
    assert case.events.filter(action="notice_emailed").exists()


def test_disputes_and_the_annual_report_with_every_part(units, officer, superior):
    report_text_save(
        unit=units["SUMSEL"],
        year=2024,
        by=officer,
        policy="SK PPID Nomor 5/2024 dan SOP layanan informasi",
        facilities="Meja layanan informasi, laman e-PPID",
        staff="3 petugas PPID",
        budget="Rp45.000.000 dari DIPA",
        obstacles_internal="Arsip belum digital",
        obstacles_external="Pemohon tidak melengkapi identitas",
        recommendations="Digitalisasi arsip 2025",
    )
    granted, _ = submit(units["SUMSEL"], received_on=date(2024, 3, 1))
    refused, _ = submit(units["SUMSEL"], received_on=date(2024, 3, 4), channel="whatsapp", by=officer)
    request_decide(
        case=granted, decision="seluruhnya", info_status="dikuasai", by=officer, today=date(2024, 3, 5)
    )
    request_deliver(case=granted, delivered_on=date(2024, 3, 7), via="email", note="surel 7/3", by=officer)
    request_decide(
        case=refused, decision="ditolak", info_status="dikuasai", refusal_reason="belum_didokumentasikan",
        by=officer, today=date(2024, 3, 6),
    )  # fmt: skip
    objection = objection_file(
        request=InformationRequest.objects.get(case=refused),
        grounds=["e"],
        case_position="Harus ada",
        received_on=date(2024, 3, 8),
    )
    objection_answer(
        objection=objection, response="Dikuatkan", responder="Sekretaris", outcome="ditolak",
        by=superior, responded_on=date(2024, 3, 20),
    )  # fmt: skip
    dispute = dispute_record(
        objection=objection, commission="Komisi Informasi Provinsi Sumatera Selatan",
        register_number="012/REG-PSI/IV/2024", filed_on=date(2024, 4, 2), by=officer,
    )  # fmt: skip
    with pytest.raises(CaseError, match="putusan"):
        dispute_update(dispute=dispute, stage="putus", by=officer)
    dispute_update(
        dispute=dispute, stage="putus", outcome="mediasi_berhasil", decision="Disepakati rekap",
        decided_on=date(2024, 6, 3), by=officer,
    )  # fmt: skip
    report = annual_report(unit=units["SUMSEL"], year=2024)
    assert (report.requests, report.granted_full, report.refused, report.served) == (2, 1, 1, 2)
    assert report.objection_outcomes == {"Ditolak: keputusan PPID dikuatkan": 1}
    assert report.dispute_outcomes == {"Selesai melalui mediasi": 1}
    assert report.due_on == date(2025, 3, 31) == report_due(2024)
    text = pdf_text(annual_report_pdf(report))
    for part in (
        "1. Gambaran umum kebijakan",
        "2. Pelaksanaan: sarana, sumber daya manusia dan anggaran",
        "3. Rincian layanan informasi publik",
        "4. Rincian keberatan dan sengketa informasi",
        "5. Kendala",
        "6. Rekomendasi dan rencana tindak lanjut",
        "SK PPID Nomor 5/2024",
        "Rp45.000.000",
        "Arsip belum digital",
        "Digitalisasi arsip 2025",
        "012/REG-",
        "Selesai melalui mediasi",
        "31 Maret 2025",
    ):
        assert part in text, part


def test_the_report_due_date_is_tracked_and_reminded_once(units, officer):
    assert reports_remind(today=date(2025, 2, 27)) == 0  # before March: nothing yet
    assert reports_remind(today=date(2025, 3, 3)) == 1
    assert reports_remind(today=date(2025, 3, 10)) == 0  # once per stage
    assert reports_remind(today=date(2025, 4, 1)) == 1  # late
    with pytest.raises(CaseError):
        report_submitted(unit=units["SUMSEL"], year=2024, submitted_on=date(2024, 12, 30), by=officer)
    report_submitted(unit=units["SUMSEL"], year=2024, submitted_on=date(2025, 3, 28), by=officer)
    assert reports_remind(today=date(2025, 4, 2)) == 0
    assert not annual_report(unit=units["SUMSEL"], year=2024).overdue


def test_the_report_reminder_goes_to_who_holds_the_ppid_role_on_the_unit_directly_or_over_it(units):
    """The units with a PPID of their own are reminded; each one's officers are those holding the
    role on it or over it from above (zona.orgs.holders.role_holders), active people only."""
    from zona.notifications.models import Notification

    over = make_user("ppid_sumsel", units["SUMSEL"], Role.PPID_OFFICER, descendants=True)
    make_user("ppid_plg", units["PALEMBANG"], Role.PPID_OFFICER)
    gone = make_user("ppid_lama", units["PALEMBANG"], Role.PPID_OFFICER)
    gone.is_active = False
    gone.save()
    make_user("adu_lahat", units["LAHAT"], Role.COMPLAINT_OFFICER)  # no PPID at Lahat: no report asked
    report_submitted(unit=units["SUMSEL"], year=2024, submitted_on=date(2025, 3, 2), by=over)
    assert reports_remind(today=date(2025, 3, 3)) == 2
    told = sorted(Notification.objects.values_list("user__username", "key"))
    palembang = units["PALEMBANG"].pk
    assert told == [
        ("ppid_plg", f"ppid-report-{palembang}-2024-due"),
        ("ppid_sumsel", f"ppid-report-{palembang}-2024-due"),
    ]


@pytest.mark.parametrize(
    ("role", "unit", "reads"),
    [
        ("ppid", "SUMSEL", True),
        ("atasan", "SUMSEL", True),
        ("coordinator", "SUMSEL", False),
        ("pic", "SUMSEL", False),
        ("reviewer", "SUMSEL", False),
        ("national", "RI", False),
        ("complaints", "SUMSEL", False),
        ("admin", "SUMSEL", False),
    ],
)
def test_an_exempt_document_is_for_the_ppid_only(client, cast, units, role, unit, reads):
    people = {
        "ppid": (cast["viewer"], Role.PPID_OFFICER),
        "atasan": (cast["viewer"], Role.ATASAN_PPID),
        "complaints": (cast["viewer"], Role.COMPLAINT_OFFICER),
    }
    if role in people:
        user, granted = people[role]
        role_grant(user=user, unit=units[unit], role=granted)
    else:
        user = cast[role]
    item = dip_item_create(
        unit=units["SUMSEL"],
        title="Daftar pemilih dengan NIK",
        category=InfoCategory.EXEMPT,
        updated_on=date(2024, 1, 2),
        exemption_basis="Ps 17 h",
        consequence_test="Data pribadi",
        tested_by="Atasan PPID",
        upload=SimpleUploadedFile("dpt.pdf", PDF),
        by=cast["admin"],
    )
    client.force_login(user)
    version = item.document.versions.get()
    for url in (
        reverse("evidence:download", args=[version.pk]),
        reverse("evidence:download_current", args=[item.document_id]),
    ):
        response = client.get(url)
        assert response.status_code == (200 if reads else 404)
        if reads:
            assert b"".join(response.streaming_content) == PDF
    client.logout()
    assert client.get(reverse("ppid_public:dip_file", args=["sumsel", item.pk])).status_code == 404
