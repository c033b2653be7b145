"""The filled LKE sheet as units keep it: the real sheet (Dit. KSPSTK 2024) rewritten as other
units would have it (zona/tests/variants.py: columns shuffled, a `No` column, synonyms, title
rows, headers in capitals or with a line break, empty columns, CSV dialects, XLSX) reads to the
same answers with the same rows named as unread; the official workbook with its sheets and
merged numbering cells, a unit's copy with extra columns, and answers written as Ya/Tidak,
a/b/c and percentages with a decimal comma."""

from __future__ import annotations

import csv
import io
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zona.lib.text import fold
from zona.lke.instrument import resolve
from zona.lke.sheet import _data, _header, read_sheet
from zona.tests.variants import Table, variants

SHEET = Path(__file__).parent / "fixtures" / "lke_zi_dit_kspstk_2024_isian.csv"
LKE = resolve(None)


def synonyms(header: str) -> list[str]:
    """Other names of the header's column (sheet.yaml), each read as the same column."""
    found = _header([header])
    if not found or fold(header) not in _data()["columns"][next(iter(found))]:
        return []  # only a column's own name ("kriteria_nilai" merely starts like one)
    names = _data()["columns"][next(iter(found))]
    return [n for n in names if n != fold(header) and set(_header([n])) == set(found)]


@cache
def table() -> Table:
    rows = list(csv.reader(io.StringIO(SHEET.read_text(encoding="utf-8"))))
    return Table("kspstk", rows, synonyms=synonyms)


def read(content: bytes, name: str):
    sheet = read_sheet(content, name, LKE)
    return sheet.values(), sorted(n.problem for n in sheet.problems), len(sheet.unanswered)


@cache
def original():
    return read(SHEET.read_bytes(), SHEET.name)


@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(data=st.data())
def test_every_variant_of_the_sheet_reads_the_same_answers(data):
    content, filename, done = data.draw(variants(table()))
    assert read(content, filename) == original(), done


def official_workbook(rows: list[list[str]]) -> bytes:
    """The sheet as the official workbook: a cover sheet first, the LKE sheet under a title,
    each numbering cell written once over the rows it spans (merged), and a recap sheet."""
    from openpyxl import Workbook

    book = Workbook()
    cover = book.active
    cover.title = "Petunjuk"
    cover.append(["Lembar Kerja Evaluasi Zona Integritas"])
    cover.append(["Isi kolom jawaban_unit dan catatan_unit"])
    sheet = book.create_sheet("LKE")
    sheet.append(["LEMBAR KERJA EVALUASI PEMBANGUNAN ZONA INTEGRITAS"])
    sheet.append([])
    sheet.append(rows[0])
    above: list[str] = []
    start: dict[int, int] = {}
    for number, row in enumerate(rows[1:], start=4):
        written = list(row)
        for column in (0, 1):  # komponen, sub_komponen: merged down while they repeat
            if above and row[column] and row[column] == above[column] and number - 1 in start:
                written[column] = None
            else:
                start[number] = number
        sheet.append(written)
        above = row
    book.create_sheet("Rekap").append(["Nilai", "=SUM(A1:A2)"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_official_workbook_with_its_sheets_and_merged_cells():
    rows = table().rows
    assert read(official_workbook(rows), "lke.xlsx") == original()


def test_a_units_copy_with_extra_columns():
    rows = [["No", *r[:6], "PIC", *r[6:], "Link Bukti"] for r in table().rows]
    for number, row in enumerate(rows[1:], start=1):
        row[0], row[7], row[-1] = str(number), "Tim ZI", "https://drive.example/x"
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    assert read(out.getvalue().encode(), "lke.csv") == original()


def with_answer(ref: str, answer: str) -> bytes:
    """The sheet with one question's answer written another way."""
    komponen, part, area, sub_area, butir = ref.split(".")
    rows = [list(r) for r in table().rows]
    answer_column = rows[0].index("jawaban_unit")
    for row in rows[1:]:
        numbering = [c.strip(" .") for c in row[:5]]
        if numbering == [komponen, part, area, sub_area, butir]:
            row[answer_column] = answer
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


@pytest.mark.parametrize(
    "ref, written, read_as",
    [
        ("A.I.1.i.a", "tidak", "Tidak"),
        ("A.I.1.i.a", "YA", "Ya"),
        ("A.I.1.i.b", " c ", "C"),
        ("A.I.1.i.b", "b", "B"),
    ],
)
def test_answers_as_units_write_them(ref, written, read_as):
    values, problems, _missing = read(with_answer(ref, written), "lke.csv")
    assert values[ref] == read_as and problems == original()[1]
    assert {r: v for r, v in values.items() if r != ref} == {
        r: v for r, v in original()[0].items() if r != ref
    }


def test_a_percentage_with_a_decimal_comma():
    from zona.lke.scoring import _number

    assert _number("92,35%") == _number("92.35%") == _number("0,9235")
