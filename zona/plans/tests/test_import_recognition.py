"""The layout chosen by evidence: a regency's plan with a row-number column (`No`) and columns
no layout reads (`petugas_id`) imports to its six areas, one indicator per LKE question with its
person in charge, from CSV and from XLSX under a title row; when the evidence is weak the user
is asked, with the candidates and the options that import each; tables as they come (two header
rows with a merged cell, several sheets, a signature under the table, CSV dialects)."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from zona.plans.importers import read_plan
from zona.plans.importers.recognise import LayoutUncertain, without_footer
from zona.plans.importers.rows import Row
from zona.plans.tests.regency import TITLE, expected, questions, regency_csv, regency_rows, regency_xlsx


def linked(plan) -> dict[str, str]:
    return {i.lke_ref: i.pic for i in plan.indicators()}


# One row per question of the Pengungkit component of the LKE (PermenPAN-RB 90/2021): 87 in
# Pemenuhan and 23 in Reform, 110 in all, every one of them answered, the eight numeric ones by
# their counts, so each is a row of the plan. Why not 109: docs/importing.md, "One row per LKE
# question".
QUESTIONS = 110


def test_the_regency_file_has_one_row_per_question_of_the_pengungkit():
    assert len(questions()) == QUESTIONS == len(regency_rows()) - 1
    assert [sum(q.part == part for q in questions()) for part in ("I", "II")] == [87, 23]


def assert_regency(plan) -> None:
    assert plan.layout == "lke_text"
    assert [a.code for a in plan.areas] == ["I", "II", "III", "IV", "V", "VI"]
    assert len(plan.indicators()) == QUESTIONS
    assert linked(plan) == expected()  # each linked to its question, with its person in charge
    assert "no" not in plan.columns and "petugasid" not in str(plan.columns).lower()
    assert plan.rows.dropped == 0 and not plan.dropped()


@pytest.mark.parametrize(
    "data, name",
    [
        (regency_csv(), "rencana_kabupaten.csv"),
        (regency_xlsx(), "rencana_kabupaten.xlsx"),  # a title row, an empty row, then the table
        (regency_csv(delimiter=";", encoding="cp1252"), "rencana_kabupaten.csv"),
        (b"\xef\xbb\xbf" + regency_csv(), "rencana_kabupaten.csv"),  # UTF-8 with BOM
    ],
)
def test_the_regency_plan_with_its_row_numbers_imports_whole(data, name):
    plan = read_plan(data, name)
    assert_regency(plan)
    assert plan.columns["indicator"] == "pertanyaan_lke" and plan.columns["pic"] == "tim_kerja_terkait"


def test_the_regency_plan_is_the_same_with_or_without_its_no_column():
    without = read_plan(regency_csv([row[1:] for row in regency_rows()]), "tanpa_no.csv")
    assert linked(without) == linked(read_plan(regency_csv(), "dengan_no.csv"))


def test_the_command_imports_the_regency_plan(db, tmp_path, capsys):
    path = tmp_path / "rencana_kabupaten.csv"
    path.write_bytes(regency_csv())
    call_command("import_plan", str(path), "--unit", "X", "--dry-run", "--format", "json")
    assert '"layout": "lke_text"' in capsys.readouterr().out


def test_a_header_repeated_with_a_few_cells_misread_is_the_same_tables():
    """A scan's header row repeated on each page, read by OCR with a slip or two, is no second
    table: the whole plan imports under the first header, the repeats skipped."""
    rows = regency_rows()
    misread = [*rows[0][:8], "dokumen bi", "diim kerja terk", "ibemeriksa", "petuga"]
    plan = read_plan(regency_csv([*rows[:41], misread, *rows[41:]]), "pindaian.csv")
    assert_regency(plan)
    assert plan.rows.repeats == 1 and plan.columns["pic"] == "tim_kerja_terkait"


def weak_rows() -> list[list[str]]:
    """Neither layout places the rows: no area, and each question written backwards."""
    rows = [["No", "Komponen", "pertanyaan_lke", "uraian_rencana_aksi"]]
    return rows + [[r[0], "", r[5][::-1], r[6]] for r in regency_rows()[1:]]


def test_a_wrong_guess_asks_instead_of_blaming_every_row():
    with pytest.raises(LayoutUncertain) as raised:
        read_plan(regency_csv(weak_rows()), "lemah.csv")
    kinds = [c.layout.kind for c in raised.value.candidates]
    assert set(kinds) == {"decree", "lke_text"}
    text = str(raised.value)
    assert "tidak bernama" not in text and text.count("baris") < 5  # no row blamed one by one
    assert "--layout decree" in text and '--map indicator="pertanyaan_lke"' in text


def test_the_command_lists_the_candidates_and_their_options(db, tmp_path):
    path = tmp_path / "lemah.csv"
    path.write_bytes(regency_csv(weak_rows()))
    with pytest.raises(CommandError) as raised:
        call_command("import_plan", str(path), "--unit", "X", "--dry-run")
    message = str(raised.value)
    assert "--layout lke_text" in message and "--layout decree" in message
    assert "-1.00" in message  # the scores


def test_layout_option_reads_the_file_in_the_layout_named(db, tmp_path, capsys):
    rows = [["No", "area", "pertanyaan_lke", "uraian_rencana_aksi", "tim_kerja_terkait"]]
    rows += [[r[0], r[2], r[5], r[6], r[9]] for r in regency_rows()[1:]]
    path = tmp_path / "r.csv"
    path.write_bytes(regency_csv(rows))
    call_command(
        "import_plan", str(path), "--unit", "X", "--dry-run", "--layout", "lke_text", "--format", "json"
    )
    assert '"layout": "lke_text"' in capsys.readouterr().out


def test_a_forced_layout_that_fits_no_row_is_refused_once_with_the_candidates(db, tmp_path):
    """`--layout decree` on the regency plan: its `No` makes every row a component without a name.
    One refusal says so, with the first row as the example and the layouts the file allows,
    never a message per row for the same cause."""
    path = tmp_path / "rencana_kabupaten.csv"
    path.write_bytes(regency_csv())
    with pytest.raises(CommandError) as raised:
        call_command("import_plan", str(path), "--unit", "X", "--dry-run", "--layout", "decree")
    message = str(raised.value)
    assert "tidak sesuai dengan tata letak" in message and f"dari {QUESTIONS} barisnya" in message
    assert (
        message.count("tidak bernama") == 1 and "(yang pertama: baris 2: komponen 1 tidak bernama)" in message
    )
    assert "--layout lke_text" in message and '--map evidence="output + dokumen_bukti"' in message


@pytest.mark.parametrize("evidence", [["output + dokumen_bukti"], ["output", "dokumen_bukti"]])
def test_several_columns_for_one_field_are_read_joined(db, tmp_path, capsys, evidence):
    """The options the command suggests (`--map evidence="output + dokumen_bukti"`), or the field
    mapped once per column, read the evidence from both columns, as the recognition does."""
    path = tmp_path / "rencana_kabupaten.csv"
    path.write_bytes(regency_csv())
    maps = [f"{f}={c}" for f, c in (("indicator", "pertanyaan_lke"), ("actions", "uraian_rencana_aksi"))]
    maps += ["area=area", "subarea=sub_pilar", *(f"evidence={e}" for e in evidence)]
    options = [part for m in maps for part in ("--map", m)]
    call_command("import_plan", str(path), "--unit", "X", "--dry-run", "--format", "json", *options)
    report = json.loads(capsys.readouterr().out)
    assert report["columns"]["evidence"] == "output + dokumen_bukti" and report["layout"] == "lke_text"
    mapped = [i["evidence"] for a in report["areas"] for c in a["components"] for i in c["indicators"]]
    automatic = [i.evidence for i in read_plan(regency_csv(), "r.csv").indicators()]
    assert len(mapped) == QUESTIONS and mapped == automatic
    first = regency_rows()[1]
    assert first[7] in mapped[0] and first[8] in mapped[0]


def test_a_column_whose_own_name_holds_a_plus_is_that_one_column(db, tmp_path, capsys):
    rows = [["No", "area", "pertanyaan_lke", "uraian_rencana_aksi", "Output + Dokumen"]]
    rows += [[r[0], r[2], r[5], r[6], r[7]] for r in regency_rows()[1:]]
    path = tmp_path / "r.csv"
    path.write_bytes(regency_csv(rows))
    maps = [
        "indicator=pertanyaan_lke",
        "actions=uraian_rencana_aksi",
        "area=area",
        "evidence=Output + Dokumen",
    ]
    options = [part for m in maps for part in ("--map", m)]
    call_command("import_plan", str(path), "--unit", "X", "--dry-run", "--format", "json", *options)
    report = json.loads(capsys.readouterr().out)
    assert report["columns"]["evidence"] == "Output + Dokumen"
    evidence = [i["evidence"] for a in report["areas"] for c in a["components"] for i in c["indicators"]]
    assert evidence[0] == regency_rows()[1][7]


def test_a_field_of_one_column_mapped_to_two_is_refused(db, tmp_path):
    path = tmp_path / "rencana_kabupaten.csv"
    path.write_bytes(regency_csv())
    with pytest.raises(CommandError, match="indicator dibaca dari satu kolom saja"):
        call_command(
            "import_plan", str(path), "--unit", "X", "--dry-run",
            "--map", "indicator=pertanyaan_lke", "--map", "indicator=uraian_rencana_aksi",
        )  # fmt: skip


# -- tables as they come -----------------------------------------------------------------------
DECREE = [
    ["I", "MANAJEMEN PERUBAHAN", "", "", "", "", ""],
    [
        "1",
        "Tim Kerja",
        "Tim kerja telah dibentuk",
        "Rapat pembentukan tim",
        "SK Tim",
        "Januari 2026",
        "Sekretaris",
    ],
    [
        "2",
        "Rencana",
        "Rencana kerja disusun",
        "Menyusun rencana",
        "Dokumen rencana",
        "Februari 2026",
        "Tim MP",
    ],
    ["II", "PENATAAN TATALAKSANA", "", "", "", "", ""],
    ["1", "SOP", "SOP dievaluasi", "Evaluasi SOP", "Laporan evaluasi", "Juni 2026", "Tim TL"],
]


def two_header_rows_xlsx(*, sheets_before: int = 0, footer: bool = False) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    for number in range(sheets_before):
        sheet = first if number == 0 else book.create_sheet()
        sheet.title = f"Petunjuk {number + 1}"
        sheet.append(["Petunjuk pengisian", "Isi satu baris per indikator"])
        sheet.append(["Kolom INDIKATOR", "teks indikator"])
    sheet = first if not sheets_before else book.create_sheet("Rencana Aksi")
    sheet.append([TITLE])
    sheet.append(["NO", "KOMPONEN", "INDIKATOR", "RENCANA AKSI", None, "TARGET\nWAKTU", "PENANGGUNG JAWAB"])
    sheet.append([None, None, None, "Uraian Kegiatan", "Bukti Dukung", None, None])
    sheet.merge_cells("D2:E2")
    for name in ("A", "B", "C", "F", "G"):
        sheet.merge_cells(f"{name}2:{name}3")
    for row in DECREE:
        sheet.append(row)
    if footer:
        sheet.append([])
        sheet.append([None, None, None, None, "Palembang, 2 Januari 2026"])
        sheet.append([None, None, None, None, "Kepala Kantor"])
        sheet.append([None, None, None, None, "NIP 19700101 199001 1 001"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def decree_texts(plan):
    return [(i.text, tuple(i.actions), i.evidence, i.pic) for i in plan.indicators()]


def test_two_header_rows_with_merged_cells():
    plan = read_plan(two_header_rows_xlsx(), "dua_baris_judul.xlsx")
    assert plan.layout == "decree" and plan.counts()["indicators"] == 3
    assert decree_texts(plan)[0] == (
        "Tim kerja telah dibentuk",
        ("Rapat pembentukan tim",),
        "SK Tim",
        "Sekretaris",
    )
    assert plan.columns["actions"] == "Uraian Kegiatan" and plan.columns["evidence"] == "Bukti Dukung"


def test_the_plans_sheet_is_chosen_by_content_and_the_others_named():
    plan = read_plan(two_header_rows_xlsx(sheets_before=2), "beberapa_sheet.xlsx")
    assert decree_texts(plan) == decree_texts(read_plan(two_header_rows_xlsx(), "x.xlsx"))
    assert plan.sheet == "Rencana Aksi" and plan.other_sheets == ["Petunjuk 1", "Petunjuk 2"]
    assert plan.to_dict()["other_sheets"] == ["Petunjuk 1", "Petunjuk 2"]


def test_a_signature_under_the_table_is_no_data():
    plan = read_plan(two_header_rows_xlsx(footer=True), "ttd.xlsx")
    assert decree_texts(plan) == decree_texts(read_plan(two_header_rows_xlsx(), "x.xlsx"))
    assert plan.rows.dropped == 0 and plan.rows.total == 5


def test_the_last_row_of_more_steps_is_not_taken_for_a_signature():
    rows = [Row(str(i), cells) for i, cells in enumerate([["a", "b", "c"], ["1", "x", "y"], ["", "", "z"]])]
    assert without_footer(rows) == (rows, 0)
    signed = [*rows, Row("4", ["", "Kepala Kantor", ""])]
    assert without_footer(signed) == (rows, 1)
