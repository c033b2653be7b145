"""The assessment flow: answers per level, submission, return, revision, final; suggestions,
carry-forward, links and exports; access for the unit, its TPI and nobody else."""

import io
import zipfile
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from zona.evidence.services import evidence_create_file
from zona.lke.models import Answer, Assessment, Level, Stage
from zona.lke.review import assessment_finalize, assessment_return, assessment_submit, review_agree
from zona.lke.scoring import AnswerError
from zona.lke.services import (
    AssessmentError,
    answer_save,
    assessment_create,
    level_score,
    links_suggest,
)
from zona.plans.models import PlanStatus
from zona.plans.services import plan_set_status

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def assessment(units, cast):
    return assessment_create(unit=units["SUMSEL"], year=2023, by=cast["coordinator"])


def test_the_review_cycle_keeps_each_level_and_freezes_submissions(assessment, cast):
    answer_save(assessment=assessment, level=Level.SELF, ref="A.I.1.i.a", raw="Ya", by=cast["coordinator"])
    answer_save(assessment=assessment, level=Level.SELF, ref="A.I.1.i.b", raw="A", by=cast["coordinator"])
    with pytest.raises(AssessmentError, match="dibekukan"):
        answer_save(assessment=assessment, level=Level.TPI, ref="A.I.1.i.b", raw="C", by=cast["reviewer"])
    assessment_submit(assessment=assessment, by=cast["coordinator"])
    assessment.refresh_from_db()
    assert assessment.stage == Stage.REVIEW
    with pytest.raises(AssessmentError, match="dibekukan"):
        answer_save(assessment=assessment, level=Level.SELF, ref="A.I.1.i.b", raw="B", by=cast["coordinator"])
    # the TPI's column starts empty: the reviewer accepts one answer and disagrees on the other
    assert not Answer.objects.filter(assessment=assessment, level=Level.TPI).exists()
    review_agree(assessment=assessment, refs=["A.I.1.i.a"], by=cast["reviewer"])
    answer_save(
        assessment=assessment,
        level=Level.TPI,
        ref="A.I.1.i.b",
        raw="C",
        note="Tanpa seleksi",
        by=cast["reviewer"],
    )
    assessment_return(
        assessment=assessment, refs=["A.I.1.i.b"], note="Lampirkan bukti seleksi", by=cast["reviewer"]
    )
    assessment.refresh_from_db()
    assert assessment.stage == Stage.RETURNED
    returned = Answer.objects.get(assessment=assessment, level=Level.SELF, ref="A.I.1.i.b")
    assert returned.returned and returned.note == "Lampirkan bukti seleksi"
    answer_save(assessment=assessment, level=Level.SELF, ref="A.I.1.i.b", raw="B", by=cast["coordinator"])
    assessment_submit(assessment=assessment, by=cast["coordinator"])
    assessment_finalize(assessment=assessment, by=cast["reviewer"])
    assessment.refresh_from_db()
    assert assessment.stage == Stage.FINAL
    assert level_score(assessment, Level.SELF).nodes["A.I.1.i"] == pytest.approx(0.375)  # (1 + 0.5)/2 × 0.5
    assert level_score(assessment, Level.TPI).nodes["A.I.1.i"] == pytest.approx(0.25)  # (1 + 0)/2 × 0.5
    rounds = [
        (s.level, s.round, s.outcome, s.scores["nodes"]["A.I.1.i"]) for s in assessment.submissions.all()
    ]
    assert rounds == [
        ("mandiri", 1, "reviu", 0.5),
        ("tpi", 1, "revisi", 0.25),
        ("mandiri", 2, "reviu", 0.38),
        ("tpi", 2, "final", 0.25),
    ]
    for level, ref in ((Level.SELF, "A.I.1.i.a"), (Level.TPI, "A.I.1.i.a")):
        with pytest.raises(AssessmentError):
            answer_save(assessment=assessment, level=level, ref=ref, raw="Tidak", by=cast["coordinator"])


def test_bad_answers_and_transitions_are_refused(assessment, cast):
    with pytest.raises(AnswerError):
        answer_save(
            assessment=assessment, level=Level.SELF, ref="A.II.5.iii.a", raw="10;12", by=cast["coordinator"]
        )
    with pytest.raises(AssessmentError, match="tidak dikenal"):
        answer_save(assessment=assessment, level=Level.SELF, ref="Z.9", raw="Ya", by=cast["coordinator"])
    with pytest.raises(AssessmentError, match="Jawab setidaknya"):
        assessment_submit(assessment=assessment, by=cast["coordinator"])
    with pytest.raises(AssessmentError):
        assessment_finalize(assessment=assessment, by=cast["reviewer"])
    assert not Answer.objects.exists() and not assessment.submissions.exists()


def test_a_suggestion_is_confirmed_or_overridden_with_a_reason(assessment, cast, seed_plan):
    plan_set_status(plan=seed_plan, status=PlanStatus.ESTABLISHED, by=cast["coordinator"])
    with pytest.raises(AssessmentError, match="beri alasan"):
        answer_save(
            assessment=assessment, level=Level.SELF, ref="A.I.1.ii.a", raw="Tidak", by=cast["coordinator"]
        )
    answer = answer_save(
        assessment=assessment, level=Level.SELF, ref="A.I.1.ii.a", raw="Ya", by=cast["coordinator"]
    )
    assert answer.suggested_value == "Ya" and "34 TAHUN 2023" in answer.suggestion_source
    answer = answer_save(
        assessment=assessment,
        level=Level.SELF,
        ref="A.I.1.ii.b",
        raw="B",
        justification="Target belum relevan di dua area",
        by=cast["coordinator"],
    )
    assert answer.suggested_value == "A"


def test_the_monev_suggestion_knows_whether_the_leader_attended(assessment, cast, seed_plan):
    """A.I.1.iii.b: monev without the leadership is C however regular; with the leader it is B,
    and A once every quarter of the (past) year has its closed cycle."""
    from datetime import date

    from zona.lke.suggestions import suggest
    from zona.monev.services import cycle_close, cycle_open, meeting_create

    assert suggest(assessment)["A.I.1.iii.b"].answer == "D"  # no monev at all
    for quarter in (1, 2):
        cycle_close(
            cycle=cycle_open(plan=seed_plan, quarter=quarter, by=cast["coordinator"]), by=cast["coordinator"]
        )
    meeting_create(plan=seed_plan, date=date(2023, 3, 30), title="Monev TW 1", by=cast["coordinator"])
    assert suggest(assessment)["A.I.1.iii.b"].answer == "C"  # the leader never attended
    meeting_create(
        plan=seed_plan,
        date=date(2023, 6, 29),
        title="Monev TW 2",
        leader_present=True,
        leader_name="Ketua KPU Provinsi",
        by=cast["coordinator"],
    )
    suggestion = suggest(assessment)["A.I.1.iii.b"]
    assert suggestion.answer == "B"  # the leader took part, but 2 of the year's 4 quarters only
    assert "2 dari 4" in suggestion.source and "pimpinan hadir dalam 1 rapat" in suggestion.source
    for quarter in (3, 4):
        cycle_close(
            cycle=cycle_open(plan=seed_plan, quarter=quarter, by=cast["coordinator"]), by=cast["coordinator"]
        )
    assert suggest(assessment)["A.I.1.iii.b"].answer == "A"


@pytest.mark.parametrize(
    ("closed", "due", "leader", "answer"),
    [
        (0, 4, 0, "D"),
        (4, 4, 0, "C"),
        (1, 4, 0, "C"),
        (3, 4, 2, "B"),
        (4, 4, 1, "A"),
        (2, 2, 1, "A"),
        (0, 0, 1, "B"),
    ],
)
def test_monev_answer_table(closed, due, leader, answer):
    from zona.monev.lke_rules import monev_answer

    assert monev_answer(closed=closed, due=due, leader_meetings=leader) == answer


def test_periods_due_by_date():
    from datetime import date

    from zona.monev.lke_rules import periods_due

    assert periods_due(2023, date(2024, 1, 2)) == 4
    assert [periods_due(2024, date(2024, m, 15)) for m in (1, 3, 4, 7, 10, 12)] == [0, 0, 1, 2, 3, 3]
    assert periods_due(2025, date(2024, 12, 31)) == 0


def test_the_monev_period_is_read_from_the_derivation_data(monkeypatch):
    """ "Secara berkala" is Zona's reading, not a regulation's: change regular_periods.monev_months
    in zona/lke/data/derivations.yaml and A.I.1.iii.b counts half-years instead of quarters."""
    from datetime import date

    from zona.lke.derivations import derivations
    from zona.monev.lke_rules import monev_answer, periods_due

    monkeypatch.setitem(derivations()["regular_periods"], "monev_months", 6)
    assert periods_due(2023, date(2024, 1, 2)) == 2
    assert [periods_due(2024, date(2024, m, 15)) for m in (1, 6, 7, 12)] == [0, 0, 1, 1]
    # two closed cycles in a past year: regular for half-years, not for quarters
    assert monev_answer(closed=2, due=periods_due(2023, date(2024, 1, 2)), leader_meetings=1) == "A"
    monkeypatch.setitem(derivations()["regular_periods"], "monev_months", 3)
    assert monev_answer(closed=2, due=periods_due(2023, date(2024, 1, 2)), leader_meetings=1) == "B"


def test_a_regular_period_that_does_not_divide_the_year_is_refused():
    import pytest

    from zona.lke.derivations import DerivationDataError, _check, derivations

    data = derivations()
    broken = {**data, "regular_periods": {**data["regular_periods"], "integrity_months": 5}}
    with pytest.raises(DerivationDataError, match="integrity_months"):
        _check(broken)
    with pytest.raises(DerivationDataError, match="regular_periods: give its source"):
        _check({**data, "regular_periods": {"integrity_months": 6, "monev_months": 3}})


def test_meetings_need_the_leaders_name_when_the_leader_attended(cast, seed_plan):
    from datetime import date

    from zona.monev.services import MonevError, meeting_create

    with pytest.raises(MonevError, match="pimpinan"):
        meeting_create(
            plan=seed_plan, date=date(2023, 3, 1), title="R", leader_present=True, by=cast["coordinator"]
        )


def test_last_years_answers_carry_forward(units, cast):
    old = assessment_create(unit=units["SUMSEL"], year=2023, by=cast["coordinator"])
    answer_save(
        assessment=old,
        level=Level.SELF,
        ref="A.I.1.i.a",
        raw="Ya",
        justification="SK 22/2023",
        by=cast["coordinator"],
    )
    new = assessment_create(unit=units["SUMSEL"], year=2024, by=cast["coordinator"])
    carried = Answer.objects.get(assessment=new, level=Level.SELF, ref="A.I.1.i.a")
    assert (carried.value, carried.justification) == ("Ya", "SK 22/2023")
    assert carried.carried_over  # to be confirmed for this year
    with pytest.raises(AssessmentError, match="sudah memiliki LKE"):
        assessment_create(unit=units["SUMSEL"], year=2024, by=cast["coordinator"])


def test_links_to_the_plan_are_suggested_by_area_and_keyword(assessment, cast, seed_plan):
    assert links_suggest(assessment=assessment, by=cast["coordinator"]) > 0
    link = assessment.links.filter(ref="A.I.1.i.a").first()
    assert link is not None and link.indicator.component.area.code == "I"
    assert "Tim" in link.indicator.text


def test_exports(client, assessment, cast, units):
    item = evidence_create_file(
        unit=units["SUMSEL"],
        title="SK Tim ZI",
        upload=SimpleUploadedFile("sk.pdf", PDF),
        by=cast["coordinator"],
        effective_date=date(2023, 3, 1),
    )
    answer_save(
        assessment=assessment,
        level=Level.SELF,
        ref="A.I.1.i.a",
        raw="Ya",
        evidence=[item],
        by=cast["coordinator"],
    )
    client.force_login(cast["viewer"])
    book = load_workbook(io.BytesIO(client.get(reverse("lke:export_xlsx", args=[assessment.pk])).content))
    rows = [r for r in book["LKE"].iter_rows(values_only=True)]
    assert any(r[0] == "A.I.1.i" and r[4] == 0.25 for r in rows)
    assert any(r[0] == "A.I.1.i.a" and r[3] == "Ya" for r in rows)
    response = client.get(reverse("lke:evidence_pack", args=[assessment.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = archive.namelist()
    assert "indeks.xlsx" in names
    pdf = next(n for n in names if n.endswith("sk.pdf"))
    assert pdf.startswith("A/I/1/A.I.1.i Penyusunan Tim Kerja/A.I.1.i.a/") and archive.read(pdf) == PDF
    index = load_workbook(io.BytesIO(archive.read("indeks.xlsx"))).active
    row = [c.value for c in index[2]]
    assert row[0] == "A.I.1.i.a" and row[3] == item.versions.get().sha256 and row[5] == "2023-03-01"


MAY_SEE = {"coordinator", "admin", "pic", "area_coordinator", "reviewer", "viewer", "national"}


@pytest.mark.parametrize(
    "role",
    [
        "coordinator",
        "admin",
        "pic",
        "area_coordinator",
        "reviewer",
        "viewer",
        "national",
        "child",
        "outsider",
        "no_role",
    ],
)
def test_access(client, cast, assessment, role):
    client.force_login(cast[role])
    urls = [
        reverse("lke:detail", args=[assessment.pk]),
        reverse("lke:section", args=[assessment.pk, "A.I.1"]),
        reverse("lke:export_xlsx", args=[assessment.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == (200 if role in MAY_SEE else 404), (role, url)
    listed = assessment.unit.name in client.get(reverse("lke:list")).content.decode()
    assert listed is (role in MAY_SEE)
    response = client.post(
        reverse("lke:answer", args=[assessment.pk, "A.I.1.i.a"]),
        {"level": "mandiri", "value": "Ya", "section": "A.I.1"},
    )
    expected = 302 if role in {"coordinator", "admin"} else 403 if role in MAY_SEE else 404
    assert response.status_code == expected, role
    response = client.post(
        reverse("lke:answer", args=[assessment.pk, "A.I.1.i.a"]), {"level": "tpi", "value": "Ya"}
    )
    assert response.status_code == (302 if role == "reviewer" else 403 if role in MAY_SEE else 404), role


def test_the_tpi_sees_the_units_it_reviews(client, cast, units):
    below = assessment_create(unit=units["PALEMBANG"], year=2023, by=cast["child"])
    other = assessment_create(unit=units["JAMBI"], year=2023, by=cast["outsider"])
    client.force_login(cast["reviewer"])  # TPI over Sumsel and its regencies/cities
    assert client.get(reverse("lke:detail", args=[below.pk])).status_code == 200
    assert client.get(reverse("lke:detail", args=[other.pk])).status_code == 404
    assert Assessment.objects.visible_to(cast["reviewer"]).count() == 1


def test_stored_scores_follow_every_change_and_feed_the_recap(client, cast, units, assessment):
    from zona.lke.scoring import as_json

    answer_save(assessment=assessment, level=Level.SELF, ref="B.1.a", raw="3.6", by=cast["coordinator"])
    answer_save(assessment=assessment, level=Level.SELF, ref="B.2.a", raw="3.2", by=cast["coordinator"])
    assessment.refresh_from_db()
    assert as_json(level_score(assessment, Level.SELF)).items() <= assessment.scores["mandiri"].items()
    assert assessment.scores["mandiri"]["total"] == 29.75 and "tpi" not in assessment.scores
    assessment_submit(assessment=assessment, by=cast["coordinator"])
    answer_save(assessment=assessment, level=Level.TPI, ref="B.2.a", raw="2", by=cast["reviewer"])
    assessment.refresh_from_db()
    assert assessment.scores["tpi"]["total"] == 8.75  # 2/4 × 17.5: B.1.a not reviewed yet
    assert assessment.scores["tpi"]["provisional"]
    review_agree(assessment=assessment, refs=["B.1.a"], by=cast["reviewer"])
    assessment.refresh_from_db()
    assert assessment.scores["tpi"]["total"] == 24.5  # 15.75 + 2/4 × 17.5
    below = assessment_create(unit=units["PALEMBANG"], year=2023, by=cast["child"])
    client.force_login(cast["reviewer"])
    page = client.get(reverse("lke:rollup", args=["sumsel", 2023])).content.decode()
    assert "29,75" in page and "24,50" in page and below.unit.name in page  # Indonesian decimal comma
    client.force_login(cast["child"])
    assert client.get(reverse("lke:rollup", args=["sumsel", 2023])).status_code == 404
    page = client.get(reverse("lke:rollup", args=["sumsel-palembang", 2023])).content.decode()
    assert below.unit.name in page and "29,75" not in page


def test_a_work_team_is_ya_only_with_its_decree(assessment):
    """A.I.1.i.a (PermenPAN-RB 90/2021: the work team is set by the leader's decree): a team
    recorded for the year without a decree number or decree file suggests Tidak; with its decree, Ya."""
    from zona.monev.lke_rules import work_team_formed
    from zona.monev.models import Team, TeamKind

    assert work_team_formed(assessment) is None  # no team recorded: no suggestion
    year = assessment.year
    term = {"period_start": date(year, 1, 1), "period_end": date(year, 12, 31)}
    team = Team.objects.create(unit=assessment.unit, kind=TeamKind.WORK_TEAM, **term)
    suggested = work_team_formed(assessment)
    assert suggested.answer == "Tidak" and "tanpa SK" in suggested.source
    team.decree_number = "22 TAHUN 2023"
    team.save()
    assert work_team_formed(assessment).answer == "Ya"


def test_a_submission_freezes_each_answers_evidence_in_queries_that_do_not_grow_with_the_answers(units, cast):
    """The frozen round lists every answer's evidence, read with the answers (not a query each)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from zona.lke.instrument import resolve

    by, unit = cast["coordinator"], units["SUMSEL"]
    questions = resolve(None).questions
    refs = [ref for ref, question in questions.items() if "A" in (question.options or {})][:4]
    counted, frozen = [], {}
    for year, answered in ((2023, refs[:1]), (2024, refs)):
        assessment = assessment_create(unit=unit, year=year, by=by)
        for ref in answered:
            upload = SimpleUploadedFile(f"{ref}.pdf", PDF + ref.encode())
            item = evidence_create_file(unit=unit, title=ref, upload=upload, by=by)
            answer_save(
                assessment=assessment,
                level=Level.SELF,
                ref=ref,
                raw="A",
                evidence=[item],
                by=by,
                justification="x",
            )
        with CaptureQueriesContext(connection) as queries:
            assessment_submit(assessment=assessment, by=by)
        counted.append(len(queries))
        frozen[year] = assessment.submissions.get().answers
    assert counted[0] == counted[1], counted
    assert sorted(frozen[2024]) == sorted(refs)
    assert all(len(entry["evidence"]) == 1 for entry in frozen[2024].values())
    assert {e for entry in frozen[2024].values() for e in entry["evidence"]} == set(
        Answer.objects.filter(assessment__year=2024).values_list("evidence", flat=True)
    )
