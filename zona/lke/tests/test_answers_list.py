"""A list of answers, one question a row (`ref,answer`), the simplest file a person writes by
hand: `zona lke import`, the web import and `zona lke score` read it as people make it (header
names, a row-number column, a title row, a BOM, semicolons or tabs, cp1252/latin-1, a note
column, the agencies' `A.1.I.i.a` codes, no header at all), all or nothing, every bad row named."""

from __future__ import annotations

import csv
import io
import itertools
import json
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from conftest import reads_inline
from zona.lke.instrument import resolve
from zona.lke.models import Answer, Assessment, Level
from zona.lke.scoring import AnswerError, parse_answer
from zona.lke.services import assessment_create, sheet_import
from zona.lke.sheet import SheetError, read_sheet

# the plan importer's: each test's kept files in a storage of its own
from zona.plans.tests.test_import_uploads import _own_storage  # noqa: F401

LKE = resolve(None)
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI"}


def _valid(question) -> list[str]:
    """Answers as people write them that the question takes."""
    if question.type == "yn":
        return ["Ya", "ya", "YA", "Tidak", "tidak"]
    if question.type == "index":
        return ["3,6", "3.59", "4", "2"]
    if question.inputs:
        combos = itertools.product(range(4), repeat=len(question.inputs))
        written = [sep.join(map(str, c)) for c in combos for sep in (";", "|")]
        found = []
        for text in written:
            try:
                parse_answer(question, text)
            except AnswerError:
                continue
            found.append(text)
        return found
    return [*question.options, *(key.lower() for key in question.options)]


VALID = {ref: _valid(q) for ref, q in LKE.questions.items()}
CHOICE_REFS = sorted(ref for ref, q in LKE.questions.items() if not q.inputs and q.type != "index")


def _agencies_code(ref: str) -> str:
    """A.I.1.i.a as agencies write it: A.1.I.i.a (1 Pemenuhan / 2 Reform, the area in Roman)."""
    parts = ref.split(".")
    if parts[0] != "A":
        return ref.replace("B.1", "B.I").replace("B.2", "B.II")
    return ".".join(["A", {"I": "1", "II": "2"}[parts[1]], ROMAN[int(parts[2])], *parts[3:]])


@dataclass
class ListFile:
    """A generated list, how it is written and what it must read as."""

    lines: list[list[str]]
    values: dict[str, str]
    notes: dict[str, str]
    rows: dict[str, int]  # ref → the row it is on (1 the file's first)
    columns: dict[str, int]  # ref, answer → their column
    delimiter: str
    encoding: str

    def data(self, lines: list[list[str]] | None = None) -> bytes:
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=self.delimiter, lineterminator="\r\n").writerows(lines or self.lines)
        return buffer.getvalue().encode(self.encoding)


NOTES = ["SK Kepala nomor 5/2026", "Sudah ditetapkan (é)", "Lihat bukti; folder 2", ""]
REF_NAMES = ["ref", "Ref", "REF", "kode", "Kode", "Kode LKE", "kode_pertanyaan"]
ANSWER_NAMES = ["answer", "Answer", "jawaban", "Jawaban", "JAWABAN", "nilai", "Nilai", "Jawaban Unit"]


@st.composite
def answer_lists(draw):
    refs = draw(st.lists(st.sampled_from(sorted(LKE.questions)), min_size=1, max_size=8, unique=True))
    header = draw(st.booleans())
    if not header and not set(refs) & set(CHOICE_REFS):
        # without a header, a list of nothing but "a;b;c" counts could be sniffed as separated by ";"
        refs.append(draw(st.sampled_from(CHOICE_REFS)))
    numbered, noted = draw(st.booleans()), header and draw(st.booleans())
    order = (
        draw(st.permutations(["ref", "answer", "note"] if noted else ["ref", "answer"])) if header else None
    )
    order = list(order or ["ref", "answer"])
    lines: list[list[str]] = []
    if draw(st.booleans()):
        lines.append([draw(st.sampled_from(["Jawaban LKE ZI 2026", "LKE KPU Provinsi Sumatera Selatan"]))])
    number = [draw(st.sampled_from(["No", "No.", "Nomor"]))] if numbered else []
    if header:
        names = {
            "ref": draw(st.sampled_from(REF_NAMES)),
            "answer": draw(st.sampled_from(ANSWER_NAMES)),
            "note": draw(st.sampled_from(["Catatan", "keterangan"])),
        }
        lines.append(number + [names[c] for c in order])
    values, notes, rows = {}, {}, {}
    for n, ref in enumerate(refs, start=1):
        written = draw(st.sampled_from(VALID[ref]))
        code = _agencies_code(ref) if draw(st.booleans()) else ref
        note = draw(st.sampled_from(NOTES)) if noted else ""
        cells = {"ref": code, "answer": written, "note": note}
        lines.append(([str(n)] if numbered else []) + [cells[c] for c in order])
        values[ref] = parse_answer(LKE.questions[ref], written).as_text()
        if note:
            notes[ref] = note
        rows[ref] = len(lines)
    columns = {c: order.index(c) + len(number) for c in ("ref", "answer")}
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1"]))
    return ListFile(lines, values, notes, rows, columns, delimiter, encoding)


@reads_inline
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer_lists())
def test_every_variant_of_a_list_reads_as_written(made):
    sheet = read_sheet(made.data(), "jawaban.csv", LKE)
    assert sheet.values() == made.values, made.lines
    assert sheet.notes == made.notes
    assert sheet.rows == made.rows
    assert sheet.problems == [] and set(sheet.missing) == set(LKE.questions) - set(made.values)


BAD = {  # (a question listed, one not listed) → the bad row's code, its answer, what is said
    "an unknown code": lambda listed, fresh: ("A.I.9.x.a", "Ya", "referensi “A.I.9.x.a” tidak dikenal"),
    "an answer the question does not take": lambda listed, fresh: (
        fresh,
        "F",
        f"“F” bukan jawaban untuk {fresh}",
    ),
    "a question listed twice": lambda listed, fresh: (listed, VALID[listed][0], f"{listed} dijawab dua kali"),
    "an answer without its code": lambda listed, fresh: ("", "Ya", "jawaban tanpa kode pertanyaannya"),
}


@reads_inline
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer_lists(), st.sampled_from(sorted(BAD)), st.data())
def test_one_bad_row_refuses_the_whole_list_naming_its_row(made, kind, data):
    """All or nothing: a list with one bad row anywhere after its first answer gives no answers,
    and the refusal names that row (its number as the file shows it) and what is wrong with it,
    in Indonesian."""
    listed = data.draw(st.sampled_from(sorted(made.rows)))
    fresh = data.draw(st.sampled_from([r for r in CHOICE_REFS if r not in made.rows]))
    code, answer, message = BAD[kind](listed, fresh)
    after = made.rows[listed] if kind == "a question listed twice" else min(made.rows.values())
    at = data.draw(st.integers(min_value=after, max_value=len(made.lines)))  # the bad row's index
    row = [""] * len(made.lines[-1])
    row[made.columns["ref"]], row[made.columns["answer"]] = code, answer
    with pytest.raises(SheetError) as refused:
        read_sheet(made.data([*made.lines[:at], row, *made.lines[at:]]), "jawaban.csv", LKE)
    problems = refused.value.problems
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"baris {at + 1}: ") and message in problems[0], problems


def test_a_header_zona_does_not_know_is_named_with_the_names_it_knows():
    with pytest.raises(SheetError) as refused:
        read_sheet(b"Jawaban LKE 2026\nquestion,value\nA.I.1.i.a,Ya\n", "x.csv", LKE)
    assert refused.value.problems == [
        "baris 2: kolom tidak dikenali: beri nama kolom kode pertanyaan ref atau kode, dan kolom jawabannya "
        "answer, jawaban atau nilai"
    ]


def test_the_counts_of_a_numeric_answer_split_by_semicolons_are_joined_again():
    """`A.II.1.i.a;5;4` in a file separated by semicolons: the counts in the next cells, in
    columns without a header, are the answer's; a named note column is not."""
    sheet = read_sheet(b"ref;jawaban\nA.II.1.i.a;5;4\nA.I.1.i.a;Ya\n", "x.csv", LKE)
    assert sheet.values() == {"A.II.1.i.a": "5;4", "A.I.1.i.a": "Ya"}
    with pytest.raises(SheetError, match="baris 2: A.II.1.i.a harus diisi 2 angka yang dipisah"):
        read_sheet(b"ref;jawaban;catatan\nA.II.1.i.a;5;4\n", "x.csv", LKE)


def test_a_list_in_a_spreadsheet_reads_the_same():
    book = Workbook()
    book.active.append(["No", "Kode", "Jawaban", "Catatan"])
    book.active.append([1, "A.I.1.i.a", "ya", "SK tim kerja"])
    book.active.append([2, "B.1.a", 3.6, None])
    buffer = io.BytesIO()
    book.save(buffer)
    sheet = read_sheet(buffer.getvalue(), "jawaban.xlsx", LKE)
    assert sheet.values() == {"A.I.1.i.a": "Ya", "B.1.a": "3.6"}
    assert sheet.notes == {"A.I.1.i.a": "SK tim kerja"}


# -- importing -----------------------------------------------------------------------------------

LIST = 'No;Ref;Jawaban;Catatan\n1;A.I.1.i.a;Ya;SK tim kerja (é)\n2;A.1.I.i.b;c;\n3;A.II.1.i.a;"5;4";\n'


def test_cli_imports_a_ref_answer_list(units, tmp_path, capsys):
    path = tmp_path / "jawaban.csv"
    path.write_text("ref,answer\nA.I.1.i.a,Ya\nA.II.1.i.a,5;4\n", "utf-8")
    call_command("lke", "import", str(path), "--unit", "SUMSEL", "--year", "2026", "--format", "json")
    report = json.loads(capsys.readouterr().out)
    assert report["saved"] == 2 and report["answers"] == {"A.I.1.i.a": "Ya", "A.II.1.i.a": "5;4"}
    assessment = Assessment.objects.get(unit=units["SUMSEL"], year=2026)
    saved = dict(assessment.answers.filter(level=Level.SELF).values_list("ref", "value"))
    assert saved == {"A.I.1.i.a": "Ya", "A.II.1.i.a": "5;4"}

    path.write_bytes(LIST.encode("cp1252"))
    call_command("lke", "import", str(path), "--unit", "SUMSEL", "--year", "2026")
    out = capsys.readouterr().out
    assert "3 jawaban dibaca, 0 baris tidak diimpor" in out and "kode dibaca sebagai A.I.1.i.b" in out
    answer = Answer.objects.get(assessment=assessment, level=Level.SELF, ref="A.I.1.i.a")
    assert answer.justification == "SK tim kerja (é)"


def test_cli_import_of_a_list_with_a_bad_row_saves_nothing(units, cast, tmp_path):
    assessment = assessment_create(unit=units["SUMSEL"], year=2026, by=cast["coordinator"])
    sheet_import(assessment=assessment, values={"A.I.1.i.a": "Tidak"}, notes={}, source="x", by=None)
    path = tmp_path / "jawaban.csv"
    path.write_text("kode,nilai\nA.I.1.i.a,Ya\nA.I.1.i.b,F\nA.I.9.x.a,Ya\n", "utf-8")
    with pytest.raises(CommandError) as refused:
        call_command("lke", "import", str(path), "--unit", "SUMSEL", "--year", "2026")
    message = str(refused.value)
    assert "baris 3: “F” bukan jawaban untuk A.I.1.i.b" in message
    assert "baris 4: referensi “A.I.9.x.a” tidak dikenal" in message
    saved = dict(assessment.answers.filter(level=Level.SELF).values_list("ref", "value"))
    assert saved == {"A.I.1.i.a": "Tidak"}  # not even the good row
    with pytest.raises(CommandError, match="baris 3"):
        call_command("lke", "import", str(path), "--unit", "JAMBI", "--year", "2026")
    assert not Assessment.objects.filter(unit=units["JAMBI"]).exists()


def test_cli_score_takes_the_variants_too(tmp_path, capsys):
    path = tmp_path / "jawaban.csv"
    path.write_bytes(LIST.encode("utf-8"))
    call_command("lke", "score", str(path), "--format", "json")
    assert len(json.loads(capsys.readouterr().out)["unanswered"]) == 110


def _upload(client, assessment, data: bytes, name: str = "jawaban.csv"):
    return client.post(reverse("lke:sheet", args=[assessment.pk]), {"file": SimpleUploadedFile(name, data)})


def test_web_imports_a_list_after_its_preview(client, cast, units):
    assessment = assessment_create(unit=units["SUMSEL"], year=2026, by=cast["coordinator"])
    client.force_login(cast["coordinator"])
    page = _upload(client, assessment, ("\ufeff" + LIST).encode("utf-8")).content.decode()
    assert "3 dari 113 pertanyaan LKE dijawab" in page and "kode dibaca sebagai A.I.1.i.b" in page
    # the 110 questions the list leaves out are counted as the CLI counts them (it showed 0)
    assert "110 pertanyaan tanpa jawaban" in page
    assert not assessment.answers.exists()
    client.post(reverse("lke:sheet_confirm", args=[assessment.pk]))
    saved = dict(assessment.answers.filter(level=Level.SELF).values_list("ref", "value"))
    assert saved == {"A.I.1.i.a": "Ya", "A.I.1.i.b": "C", "A.II.1.i.a": "5;4"}


def test_web_refuses_a_list_with_a_bad_row_and_saves_nothing(client, cast, units):
    assessment = assessment_create(unit=units["SUMSEL"], year=2026, by=cast["coordinator"])
    client.force_login(cast["coordinator"])
    page = _upload(client, assessment, b"Ref;Jawaban\nA.I.1.i.a;Ya\nA.I.1.i.b;Z\n").content.decode()
    assert "baris 3: “Z” bukan jawaban untuk A.I.1.i.b" in page and "sheet-total" not in page
    client.post(reverse("lke:sheet_confirm", args=[assessment.pk]))
    assert not assessment.answers.exists()


# -- what a list must not read silently --------------------------------------------------------

SINGLE_REFS = sorted(ref for ref, q in LKE.questions.items() if len(q.inputs) < 2)


@reads_inline
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer_lists(), st.data())
def test_a_filled_cell_no_header_names_refuses_the_list_trailing_empty_cells_do_not(made, data):
    """`B.1.a,3,6` (a decimal comma in a file separated by commas) is never read as 3: a filled
    cell after the columns the list names refuses the whole list, naming its row and what to do.
    Empty cells after them are nothing."""
    padded = [line + ["", ""] for line in made.lines]
    sheet = read_sheet(made.data(padded), "jawaban.csv", LKE)
    assert sheet.values() == made.values and sheet.notes == made.notes, padded
    fresh = data.draw(st.sampled_from([r for r in SINGLE_REFS if r not in made.rows]))
    whole, extra = ("3", "6") if LKE.questions[fresh].type == "index" else (VALID[fresh][0], "SK 5/2026")
    at = data.draw(st.integers(min_value=min(made.rows.values()), max_value=len(made.lines)))
    row = [""] * len(made.lines[-1])
    row[made.columns["ref"]], row[made.columns["answer"]] = fresh, whole
    for bad in (row + [extra], row + ["", extra]):
        with pytest.raises(SheetError) as refused:
            read_sheet(made.data([*made.lines[:at], bad, *made.lines[at:]]), "jawaban.csv", LKE)
        assert refused.value.problems == [
            f"baris {at + 1}: “{extra}” ada di kolom tanpa judul: tulis angka desimal dengan titik (3.6) "
            'atau apit selnya dengan tanda kutip ("3,6"); catatan ditulis di kolom berjudul catatan'
        ]


@pytest.mark.parametrize(
    "data",
    [b"ref,answer\nA.I.1.i.a,Ya\nB.1.a,3,6\n", b"A.I.1.i.a,Ya\nB.1.a,4,5\n", b"ref,answer\nB.1.a,,6\n"],
)
def test_a_decimal_comma_in_a_comma_separated_list_is_refused_not_cut(data):
    with pytest.raises(SheetError) as refused:
        read_sheet(data, "jawaban.csv", LKE)
    assert refused.value.problems[0].startswith("baris ") and "kolom tanpa judul" in refused.value.problems[0]
    assert read_sheet(b'ref,answer\nB.1.a,"3,6"\nB.1.b,A,,\n', "x.csv", LKE).values() == {
        "B.1.a": "3.6",
        "B.1.b": "A",
    }


def test_a_decimal_comma_into_the_note_column_is_refused_not_cut():
    """Under `ref,answer,catatan`, `B.1.a,3,6` puts 6 in the note column: read as 3 with the note
    "6" it would be a wrong answer no one sees; digits alone are no justification."""
    with pytest.raises(SheetError) as refused:
        read_sheet(b"ref,answer,catatan\nB.1.a,3,6\n", "jawaban.csv", LKE)
    assert refused.value.problems == [
        "baris 2: “3” dan catatan “6” tampaknya satu angka desimal yang terpisah oleh koma: "
        'tulis dengan titik (3.6) atau apit selnya dengan tanda kutip ("3,6")'
    ]
    kept = read_sheet(b'ref,answer,catatan\nB.1.a,"3,6",6\nB.1.b,A,SK 6\n', "x.csv", LKE)
    assert kept.values() == {"B.1.a": "3.6", "B.1.b": "A"} and kept.notes["B.1.a"] == "6"


# -- Zona's own export imports back ------------------------------------------------------------


def test_zonas_own_lke_export_imports_back_into_a_new_assessment(client, cast, units):
    """`/lke/<pk>/ekspor.xlsx` read back: the self-assessment's answers and the unit's
    justifications, never the TPI's answers or notes."""
    source = assessment_create(unit=units["SUMSEL"], year=2026, by=cast["coordinator"])
    values = {ref: parse_answer(q, VALID[ref][-1]).as_text() for ref, q in LKE.questions.items()}
    # a justification on two lines stays on two lines
    notes = {ref: f"SK {n}/2026\nditetapkan, dengan koma" for n, ref in enumerate(sorted(values)[::7])}
    sheet_import(assessment=source, values=values, notes=notes, source="x", by=None)
    for ref in sorted(values)[::5]:
        Answer.objects.create(
            assessment=source, level=Level.TPI, ref=ref, value=VALID[ref][0], justification="Kata TPI"
        )
    client.force_login(cast["coordinator"])
    exported = client.get(reverse("lke:export_xlsx", args=[source.pk])).content
    target = assessment_create(unit=units["SUMSEL"], year=2027, by=cast["coordinator"])
    page = _upload(client, target, exported, "LKE SUMSEL 2026.xlsx").content.decode()
    assert "113 dari 113 pertanyaan LKE dijawab" in page, page
    client.post(reverse("lke:sheet_confirm", args=[target.pk]))
    saved = target.answers.filter(level=Level.SELF)
    assert dict(saved.values_list("ref", "value")) == values
    kept = {a.ref: a.justification for a in saved if not a.justification.startswith("Diimpor")}
    assert kept == notes
    assert not target.answers.filter(level=Level.TPI).exists()
