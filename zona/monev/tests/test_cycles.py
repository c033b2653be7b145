"""Cycles, reports, snapshots, findings carried over, meetings and teams."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from zona.monev.models import CycleStatus, Team, TeamKind
from zona.monev.services import (
    MonevError,
    cycle_close,
    cycle_open,
    finding_close,
    finding_create,
    meeting_create,
    step_report,
    team_member_add,
    team_save,
)
from zona.monev.snapshot import cycle_data
from zona.plans.models import ActionStep, Indicator

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def steps(seed_plan):
    return list(ActionStep.objects.filter(indicator__component__area__plan=seed_plan).order_by("pk"))


def test_one_open_cycle_at_a_time_and_one_per_quarter(seed_plan, cast):
    q1 = cycle_open(plan=seed_plan, quarter=1, by=cast["coordinator"])
    with pytest.raises(MonevError, match="Tutup siklus"):
        cycle_open(plan=seed_plan, quarter=2, by=cast["coordinator"])
    cycle_close(cycle=q1, by=cast["coordinator"])
    with pytest.raises(MonevError, match="sudah memiliki siklus"):
        cycle_open(plan=seed_plan, quarter=1, by=cast["coordinator"])
    with pytest.raises(MonevError):
        cycle_open(plan=seed_plan, quarter=5, by=cast["coordinator"])


def test_report_done_marks_the_step_done_and_other_status_reopens(seed_plan, cast, steps):
    cycle = cycle_open(plan=seed_plan, quarter=1, by=cast["coordinator"])
    report = step_report(cycle=cycle, step=steps[0], status="selesai", progress=10, note="", by=cast["pic"])
    steps[0].refresh_from_db()
    assert report.progress == 100 and steps[0].is_done
    step_report(
        cycle=cycle,
        step=steps[0],
        status="terkendala",
        progress=60,
        note="anggaran",
        by=cast["pic"],
        reason="anggaran belum cair",
    )
    steps[0].refresh_from_db()
    assert not steps[0].is_done
    with pytest.raises(MonevError, match="Selesai"):
        step_report(cycle=cycle, step=steps[0], status="berjalan", progress=100, note="", by=cast["pic"])


def test_a_closed_cycle_is_a_frozen_snapshot(seed_plan, cast, steps):
    q1 = cycle_open(plan=seed_plan, quarter=1, by=cast["coordinator"])
    step_report(cycle=q1, step=steps[0], status="berjalan", progress=40, note="rapat pertama", by=cast["pic"])
    q1 = cycle_close(cycle=q1, by=cast["coordinator"], summary="TW I")
    frozen = cycle_data(q1)
    assert frozen["summary"] == "TW I"
    # the plan changes afterwards: text, step done, a new report in Q2
    ActionStep.objects.filter(pk=steps[0].pk).update(text="Diubah sesudah TW I")
    Indicator.objects.filter(pk=steps[0].indicator_id).update(text="Indikator diubah")
    q2 = cycle_open(plan=seed_plan, quarter=2, by=cast["coordinator"])
    step_report(cycle=q2, step=steps[0], status="selesai", progress=100, note="", by=cast["pic"])
    q1.refresh_from_db()
    again = cycle_data(q1)
    assert again == frozen
    first = again["areas"][0]["components"][0]["indicators"][0]
    assert first["text"] != "Indikator diubah"
    assert first["steps"][0]["status"] == "berjalan" and first["steps"][0]["progress"] == 40
    assert q1.status == CycleStatus.CLOSED and q1.progress == pytest.approx(again["progress"])
    with pytest.raises(MonevError, match="ditutup"):
        step_report(cycle=q1, step=steps[1], status="berjalan", progress=10, note="", by=cast["pic"])
    live = cycle_data(q2)
    assert live["areas"][0]["components"][0]["indicators"][0]["text"] == "Indikator diubah"
    assert live["progress"] > again["progress"]


def test_findings_stay_open_across_cycles_until_closed_with_evidence(client, seed_plan, cast, units):
    from zona.evidence.services import evidence_create_file

    q1 = cycle_open(plan=seed_plan, quarter=1, by=cast["coordinator"])
    meeting = meeting_create(
        plan=seed_plan,
        date=date(2023, 3, 30),
        title="Rapat evaluasi TW I",
        attendees=[cast["pic"]],
        by=cast["coordinator"],
        cycle=q1,
    )
    finding = finding_create(
        plan=seed_plan,
        title="SOP belum direviu",
        owner=cast["pic"],
        due_date=date(2023, 5, 31),
        meeting=meeting,
        by=cast["reviewer"],
        cycle=q1,
    )
    cycle_close(cycle=q1, by=cast["coordinator"])
    q2 = cycle_open(plan=seed_plan, quarter=2, by=cast["coordinator"])
    client.force_login(cast["coordinator"])
    page = client.get(reverse("monev:cycle", args=[q2.pk])).content.decode()
    open_section = page[page.index('id="open-findings"') : page.index("Kemajuan per area")]
    assert "SOP belum direviu" in open_section
    with pytest.raises(MonevError, match="bukti"):
        finding_close(finding=finding, follow_up="SOP direviu", by=cast["pic"])
    item = evidence_create_file(
        unit=units["SUMSEL"], title="BA reviu SOP", upload=SimpleUploadedFile("ba.pdf", PDF), by=cast["pic"]
    )
    with pytest.raises(MonevError, match="tindak lanjut"):
        finding_close(finding=finding, follow_up=" ", by=cast["pic"], evidence=[item])
    finding_close(finding=finding, follow_up="SOP direviu", by=cast["pic"], evidence=[item])
    page = client.get(reverse("monev:cycle", args=[q2.pk])).content.decode()
    open_section = page[page.index('id="open-findings"') : page.index("Kemajuan per area")]
    assert "SOP belum direviu" not in open_section


def test_finding_owner_must_belong_to_the_unit(seed_plan, cast):
    with pytest.raises(MonevError):
        finding_create(
            plan=seed_plan, title="x", owner=cast["outsider"], due_date=date(2023, 5, 1), by=cast["reviewer"]
        )


def test_meeting_documents_and_team(client, seed_plan, cast, units):
    meeting = meeting_create(plan=seed_plan, date=date(2023, 3, 30), title="Rapat", by=cast["coordinator"])
    client.force_login(cast["coordinator"])
    for kind in ("undangan", "daftar_hadir", "notulen"):
        client.post(
            reverse("monev:meeting_document", args=[meeting.pk]),
            {"kind": kind, "file": SimpleUploadedFile(f"{kind}.pdf", PDF)},
        )
    assert sorted(meeting.documents.values_list("kind", flat=True)) == ["daftar_hadir", "notulen", "undangan"]
    response = client.post(
        reverse("monev:teams", args=["sumsel"]),
        {
            "kind": TeamKind.WORK_TEAM,
            "decree_number": "22 TAHUN 2023",
            "period_start": "2023-01-01",
            "period_end": "2023-12-31",
            "decree_file": SimpleUploadedFile("sk22.pdf", PDF),
        },
    )
    assert response.status_code == 302
    team = Team.objects.get()
    assert team.decree.versions.get().original_name == "sk22.pdf"
    team_member_add(team=team, name="Amrah", team_role="Ketua", position="Ketua KPU", by=cast["coordinator"])
    page = client.get(reverse("monev:teams", args=["sumsel"])).content.decode()
    assert "Amrah" in page and "22 TAHUN 2023" in page
    with pytest.raises(ValidationError, match="team_period_ordered"):  # a period that ends before it starts
        team_save(
            team=Team(
                unit=units["SUMSEL"],
                kind=TeamKind.CHANGE_AGENTS,
                period_start=date(2023, 5, 1),
                period_end=date(2023, 1, 1),
            ),
            by=cast["coordinator"],
        )


@pytest.mark.parametrize("quarter", ["abc", "", "9" * 30, "2.5"])
def test_a_junk_quarter_gets_the_quarters_rule_and_opens_nothing(client, seed_plan, cast, quarter):
    client.force_login(cast["coordinator"])
    response = client.post(
        reverse("monev:cycle_open", args=[seed_plan.pk]), {"quarter": quarter}, follow=True
    )
    assert "Triwulan harus 1 sampai 4." in response.content.decode()
    assert not seed_plan.cycles.exists()


def test_an_opened_cycle_leads_to_its_page(client, seed_plan, cast):
    client.force_login(cast["coordinator"])
    response = client.post(reverse("monev:cycle_open", args=[seed_plan.pk]), {"quarter": "2"})
    cycle = seed_plan.cycles.get()
    assert cycle.quarter == 2 and response["Location"] == reverse("monev:cycle", args=[cycle.pk])
