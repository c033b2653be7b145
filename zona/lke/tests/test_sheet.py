"""A filled LKE sheet read into answers: the 2024 sheet of Direktorat KSPSTK (Kemendikbudristek)
as published, row by row, and the rows a sheet gets wrong."""

from __future__ import annotations

import csv
import io
import json
from fractions import Fraction
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import reads_inline
from zona.audit.models import AuditEvent
from zona.lke.answers_csv import read_answers
from zona.lke.instrument import resolve
from zona.lke.models import Answer, Assessment, Level
from zona.lke.review import assessment_submit
from zona.lke.scoring import rounded, score
from zona.lke.services import AssessmentError, assessment_create, sheet_import
from zona.lke.sheet import SheetError, read_sheet

# the plan importer's: each test's kept files in a storage of its own, and what a person has kept
from zona.plans.tests.test_import_uploads import _own_storage, _stored  # noqa: F401

FIXTURES = Path(__file__).parent / "fixtures"
SHEET = FIXTURES / "lke_zi_dit_kspstk_2024_isian.csv"
LKE = resolve(None)


@pytest.fixture(scope="module")
def sheet():
    return read_sheet(SHEET.read_bytes(), SHEET.name, LKE)


def sheet_rows() -> list[dict]:
    with SHEET.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_answered_row_is_read(sheet):
    """198 rows under the header, 135 with an answer: 110 are question rows (102 answered there,
    and the 8 numeric questions' rows carrying their percentage), 18 are the counts the numeric
    questions are scored from, 6 break a count down (LHKPN by position) and the last is the
    export's "TOTAL HASIL" row: those 7 are listed as not used."""
    answered = {number for number, row in enumerate(sheet_rows(), start=2) if row["jawaban_unit"].strip()}
    assert len(sheet_rows()) == 198 and len(answered) == 135
    questions = set(sheet.rows.values())
    counts = set(sheet.count_rows)
    ignored = {n.row for n in sheet.ignored}
    assert answered == (questions & answered) | counts | ignored
    assert len(questions & answered) == 110 and len(counts) == 18
    assert len(sheet.answers) == 110 and sheet.problems == []
    assert sorted(ignored) == [173, 174, 175, 180, 181, 182, 199]


def test_the_answers_are_those_read_by_hand(sheet):
    """`kspstk-2024-answers.csv` holds the same answers written out by hand (ref,answer)."""
    by_hand = read_answers((FIXTURES / "kspstk-2024-answers.csv").read_text("utf-8"), LKE)
    assert sheet.values() == {ref: answer.as_text() for ref, answer in by_hand.items()}


def test_each_normalisation(sheet):
    read = {n.row: (n.value, n.problem) for n in sheet.normalised}
    # choice letters and yes/no in any case
    assert read[31] == ("c", "A.I.2.iii.a dibaca sebagai C")
    assert read[32] == ("c", "A.I.2.iii.b dibaca sebagai C")
    assert read[41] == ("YA", "A.I.3.ii.c dibaca sebagai Ya")
    assert read[82] == ("ya", "A.I.5.iii.b dibaca sebagai Ya")
    assert len(read) == 4  # "Ya", "A", "B" … as written need nothing
    values = sheet.values()
    # a numeric question is read from the counts below it; the percentage on its row ("92.35%",
    # "11.11%", "100%", "1") agrees with them, so nothing is noted
    assert values["A.II.5.ii.a"] == "170;13;157" and sheet.written["A.II.5.ii.a"] == "170;13;157"
    assert values["A.II.4.i.a"] == "9;1"
    assert values["A.II.1.i.a"] == "4;15"
    assert values["A.II.3.iii.a"] == "1;0;1"
    # LHKPN's sections ("a." / "b." under iii): "Jumlah yang harus melaporkan" is the input
    # "Jumlah yang wajib menyampaikan LHKPN"
    assert values["A.II.5.iii.a"] == "10;10" and values["A.II.5.iii.b"] == "73;73"
    # survey indices 0–4
    assert values["B.1.a"] == "4" and values["B.2.a"] == "4" and values["B.1.b"] == "A"


def test_notes_become_the_justification(sheet):
    assert sheet.notes["A.I.1.i.a"].startswith("Tim kerja di Dit. KSPSTK telah dibentuk")
    # the count rows' note, once though it is on all three
    assert sheet.notes["A.II.5.ii.a"].count("Pada item pengaduan yang harus ditindaklanjuti") == 1
    # the note on the sub-area row goes with its first question
    assert "senantiasa mendorong tiap-tiap pegawai" in sheet.notes["A.II.5.iii.a"]


def test_questions_the_sheet_lacks_are_listed(sheet):
    """The export lost three rows (A.I.2.i.a, A.I.4.i.c, A.I.6.ii.b): unanswered, scored 0."""
    assert sheet.missing == ["A.I.2.i.a", "A.I.4.i.c", "A.I.6.ii.b"] and sheet.unanswered == []


def test_the_score_worked_out_by_hand(sheet):
    """Hasil (B) = 40: both survey indices 4 of 4 (17.5 + 17.5) and B.1.b answered A (5).
    Reform (A.II) = 27.99: full in areas 1, 2, 3 and 6 (4 + 3.5 + 5 + 5 = 17.5); area 4 = 3.22
    (1 of 9 targets met: 2 × 1/9, the other two answered A: 1.5 + 1.5); area 5 = 7.27 (A: 2.5;
    complaints 157 of 170: 3 × 157/170 = 2.77; LHKPN 10 of 10 and LHKASN 73 of 73: 2).
    Pemenuhan (A.I) = 23.37, e.g. area 4 = 4.17: sub-area i (2.5) has A, A and the missing
    A.I.4.i.c → 2.5 × 2/3, sub-area ii (2.5) all eight at full marks.
    Total 23.37 + 27.99 + 40 = 91.37."""
    result = score(LKE, sheet.answers)
    nodes = result.nodes
    assert nodes["B"] == 40
    assert nodes["A.II.4"] == 2 * Fraction(1, 9) + 3
    assert nodes["A.II.5"] == Fraction(5, 2) + 3 * Fraction(157, 170) + 2
    assert nodes["A.II"] == Fraction(35, 2) + nodes["A.II.4"] + nodes["A.II.5"]
    assert nodes["A.I.4"] == Fraction(5, 2) * Fraction(2, 3) + Fraction(5, 2)
    assert rounded(nodes["A.I"]) == rounded(Fraction("23.37"))
    assert str(rounded(result.total)) == "91.37"


def test_the_sheet_saved_as_xlsx_reads_the_same(sheet):
    from openpyxl import Workbook

    book = Workbook()
    for row in csv.reader(SHEET.open(encoding="utf-8", newline="")):
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    again = read_sheet(buffer.getvalue(), "lke.xlsx", LKE)
    assert again.values() == sheet.values() and again.notes == sheet.notes


HEADER = "komponen,sub_komponen,area_no,sub_area,butir,uraian,jawaban,catatan\n"


def test_rows_a_sheet_gets_wrong_are_listed_with_their_row():
    text = HEADER + (
        "A.,I.,1,i.,a.,Unit kerja telah membentuk tim untuk melakukan pembangunan Zona Integritas,ya,SK tim\n"
        "A.,I.,1,i.,b.,Penentuan anggota Tim dipilih melalui prosedur/mekanisme yang jelas,Z,\n"  # row 3
        "A.,I.,9,i.,a.,Pertanyaan yang tidak ada di LKE,A,\n"  # row 4
        "A.,I.,1,ii.,c.,Terdapat dokumen rencana kerja pembangunan Zona Integritas menuju WBK/WBBM,Ya,\n"  # 5
        "A.,II.,5,ii.,-,Persentase penanganan pengaduan masyarakat,80%,\n"  # row 6: no counts
        "A.,II.,4,i.,-,Persentase Sasaran dengan capaian 100% atau lebih,50%,\n"  # row 7
        "A.,II.,4,i.,,- Jumlah Sasaran Kinerja,10,\n"
        "A.,II.,4,i.,,- Jumlah Sasaran Kinerja yang tercapai 100% atau lebih,3,\n"
        "A.,I.,1,i.,a.,Unit kerja telah membentuk tim untuk melakukan pembangunan Zona Integritas,Ya,\n"  # 10
    )
    sheet = read_sheet(text.encode(), "lke.csv", LKE)
    problems = {n.row: n for n in sheet.problems}
    assert "“Z” bukan jawaban untuk A.I.1.i.b" in problems[3].problem
    assert "tidak ada pertanyaan LKE" in problems[4].problem and problems[4].value.startswith("Pertanyaan")
    assert "hanya persentasenya" in problems[6].problem and problems[6].value == "80%"
    assert "A.I.1.i.a lagi (pertama pada baris 2)" in problems[10].problem
    assert set(problems) == {3, 4, 6, 10}
    notes = {n.row: n.problem for n in sheet.normalised}
    # numbered c. but its text is A.I.1.ii.a's: read as that one, and said
    assert "A.I.1.ii.a" in notes[5] and sheet.values()["A.I.1.ii.a"] == "Ya"
    # 50 % written, the counts give 3 of 10: the counts are used, and said
    assert "30.00 %" in notes[7] and sheet.values()["A.II.4.i.a"] == "10;3"
    assert sheet.values()["A.I.1.i.a"] == "Ya" and sheet.notes["A.I.1.i.a"] == "SK tim"


def test_count_rows_with_blank_numbering_are_read_under_their_numeric_question():
    """A copy of the sheet that leaves the numbering cells of the count rows blank (they follow
    their question's row) still answers the numeric question from them; a total row after them
    is still no answer."""
    text = HEADER + (
        "A.,II.,4,i.,-,Persentase Sasaran dengan capaian 100% atau lebih,,\n"  # row 2
        ",,,,,- Jumlah Sasaran Kinerja,10,\n"
        ",,,,,Jumlah Sasaran Kinerja yang tercapai 100% atau lebih,3,dari laporan kinerja\n"
        "A.,II.,1,i.,a.,Agen perubahan telah membuat perubahan yang konkret di Instansi (dalam 1 tahun),,\n"
        ",,,,,- Jumlah Agen Perubahan,4,\n"
        ",,,,,- Jumlah Perubahan yang dibuat,15,\n"
        ",,,,,TOTAL HASIL,88.5,\n"  # row 8
    )
    sheet = read_sheet(text.encode(), "lke.csv", LKE)
    assert sheet.values()["A.II.4.i.a"] == "10;3" and sheet.values()["A.II.1.i.a"] == "4;15"
    assert set(sheet.count_rows) == {3, 4, 6, 7}
    assert sheet.notes["A.II.4.i.a"] == "dari laporan kinerja"
    assert sheet.problems == [] and sheet.unanswered == []
    assert [n.row for n in sheet.ignored] == [8]


@pytest.mark.parametrize(
    ("data", "name", "needle"),
    [
        (b"", "x.csv", "kosong"),
        (b"%PDF-1.4 ...", "x.pdf", "simpan lembar LKE sebagai XLSX atau CSV"),
        (b"PK\x03\x04broken", "x.xlsx", "tidak dapat dibuka"),
        (b"a,b,c\n1,2,3\n", "x.csv", "tabel LKE tidak ditemukan"),
    ],
)
def test_files_that_are_not_lke_sheets_get_a_clear_message(data, name, needle):
    with pytest.raises(SheetError) as excinfo:
        read_sheet(data, name, LKE)
    assert needle in str(excinfo.value)


@reads_inline
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_give_answers_or_a_clear_error(data):
    try:
        sheet = read_sheet(data, "x.csv", LKE)
    except SheetError as exc:
        assert exc.problems
    else:
        assert sheet.rows


@reads_inline
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(["A.", "B.", "", "x"]),
            st.sampled_from(["I.", "II.", ""]),
            st.sampled_from(["1", "5", "9", ""]),
            st.sampled_from(["i.", "ii.", "a.", "iii.", ""]),
            st.sampled_from(["a.", "b.", "-", "", "z"]),
            st.text(max_size=30),
            st.text(max_size=10),
        ),
        max_size=12,
    )
)
def test_arbitrary_sheet_rows_give_answers_or_a_clear_error(rows):
    buffer = io.StringIO()
    buffer.write(HEADER)
    csv.writer(buffer).writerows(rows)
    try:
        sheet = read_sheet(buffer.getvalue().encode(), "x.csv", LKE)
    except SheetError as exc:
        assert exc.problems
    else:
        assert set(sheet.answers) <= set(LKE.questions)


# -- saving ----------------------------------------------------------------------------------------


@pytest.fixture
def assessment(units, cast):
    return assessment_create(unit=units["SUMSEL"], year=2024, by=cast["coordinator"])


def test_saving_the_sheet_answers_scores_and_records(assessment, cast, sheet):
    saved = sheet_import(
        assessment=assessment,
        values=sheet.values(),
        notes=sheet.notes,
        source=SHEET.name,
        by=cast["coordinator"],
    )
    assert saved == 110
    assessment.refresh_from_db()
    assert str(assessment.scores[Level.SELF]["total"]) == "91.37"
    answer = Answer.objects.get(assessment=assessment, level=Level.SELF, ref="A.I.2.iii.a")
    assert answer.value == "C" and answer.answered_by == cast["coordinator"]
    # an answer without a note says where it came from
    plain = Answer.objects.get(assessment=assessment, level=Level.SELF, ref="B.1.a")
    assert plain.justification.startswith("Hasil survey eksternal")
    assert AuditEvent.objects.filter(action="lke.sheet_imported", actor=cast["coordinator"]).exists()


def test_a_submitted_self_assessment_takes_no_sheet(assessment, cast, sheet):
    sheet_import(
        assessment=assessment, values={"A.I.1.i.a": "Ya"}, notes={}, source="x", by=cast["coordinator"]
    )
    assessment_submit(assessment=assessment, by=cast["coordinator"])
    with pytest.raises(AssessmentError, match="dibekukan"):
        sheet_import(
            assessment=assessment, values=sheet.values(), notes={}, source="x", by=cast["coordinator"]
        )
    kept = Answer.objects.filter(assessment=assessment, level=Level.SELF).values_list("ref", flat=True)
    assert list(kept) == ["A.I.1.i.a"]


def upload(client, assessment, data: bytes, name: str = "lke.csv"):
    return client.post(reverse("lke:sheet", args=[assessment.pk]), {"file": SimpleUploadedFile(name, data)})


def test_web_preview_shows_the_score_then_saves(client, cast, assessment):
    client.force_login(cast["coordinator"])
    page = upload(client, assessment, SHEET.read_bytes()).content.decode()
    assert "110 dari 113 pertanyaan LKE dijawab" in page
    assert 'id="sheet-total">91,37<' in page
    assert "A.I.2.iii.a dibaca sebagai C" in page and "A.I.4.i.c" in page
    assert not Answer.objects.filter(assessment=assessment).exists()
    response = client.post(reverse("lke:sheet_confirm", args=[assessment.pk]))
    assert response.status_code == 302
    assert Answer.objects.filter(assessment=assessment, level=Level.SELF).count() == 110
    # used once
    client.post(reverse("lke:sheet_confirm", args=[assessment.pk]))
    assert AuditEvent.objects.filter(action="lke.sheet_imported").count() == 1


def test_web_refuses_a_broken_sheet_and_saves_nothing(client, cast, assessment):
    client.force_login(cast["coordinator"])
    page = upload(client, assessment, b"a,b\n1,2\n").content.decode()
    assert "tabel LKE tidak ditemukan" in page
    client.post(reverse("lke:sheet_confirm", args=[assessment.pk]))
    assert not Answer.objects.filter(assessment=assessment).exists()


@pytest.mark.parametrize("who", ["outsider", "viewer", "reviewer", "no_role"])
def test_only_the_units_managers_import_a_sheet(client, cast, assessment, who):
    client.force_login(cast[who])
    response = upload(client, assessment, SHEET.read_bytes())
    assert "sheet-total" not in response.content.decode()
    client.post(reverse("lke:sheet_confirm", args=[assessment.pk]))
    assert not Answer.objects.filter(assessment=assessment).exists()


def test_another_units_preview_is_not_saved_here(client, cast, units, assessment):
    """A preview read for one assessment can't be confirmed into another."""
    other = assessment_create(unit=units["PALEMBANG"], year=2024, by=cast["coordinator"])
    client.force_login(cast["coordinator"])
    upload(client, assessment, SHEET.read_bytes())
    client.post(reverse("lke:sheet_confirm", args=[other.pk]))
    assert not Answer.objects.filter(assessment=other).exists()


def test_only_the_file_waits_between_the_steps_and_is_read_again(client, cast, assessment):
    client.force_login(cast["coordinator"])
    assert "sheet-total" in upload(client, assessment, SHEET.read_bytes()).content.decode()
    held = client.session["zona_lke_sheet"]
    assert set(held) == {"key", "assessment"} and held["assessment"] == assessment.pk
    session = json.dumps(dict(client.session.items()))
    assert "A.I.2.iii.a" not in session and "Hasil survey eksternal" not in session
    assert sorted(_stored(cast["coordinator"])) == [f"{held['key']}.json", f"{held['key']}.upload"]
    client.post(reverse("lke:sheet_confirm", args=[assessment.pk]))  # saved from the file read again
    assert Answer.objects.filter(assessment=assessment, level=Level.SELF).count() == 110
    assert "zona_lke_sheet" not in client.session and _stored(cast["coordinator"]) == []


def test_another_persons_kept_file_is_not_saved(client, cast, assessment):
    """A key taken from another person's session finds nothing in one's own folder."""
    client.force_login(cast["coordinator"])
    upload(client, assessment, SHEET.read_bytes())
    key = client.session["zona_lke_sheet"]["key"]
    client.force_login(cast["admin"])
    session = client.session
    session["zona_lke_sheet"] = {"key": key, "assessment": assessment.pk}
    session.save()
    response = client.post(reverse("lke:sheet_confirm", args=[assessment.pk]), follow=True)
    assert "Tidak ada yang disimpan" in response.content.decode()
    assert not Answer.objects.filter(assessment=assessment).exists()
    assert len(_stored(cast["coordinator"])) == 2  # the uploader's file is still theirs


def test_cli_import_dry_run_json_then_save(units, capsys):
    call_command(
        "lke", "import", str(SHEET), "--unit", "SUMSEL", "--year", "2024", "--dry-run", "--format", "json"
    )
    report = json.loads(capsys.readouterr().out)
    assert report["saved"] is None and str(report["score"]["total"]) == "91.37"
    assert report["missing"] == ["A.I.2.i.a", "A.I.4.i.c", "A.I.6.ii.b"]
    assert {"row": 31, "written": "c", "read": "A.I.2.iii.a dibaca sebagai C"} in report["normalised"]
    assert not Assessment.objects.exists()
    call_command("lke", "import", str(SHEET), "--unit", "SUMSEL", "--year", "2024")
    out = capsys.readouterr().out
    assert "110 jawaban dibaca" in out and "total 91.37" in out
    assert "pertanyaan tanpa jawaban: A.I.2.i.a, A.I.4.i.c, A.I.6.ii.b\n" in out
    assessment = Assessment.objects.get(unit=units["SUMSEL"], year=2024)
    assert assessment.answers.filter(level=Level.SELF).count() == 110
    with pytest.raises(CommandError, match="kode unit tidak dikenal"):
        call_command("lke", "import", str(SHEET), "--unit", "NOPE", "--year", "2024")


def test_cli_names_the_first_20_questions_without_an_answer_and_counts_the_rest(units, capsys, tmp_path):
    path = tmp_path / "lke.csv"
    team = "Unit kerja telah membentuk tim untuk melakukan pembangunan Zona Integritas"
    path.write_text(HEADER + f"A.,I.,1,i.,a.,{team},ya,\n")
    call_command("lke", "import", str(path), "--unit", "SUMSEL", "--year", "2024", "--dry-run")
    out = capsys.readouterr().out
    without = [ref for ref in LKE.questions if ref != "A.I.1.i.a"]
    assert f"{len(without)} pertanyaan tanpa jawaban" in out
    assert f"pertanyaan tanpa jawaban: {', '.join(without[:20])} (dan {len(without) - 20} lainnya)" in out


def test_cli_score_takes_the_sheet_too(capsys):
    call_command("lke", "score", str(SHEET))
    assert capsys.readouterr().out.startswith("total 91.37")
