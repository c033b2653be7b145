"""Every monev view × every role: 404 when the unit is invisible, 403 when read-only."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import body, check_access
from zona.monev.models import MonevCycle, Team, TeamMember
from zona.monev.services import cycle_open, finding_create, meeting_create
from zona.orgs.permissions import Action
from zona.plans.models import ActionStep

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

MAY = {
    "coordinator": {Action.VIEW, Action.MANAGE_PLAN, Action.REPORT, Action.RECORD_FINDING},
    "admin": {Action.VIEW, Action.MANAGE_PLAN, Action.REPORT, Action.RECORD_FINDING},
    "pic": {Action.VIEW, Action.REPORT},
    "area_coordinator": {Action.VIEW, Action.REPORT},
    "reviewer": {Action.VIEW, Action.RECORD_FINDING},
    "viewer": {Action.VIEW},
    "national": {Action.VIEW},
    "child": set(),
    "outsider": set(),
    "no_role": set(),
}


@pytest.fixture
def world(seed_plan, cast, units):
    cycle = cycle_open(plan=seed_plan, quarter=1, by=cast["coordinator"])
    meeting = meeting_create(
        plan=seed_plan, date=date(2023, 3, 1), title="Rapat evaluasi", by=cast["coordinator"]
    )
    finding = finding_create(
        plan=seed_plan,
        title="Temuan pertama",
        owner=cast["coordinator"],
        due_date=date(2023, 5, 1),
        by=cast["coordinator"],
    )
    team = Team.objects.create(
        unit=units["SUMSEL"], kind="tim_kerja", period_start=date(2023, 1, 1), period_end=date(2023, 12, 31)
    )
    member = TeamMember.objects.create(team=team, name="Anggota Satu", team_role="Anggota")
    agents = Team.objects.create(
        unit=units["SUMSEL"],
        kind="agen_perubahan",
        period_start=date(2023, 1, 1),
        period_end=date(2023, 12, 31),
    )
    agent = TeamMember.objects.create(team=agents, name="Agen", team_role="Agen perubahan")
    step = ActionStep.objects.filter(indicator__component__area__plan=seed_plan).first()
    return locals()


def shows(text: str):
    return lambda response: text.encode() in body(response)


def requests(w):
    """(name, method, url, data, action needed, effect: the data shown / the state changed)"""
    plan, cycle, meeting, finding = w["seed_plan"], w["cycle"], w["meeting"], w["finding"]
    step, team, member = w["step"], w["team"], w["member"]
    return [
        ("plan", "get", reverse("monev:plan", args=[plan.pk]), None, Action.VIEW, shows("Temuan pertama")),
        ("cycle", "get", reverse("monev:cycle", args=[cycle.pk]), None, Action.VIEW, shows(step.text[:40])),
        (
            "meeting",
            "get",
            reverse("monev:meeting", args=[meeting.pk]),
            None,
            Action.VIEW,
            shows("Rapat evaluasi"),
        ),
        (
            "finding",
            "get",
            reverse("monev:finding", args=[finding.pk]),
            None,
            Action.VIEW,
            shows("Temuan pertama"),
        ),
        (
            "dashboard",
            "get",
            reverse("monev:dashboard", args=["sumsel"]),
            None,
            Action.VIEW,
            shows(plan.unit.name),
        ),
        ("teams", "get", reverse("monev:teams", args=["sumsel"]), None, Action.VIEW, shows("Anggota Satu")),
        (
            "report",
            "post",
            reverse("monev:step_report", args=[cycle.pk, step.pk]),
            {"status": "berjalan", "progress": "20", "note": ""},
            Action.REPORT,
            lambda: list(step.reports.values_list("progress", flat=True)),
        ),
        (
            "finding_new",
            "post",
            reverse("monev:finding_create", args=[plan.pk]),
            {"title": "T", "owner": w["cast"]["pic"].pk, "due_date": "2023-06-01"},
            Action.RECORD_FINDING,
            lambda: plan.findings.count(),
        ),
        (
            "meeting_new",
            "post",
            reverse("monev:meeting_new", args=[plan.pk]),
            {"date": "2023-03-02", "title": "Rapat 2"},
            Action.MANAGE_PLAN,
            lambda: plan.meetings.count(),
        ),
        (
            "document",
            "post",
            reverse("monev:meeting_document", args=[meeting.pk]),
            {"kind": "notulen", "file": SimpleUploadedFile("n.pdf", PDF)},
            Action.MANAGE_PLAN,
            lambda: meeting.documents.count(),
        ),
        (
            "member_add",
            "post",
            reverse("monev:team_member_add", args=[team.pk]),
            {"name": "B", "team_role": "Anggota"},
            Action.MANAGE_PLAN,
            lambda: team.members.count(),
        ),
        (
            "agent_change",
            "post",
            reverse("monev:agent_change", args=[w["agent"].pk]),
            {"title": "Antrean daring", "made_on": "2023-04-01"},
            Action.MANAGE_PLAN,
            lambda: w["agent"].changes.count(),
        ),
        (
            "member_remove",
            "post",
            reverse("monev:team_member_remove", args=[member.pk]),
            {},
            Action.MANAGE_PLAN,
            lambda: TeamMember.objects.filter(pk=member.pk).exists(),
        ),
        (
            "close",
            "post",
            reverse("monev:cycle_close", args=[cycle.pk]),
            {"summary": ""},
            Action.MANAGE_PLAN,
            lambda: MonevCycle.objects.get(pk=cycle.pk).status,
        ),
    ]


@pytest.mark.parametrize("role", list(MAY))
def test_every_monev_view_for_every_role(client, cast, world, role):
    check_access(client, cast[role], requests(world), MAY[role])


def test_the_pic_of_a_step_reports_it_without_the_report_role(client, cast, world):
    step = world["step"]
    step.pic = cast["viewer"]
    step.save()
    client.force_login(cast["viewer"])
    response = client.post(
        reverse("monev:step_report", args=[world["cycle"].pk, step.pk]),
        {"status": "berjalan", "progress": "30", "note": "mulai"},
    )
    assert response.status_code == 302
    assert step.reports.get().progress == 30


def test_a_step_of_another_plan_cannot_be_reported_in_this_cycle(client, cast, world, units, seed_bytes):
    from zona.plans.importers import read_plan
    from zona.plans.services import plan_import

    other = plan_import(parsed=read_plan(seed_bytes, "s.md"), unit=units["PALEMBANG"], by=None)
    foreign_step = ActionStep.objects.filter(indicator__component__area__plan=other).first()
    client.force_login(cast["coordinator"])
    response = client.post(
        reverse("monev:step_report", args=[world["cycle"].pk, foreign_step.pk]),
        {"status": "berjalan", "progress": "30"},
    )
    assert response.status_code == 404
