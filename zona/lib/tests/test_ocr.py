"""Scanned PDFs read by OCR: a regency plan drawn as a ruled table, each page turned a little and
speckled (one page scanned on its side), read back and compared with what was drawn."""

import re
import shutil
import time

import pytest
from django.test import override_settings

from zona.lib import readers
from zona.lib.readers import ReadError, ocr
from zona.plans.tests.scans import COLUMNS, Scan, regency_rows, scanned_pdf, turned_pdf

pytestmark = pytest.mark.skipif(
    not shutil.which("tesseract"),
    reason="tesseract is not installed (bash scripts/setup installs tesseract-ocr and tesseract-ocr-ind)",
)


def normal(text: str) -> str:
    """Whitespace normalised; a word broken after its slash at a line's end ("WBK/" + "WBBM")
    is one word again, as the plan importer joins it."""
    return re.sub(r"/ ", "/", " ".join(text.split()))


@pytest.fixture(scope="module")
def regency():
    rows = regency_rows(9)
    # two pages (six rows, then three): the second scanned on its side; each turned by up to 1.2
    # degrees and speckled
    data = scanned_pdf(rows, Scan(skew=1.2, sideways=frozenset({2})))
    return rows, readers.read_scan(data)


def test_a_scanned_plan_reads_back_as_its_table(regency):
    rows, content = regency
    assert content.scanned and [t.page for t in content.tables] == [1, 2]
    read = [row for table in content.tables for row in table.rows]
    headers = [row for row in read if normal(row[0]) == "No"]
    assert len(headers) == 2  # the header row on each page
    body = [row for row in read if normal(row[0]) != "No"]
    assert [len(row) for row in body] == [len(COLUMNS)] * len(rows)
    exact = sum(normal(a[5]) == normal(b[5]) for a, b in zip(rows, body, strict=True))
    assert exact / len(rows) >= 0.95, [normal(b[5]) for b in body]
    # the number column and the people read too (a slip or two allowed: they are short cells)
    for column in (0, 10):
        same = sum(normal(a[column]) == normal(b[column]) for a, b in zip(rows, body, strict=True))
        assert same >= 0.8 * len(rows), [b[column] for b in body]


def test_every_doubtful_cell_is_named_with_its_confidence(regency):
    _rows, content = regency
    for table in content.tables:
        for row, column, confidence in table.doubtful:
            assert 0 <= row < len(table.rows) and 0 <= column < len(table.rows[row])
            assert 0 <= confidence < 75


@override_settings(ZONA_OCR_MAX_PAGES=1)
def test_a_scan_past_the_page_limit_is_refused_before_any_page_is_read():
    data = scanned_pdf([["1", "a"], ["2", "b"]] * 40, Scan(dpi=50), columns=COLUMNS[:2])
    with pytest.raises(ReadError, match="batasnya untuk pindaian .* 1 halaman"):
        readers.read_scan(data)


@override_settings(ZONA_OCR_PAGE_TIMEOUT=1)
def test_a_page_past_its_time_is_refused_naming_the_page(monkeypatch):
    """The page is made slow on purpose (three seconds before it is even rendered, in the page's
    own child process), so it is past its one second whatever the machine's speed."""
    render = ocr._render

    def slow(data, number):
        time.sleep(3)
        return render(data, number)

    monkeypatch.setattr(ocr, "_render", slow)
    data = scanned_pdf([["1", "a"]], columns=COLUMNS[:2])
    with pytest.raises(ReadError, match="halaman 1 .* melebihi batas 1 detik"):
        readers.read_scan(data)


# -- pages scanned on their side or upside down --------------------------------------------
# The subject here is orientation, not accuracy (that is the regency scan's above): three rows on
# a page cut below the table. A page turned the wrong way reads as none of their questions, and
# each such page costs a read of that noise before it is turned, so the fewer words the cheaper.
TRIMMED = Scan(trim=True)


@pytest.fixture(scope="module")
def few():
    return regency_rows(3)


def read_right(rows: list[list[str]], table) -> int:
    """How many of the drawn rows' questions (column 5) the table read exactly."""
    body = [row for row in table.rows if normal(row[0]) != "No"]
    return sum(
        len(b) == len(COLUMNS) and normal(a[5]) == normal(b[5]) for a, b in zip(rows, body, strict=False)
    )


def test_pages_turned_on_either_side_or_upside_down_read_as_their_text(few):
    """One page scanned upside down and one on its right side: each read back to the questions
    drawn on it (the text compared, not only the shape of the table). An upright page beside a
    page on its left side is the regency scan's (test_a_scanned_plan_reads_back_as_its_table)."""
    content = readers.read_scan(turned_pdf(few, [180, 270], TRIMMED))
    assert [read_right(few, t) for t in content.tables] == [len(few)] * 2


@pytest.mark.parametrize(
    ("angle", "said"),
    [(180, "Rotate: 0\nOrientation confidence: 1.09\n"), (90, "Rotate: 270\nOrientation confidence: 0.9\n")],
)
def test_an_unsure_orientation_is_settled_by_reading(few, monkeypatch, angle, said):
    """Tesseract's orientation detection, unsure, once said "Rotate: 0" (confidence 1.09) for a
    page upside down: below a sure confidence each orientation is read, and the one reading the
    most text wins over what the detection said."""
    import pytesseract

    monkeypatch.setattr(pytesseract, "image_to_osd", lambda *args, **kwargs: said)
    content = readers.read_scan(turned_pdf(few, [angle], TRIMMED))
    assert read_right(few, content.tables[0]) == len(few)


def test_without_tesseract_the_message_says_so(monkeypatch):
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    with pytest.raises(ReadError, match="tesseract"):
        readers.read_scan(b"%PDF-1.4")
