"""The large-table writer: what any person typed comes back as the same text (never a formula, a
number or a link), what XML cannot hold is dropped, the header and the widths as given."""

import io
import zipfile

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from zona.lib.xlsx_table import MAX_CELL, text, xlsx_table_bytes

COLUMNS = [("NOMOR", 24), ("PERIHAL", 40), ("KONTAK", 22)]
UNWRITABLE = {chr(c) for c in range(32) if chr(c) not in "\t\n\r"} | {"\ufffe", "\uffff"}


def read(content: bytes):
    return load_workbook(io.BytesIO(content)).active


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.text(max_size=40), min_size=3, max_size=3), max_size=12))
def test_any_text_comes_back_as_the_same_text(rows):
    sheet = read(xlsx_table_bytes(sheet="Register", columns=COLUMNS, rows=rows))
    found = list(sheet.iter_rows(values_only=True))
    assert found[0] == ("NOMOR", "PERIHAL", "KONTAK")
    for written, back in zip(rows, found[1:], strict=True):
        expected = tuple("".join(ch for ch in value if ch not in UNWRITABLE) or None for value in written)
        # openpyxl reads a carriage return of an inline string as XML normalises it
        assert tuple(v.replace("\r\n", "\n").replace("\r", "\n") if v else v for v in back) == tuple(
            v.replace("\r\n", "\n").replace("\r", "\n") if v else v for v in expected
        )
    assert len(found) == len(rows) + 1


def test_formulas_links_and_numbers_stay_text_and_the_header_is_styled():
    rows = [
        ['=HYPERLINK("http://evil","klik")', "+1+2", "https://example.org"],
        ["007", "1e5", "<b>&amp;</b>"],
    ]
    content = xlsx_table_bytes(sheet="Register", columns=COLUMNS, rows=rows)
    sheet = read(content)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type == "s" and cell.hyperlink is None
    assert [c.value for c in sheet[3]] == ["007", "1e5", "<b>&amp;</b>"]
    assert (
        sheet["A1"].font.b
        and sheet["A1"].fill.fgColor.rgb == "FFD9E2F3"
        and sheet["B2"].border.left.style == "thin"
    )
    assert sheet.column_dimensions["B"].width == 40
    assert "formula" not in zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml").decode()


def test_a_cell_holds_at_most_what_a_spreadsheet_cell_holds():
    assert len(text("x" * (MAX_CELL + 10))) == MAX_CELL
    assert text("a\x00b\x1fc") == "abc" and text("a & b") == "a &amp; b"
