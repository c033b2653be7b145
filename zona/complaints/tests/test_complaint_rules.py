"""Complaint rules (Perpres 76/2013, SP4N-LAPOR!): a confidential reporter's identity, integrity
complaints for the APIP only, hold / not our competence / archive, the LAPOR! status, who may
be assigned."""

import io
import re
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from conftest import body
from zona.cases.models import Case
from zona.cases.services import CaseError, case_assign
from zona.complaints.models import Complaint
from zona.complaints.services import (
    complaint_lapor_record,
    complaint_statistics,
    complaint_step,
    complaint_submit,
    lapor_out_of_step,
)
from zona.orgs.models import Role
from zona.orgs.services import role_grant

REGISTER = "/pengaduan/unit/sumsel/register/"


def register_xlsx(client, capture) -> bytes:
    """Ask for the 2023 register and fetch the file the worker made (in-process in tests)."""
    with capture(execute=True):
        response = client.post(REGISTER, {"dari": "2023-01-01", "sampai": "2023-12-31"})
    return body(client.get(f"{response['Location']}unduh/"))


@pytest.fixture
def desk(cast, units):
    """Two complaint officers, a supervisor and an APIP officer on SUMSEL."""
    role_grant(user=cast["pic"], unit=units["SUMSEL"], role=Role.COMPLAINT_OFFICER)
    role_grant(user=cast["viewer"], unit=units["SUMSEL"], role=Role.COMPLAINT_OFFICER)
    role_grant(user=cast["area_coordinator"], unit=units["SUMSEL"], role=Role.COMPLAINT_SUPERVISOR)
    role_grant(user=cast["reviewer"], unit=units["SUMSEL"], role=Role.APIP)
    return {
        "assigned": cast["pic"],
        "other": cast["viewer"],
        "supervisor": cast["area_coordinator"],
        "apip": cast["reviewer"],
    }


def submit(unit, **extra):
    values = {
        "subject": "Pungutan saat mengurus surat",
        "description": "Diminta uang",
        "category": "perilaku",
        "reporter_name": "Siti Rahasia",
        "reporter_contact": "081299990000",
        "received_on": date(2023, 5, 11),
    }
    values.update(extra)
    return complaint_submit(unit=unit, **values)[0]


def test_a_confidential_identity_is_for_the_assigned_officer_and_the_supervisor(
    client, units, desk, django_capture_on_commit_callbacks
):
    case = submit(units["SUMSEL"], confidential=True)
    case_assign(case=case, officer=desk["assigned"], by=desk["supervisor"])
    for who, sees in (("assigned", True), ("supervisor", True), ("other", False)):
        client.force_login(desk[who])
        page = client.get(reverse("complaints:detail", args=[case.pk])).content.decode()
        assert ("Siti Rahasia" in page) is sees and ("081299990000" in page) is sees, who
        listing = client.get(reverse("complaints:list")).content.decode()
        assert case.number in listing and "Siti Rahasia" not in listing
    client.force_login(desk["supervisor"])  # even the supervisor's export leaves the name out
    export = register_xlsx(client, django_capture_on_commit_callbacks)
    sheet = load_workbook(io.BytesIO(export)).active
    cells = {str(c) for row in sheet.iter_rows(values_only=True) for c in row}
    assert case.number in cells and "dirahasiakan" in cells
    assert "Siti Rahasia" not in cells and "081299990000" not in cells


def test_a_named_reporter_is_in_the_register_and_user_text_stays_text(
    client, units, desk, django_capture_on_commit_callbacks
):
    case = submit(units["SUMSEL"], subject='=HYPERLINK("http://evil","klik")', category="pelayanan")
    client.force_login(desk["other"])
    export = register_xlsx(client, django_capture_on_commit_callbacks)
    sheet = load_workbook(io.BytesIO(export)).active
    row = [c for c in sheet.iter_rows(min_row=2, max_row=2)][0]
    subject = next(c for c in row if str(c.value).startswith("=HYPERLINK"))
    assert subject.data_type == "s"  # a string, never a formula
    assert any(c.value == "Siti Rahasia" for c in row) and case.number == row[0].value


def test_integrity_complaints_go_to_the_apip_only(client, units, desk):
    integrity = submit(units["SUMSEL"], category="integritas")
    ordinary = submit(units["SUMSEL"], category="pelayanan")
    for who in ("assigned", "supervisor"):
        client.force_login(desk[who])
        assert client.get(reverse("complaints:detail", args=[integrity.pk])).status_code == 404
        listing = client.get(reverse("complaints:list")).content.decode()
        assert integrity.number not in listing and ordinary.number in listing
        response = client.post(
            reverse("complaints:step", args=[integrity.pk]), {"action": "reject", "reason": "x"}
        )
        assert response.status_code == 404
    assert Case.objects.get(pk=integrity.pk).state == "diterima"
    client.force_login(desk["apip"])
    assert client.get(reverse("complaints:detail", args=[integrity.pk])).status_code == 200
    listing = client.get(reverse("complaints:list")).content.decode()
    assert integrity.number in listing and ordinary.number not in listing
    client.post(
        reverse("complaints:step", args=[integrity.pk]),
        {"action": "verify", "complaint_type": "berkadar_pengawasan"},
    )
    assert Case.objects.get(pk=integrity.pk).state == "verifikasi"
    with pytest.raises(CaseError, match="tidak menangani"):  # an ordinary officer can't be given it
        case_assign(case=integrity, officer=desk["assigned"], by=desk["apip"])
    case_assign(case=integrity, officer=desk["apip"], by=desk["apip"])


def test_hold_not_our_competence_and_archive_are_counted_apart(units, desk):
    officer = desk["assigned"]
    held, forwarded, archived, rejected, done = (
        submit(units["SUMSEL"], category="pelayanan") for _ in range(5)
    )
    held = complaint_step(case=held, action="postpone", reason="Mohon lengkapi lokasi", by=officer)
    assert held.state == "ditunda" and held.due_on is None
    assert held.messages.get().text == "Mohon lengkapi lokasi"
    with pytest.raises(CaseError, match="instansi"):
        complaint_step(case=forwarded, action="forward", reason="Kewenangan Disdukcapil", by=officer)
    complaint_step(
        case=forwarded,
        action="forward",
        reason="Kewenangan Disdukcapil",
        agency="Dinas Dukcapil Kota Palembang",
        forwarded_on=date(2023, 5, 12),
        by=officer,
    )
    complaint = Complaint.objects.get(case=forwarded)
    assert (complaint.forwarded_to, complaint.forwarded_on) == (
        "Dinas Dukcapil Kota Palembang",
        date(2023, 5, 12),
    )
    complaint_step(case=archived, action="archive", reason="Laporan ganda", by=officer)
    complaint_step(case=rejected, action="reject", reason="Tidak jelas", by=officer)
    complaint_step(case=done, action="verify", complaint_type="ringan", by=officer)
    resumed = complaint_step(case=held, action="verify", complaint_type="normatif", by=officer)
    assert resumed.state == "verifikasi"
    stats = complaint_statistics(units=[units["SUMSEL"]], start=date(2023, 1, 1), end=date(2023, 12, 31))
    assert (stats.received, stats.rejected, stats.forwarded, stats.archived) == (5, 1, 1, 1)
    assert stats.must_follow_up == 2 and stats.in_process == 2


def test_the_lapor_status_is_recorded_by_hand_and_checked_against_zona(client, units, desk):
    case = submit(units["SUMSEL"], channel="lapor", lapor_id="LPR-2023-77", category="pelayanan")
    complaint = Complaint.objects.get(case=case)
    assert complaint.lapor_status == "belum_terverifikasi" and not lapor_out_of_step(complaint)
    complaint_step(case=case, action="verify", complaint_type="ringan", by=desk["assigned"])
    complaint = Complaint.objects.select_related("case").get(case=case)
    assert lapor_out_of_step(complaint)  # Zona verified it; LAPOR! still shows "not verified"
    client.force_login(desk["assigned"])
    client.post(
        reverse("complaints:lapor", args=[case.pk]),
        {"status": "belum_ditindaklanjuti", "synced_on": "2023-05-12"},
    )
    complaint = Complaint.objects.select_related("case").get(case=case)
    assert (complaint.lapor_status, complaint.lapor_synced_on) == ("belum_ditindaklanjuti", date(2023, 5, 12))
    assert not lapor_out_of_step(complaint)
    assert case.events.filter(action="lapor_synced", public=False).exists()
    other = submit(units["SUMSEL"], category="pelayanan")
    with pytest.raises(CaseError, match="nomor lacak"):
        complaint_lapor_record(case=other, status="proses", synced_on=date(2023, 5, 12), by=desk["assigned"])


def test_only_officers_of_the_unit_are_offered_and_accepted(client, cast, units, desk):
    case = submit(units["SUMSEL"], category="pelayanan")
    client.force_login(desk["supervisor"])
    page = client.get(reverse("complaints:detail", args=[case.pk])).content.decode()
    offered = re.search(r'<select[^>]*id="officer">(.*?)</select>', page, re.S).group(1)
    assert f'value="{desk["assigned"].pk}"' in offered
    assert f'value="{cast["coordinator"].pk}"' not in offered  # a role on the unit, but not this one
    response = client.post(reverse("complaints:assign", args=[case.pk]), {"officer": cast["coordinator"].pk})
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).assigned_to is None
    client.post(reverse("complaints:assign", args=[case.pk]), {"officer": "abc"})  # junk: refused, no error
    client.post(reverse("complaints:assign", args=[case.pk]), {"officer": desk["assigned"].pk})
    assert Case.objects.get(pk=case.pk).assigned_to == desk["assigned"]
    with pytest.raises(CaseError):
        case_assign(case=case, officer=cast["outsider"], by=desk["supervisor"])


def test_the_register_is_each_officers_own_file_and_has_a_budget(
    client, units, desk, django_capture_on_commit_callbacks, settings
):
    from zona.evidence.exports import ExportRefused, export_request

    submit(units["SUMSEL"], category="pelayanan")
    submit(units["SUMSEL"], category="pelayanan")
    period = {"start": "2023-01-01", "end": "2023-12-31"}

    def ask(who):
        return export_request(
            kind="complaints.register", obj=units["SUMSEL"], fmt="xlsx", by=desk[who], params=period
        )

    with django_capture_on_commit_callbacks(execute=True):
        made = ask("assigned")
    with django_capture_on_commit_callbacks() as queued:
        theirs, again = ask("other"), ask("other")
    assert theirs.pk == again.pk != made.pk and len(queued) == 1  # one file per person, asked once
    assert not theirs.file  # never another officer's file
    settings.ZONA_EXPORT_MAX_ROWS = 1
    with pytest.raises(ExportRefused, match="2"):
        ask("supervisor")
    client.force_login(desk["supervisor"])
    page = client.post(REGISTER, {"dari": "2023-01-01", "sampai": "2023-12-31"}, follow=True)
    assert "2" in page.content.decode() and "Register pengaduan" in page.content.decode()
