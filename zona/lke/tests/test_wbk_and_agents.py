"""WBBM's prerequisite is proved by the WBK decree, and the change agents' recorded changes feed
Reform item A.II.1.i (changes per agent, changes integrated)."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from zona.lke.services import AssessmentError, assessment_create, assessment_wbk_decree, level_score
from zona.lke.suggestions import suggest
from zona.monev.models import Team, TeamMember
from zona.monev.services import MonevError, agent_change_integrate, agent_change_record

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def assessment(units, cast):
    return assessment_create(unit=units["SUMSEL"], year=2024, by=cast["coordinator"])


def prior_held(assessment) -> bool:
    result = level_score(assessment, "mandiri")
    return next(c for c in result.predicates["WBBM"].criteria if c.name == "Sudah berpredikat WBK").passed


def test_the_wbk_counts_only_with_its_decree(client, assessment, cast):
    assert not assessment.holds_wbk and not prior_held(assessment)
    with pytest.raises(AssessmentError, match="nomor, tanggal"):
        assessment_wbk_decree(
            assessment=assessment,
            number="SK 1/2023",
            decree_date=date(2023, 12, 10),
            upload=None,
            by=cast["coordinator"],
        )
    with pytest.raises(AssessmentError, match="setelah 2024"):
        assessment_wbk_decree(
            assessment=assessment,
            number="SK 9/2025",
            decree_date=date(2025, 1, 5),
            upload=SimpleUploadedFile("sk.pdf", PDF),
            by=cast["coordinator"],
        )
    client.force_login(cast["viewer"])  # read-only: refused, nothing recorded
    client.post(
        reverse("lke:wbk_decree", args=[assessment.pk]),
        {"number": "SK 100/2023", "decree_date": "2023-12-10", "upload": SimpleUploadedFile("sk.pdf", PDF)},
    )
    assessment.refresh_from_db()
    assert not assessment.holds_wbk
    client.force_login(cast["coordinator"])
    client.post(
        reverse("lke:wbk_decree", args=[assessment.pk]),
        {"number": "SK 100/2023", "decree_date": "2023-12-10", "upload": SimpleUploadedFile("sk.pdf", PDF)},
    )
    assessment.refresh_from_db()
    assert assessment.holds_wbk and assessment.wbk_decree.versions.get().sha256
    assert assessment.wbk_decree.effective_date == date(2023, 12, 10)
    assert prior_held(assessment)
    assert assessment.scores["mandiri"]["wbbm"]["criteria"][-1]["passed"] is True


def test_change_agents_changes_feed_reform_a_ii_1_i(assessment, units, cast):
    assert "A.II.1.i.a" not in suggest(assessment)  # no change-agent team: nothing to suggest
    agents = Team.objects.create(
        unit=units["SUMSEL"],
        kind="agen_perubahan",
        period_start=date(2024, 1, 1),
        period_end=date(2024, 12, 31),
    )
    ani, budi = (TeamMember.objects.create(team=agents, name=n, team_role="Agen") for n in ("Ani", "Budi"))
    work = Team.objects.create(
        unit=units["SUMSEL"], kind="tim_kerja", period_start=date(2024, 1, 1), period_end=date(2024, 12, 31)
    )
    outsider = TeamMember.objects.create(team=work, name="Citra", team_role="Anggota")
    with pytest.raises(MonevError, match="agen perubahan"):
        agent_change_record(member=outsider, title="x", made_on=date(2024, 2, 1), by=cast["coordinator"])
    with pytest.raises(MonevError, match="integrasi"):
        agent_change_record(
            member=ani, title="x", made_on=date(2024, 2, 1), integrated=True, by=cast["coordinator"]
        )
    first = agent_change_record(
        member=ani, title="Antrean daring", made_on=date(2024, 2, 1), by=cast["coordinator"]
    )
    agent_change_record(
        member=ani, title="Formulir digital", made_on=date(2024, 3, 1), by=cast["coordinator"]
    )
    agent_change_record(
        member=budi,
        title="Papan informasi",
        made_on=date(2024, 4, 1),
        integrated=True,
        integration="SOP Layanan Informasi 2024",
        by=cast["coordinator"],
    )
    agent_change_record(member=budi, title="Tahun lalu", made_on=date(2023, 11, 1), by=cast["coordinator"])
    found = suggest(assessment)
    assert found["A.II.1.i.a"].answer == "2;3"  # 2 agents, 3 changes in 2024
    assert found["A.II.1.i.b"].answer == "3;1"  # 3 made, 1 integrated
    agent_change_integrate(
        change=first, integration="SK Kepala tentang antrean daring", by=cast["coordinator"]
    )
    assert suggest(assessment)["A.II.1.i.b"].answer == "3;2"
