"""User text that starts with = + - or @ stays text in every spreadsheet Zona writes: the Lembar
Monev, the LKE, and the evidence pack's index (a reviewer opening them must not run a formula)."""

import csv
import io
import zipfile
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from zona.evidence.services import evidence_create_file
from zona.lke.exporters import evidence_pack_file, lke_xlsx
from zona.lke.models import Level
from zona.lke.services import answer_save, assessment_create
from zona.monev.exporters import lembar_xlsx
from zona.monev.services import cycle_open, finding_create
from zona.monev.snapshot import cycle_data

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
HOSTILE = ['=HYPERLINK("http://evil.example","klik")', "+1+2", "-2+3", "@SUM(1,2)"]


def cells(content: bytes) -> dict[str, str]:
    """Every non-empty cell's text and its type, across all sheets."""
    book = load_workbook(io.BytesIO(content))
    return {str(c.value): c.data_type for sheet in book for row in sheet.iter_rows() for c in row if c.value}


def test_the_lembar_monev_keeps_finding_titles_as_text(seed_plan, cast):
    cycle = cycle_open(plan=seed_plan, quarter=1, by=cast["coordinator"])
    for title in HOSTILE:
        finding_create(
            plan=seed_plan,
            title=title,
            owner=cast["pic"],
            due_date=date(2023, 5, 1),
            by=cast["coordinator"],
            cycle=cycle,
        )
    found = cells(lembar_xlsx(cycle_data(cycle), lambda value: None))
    for title in HOSTILE:
        assert found.get(title) == "s", title


def test_the_lke_and_the_evidence_pack_keep_user_text_as_text(units, cast):
    assessment = assessment_create(unit=units["SUMSEL"], year=2023, by=cast["coordinator"])
    item = evidence_create_file(
        unit=units["SUMSEL"],
        title=HOSTILE[3],
        upload=SimpleUploadedFile("sk.pdf", PDF),
        by=cast["coordinator"],
    )
    answer_save(
        assessment=assessment,
        level=Level.SELF,
        ref="A.I.1.i.a",
        raw="Ya",
        justification=HOSTILE[0],
        evidence=[item],
        by=cast["coordinator"],
    )
    assert cells(lke_xlsx(assessment)).get(HOSTILE[0]) == "s"
    with evidence_pack_file(assessment) as handle, zipfile.ZipFile(handle) as archive:
        index = cells(archive.read("indeks.xlsx"))
    assert index.get(HOSTILE[3]) == "s"


def test_survey_open_data_keeps_item_names_as_text(client, units, cast, monkeypatch):
    """A unit's own questionnaire whose item is named like a formula: the open-data CSV shows it
    as text."""
    from zona.surveys import services as surveys
    from zona.surveys.tests.factories import DURING_Q1, answer, make_survey

    monkeypatch.setattr(surveys, "_today", lambda: DURING_Q1)
    items = "".join(
        f"\n  - {{key: K{n}, name: '{name}', question: Pertanyaan {n}?}}" for n, name in enumerate(HOSTILE)
    )
    text = f"code: uji\nversion: '1'\nname: Uji\nkind: custom\nscale: {{min: 1, max: 4}}\nitems:{items}"
    surveys.definition_save(unit=units["SUMSEL"], text=text, by=cast["coordinator"])
    survey = make_survey(units["SUMSEL"], cast["coordinator"], definition="uji@1")
    answer(survey, [4] * len(HOSTILE))
    monkeypatch.setattr(surveys, "_today", lambda: date(2026, 4, 1))
    surveys.survey_publish(survey=survey, by=cast["coordinator"])
    content = client.get(f"/publik/{survey.unit.slug}/survei/{survey.token}/data.csv").content.decode()
    rows = list(csv.reader(io.StringIO(content)))
    assert [row[1] for row in rows[1:-1]] == ["'" + name for name in HOSTILE]
