"""`zona ikm FILE [--weight exact|0.111] [--format json]`: the IKM of a spreadsheet of SKM
questionnaires, for auditors, with errors naming the row and the column."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = FIXTURES / "skm-29-responden.csv"


def run(*args) -> str:
    out = io.StringIO()
    with translation.override("id"):
        call_command("ikm", *[str(a) for a in args], stdout=out)
    return out.getvalue()


def test_json_has_the_documented_shape():
    report = json.loads(run(GOLDEN, "--format", "json"))
    assert set(report) == {"ikm", "mutu", "respondents", "nrr"}
    assert report["ikm"] == 91.48 and report["mutu"] == "A" and report["respondents"] == 29
    assert len(report["nrr"]) == 9 and report["nrr"][0] == 3.6207 and report["nrr"][3] == 4.0


def test_the_printed_weight_on_request():
    assert json.loads(run(GOLDEN, "--format", "json", "--weight", "0.111"))["ikm"] == 91.38


def test_the_text_form_is_a_table_of_the_same_figures():
    text = run(GOLDEN)
    assert "U1      3.6207" in text and "U4      4.0000" in text
    assert "responden: 29" in text
    assert "IKM: 91.48  mutu: A" in text


def test_xlsx_with_other_columns_and_lower_case_headers(tmp_path):
    lines = GOLDEN.read_text(encoding="utf-8").splitlines()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Catatan", *[h.lower() for h in lines[0].split(";")]])
    for line in lines[1:]:
        cells = line.split(";")
        sheet.append(["", *[int(c) if c.isdigit() else c for c in cells]])
    path = tmp_path / "skm.xlsx"
    book.save(path)
    assert json.loads(run(path, "--format", "json"))["ikm"] == 91.48


def test_a_blank_is_not_answered(tmp_path):
    path = tmp_path / "blank.csv"
    path.write_text("U1,U2,U3,U4,U5,U6,U7,U8,U9\n4,4,4,,4,4,4,4,4\n2,4,4,,4,4,4,4,4\n", encoding="utf-8")
    report = json.loads(run(path, "--format", "json"))
    assert report["nrr"][3] is None and report["nrr"][0] == 3.0 and report["respondents"] == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("U1,U2,U3,U4,U5,U6,U7,U8,U9\n4,4,4,4,4,4,4,4,4\n4,4,4,5,4,4,4,4,4\n", "baris 3, kolom U4: “5”"),
        ("U1,U2,U3,U4,U5,U6,U7,U8,U9\n4,4,4,4,4,4,4,4,x\n", "baris 2, kolom U9: “x”"),
        ("U1,U2,U3,U4,U5,U6,U7,U8,U9\n4,4,4,4,4,4,4,4,3.5\n", "baris 2, kolom U9: “3.5”"),
        ("U1,U2,U3,U4,U5,U6,U7,U8\n4,4,4,4,4,4,4,4\n", "kolom U9 tidak ada"),
        ("", "kosong"),
    ],
)
def test_errors_name_the_row_and_the_column(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        run(path)
    assert message in str(caught.value)


def test_every_bad_cell_is_named_at_once(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("U1,U2,U3,U4,U5,U6,U7,U8,U9\n0,4,4,4,4,4,4,4,4\n4,4,4,4,4,4,4,4,9\n", encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        run(path)
    assert "baris 2, kolom U1" in str(caught.value) and "baris 3, kolom U9" in str(caught.value)


def test_a_missing_file_and_a_binary_file(tmp_path):
    with pytest.raises(CommandError):
        run(tmp_path / "nothing.csv")
    binary = tmp_path / "scan.pdf"
    binary.write_bytes(b"%PDF\x00\x00\x01binary")
    with pytest.raises(CommandError) as caught:
        run(binary)
    assert "CSV atau XLSX" in str(caught.value)
