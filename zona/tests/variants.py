"""Variants of a real table, as other units would have saved the same content: columns shuffled,
a row-number (`No`) column added, header synonyms swapped in, title rows above, headers in
capitals or with a line break, the header split over two rows (a merged group cell above),
empty columns inserted, and other CSV dialects (`;`, tab, Windows-1252, UTF-8 with BOM) or a
workbook: XLSX (openpyxl), XLS of Excel 97–2003 (xlwt, the one BIFF writer, a dev requirement)
or ODS (content.xml written here, as LibreOffice writes a sheet of strings).

`variants(table)` is a hypothesis strategy of (file bytes, file name, what was done);
`variant_rows(table)` of (rows, what was done), for `written(rows, dialect)` in any of
`DIALECTS`. The corpus tests check that every variant reads to what the original reads to."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import escape

from hypothesis import strategies as st

from zona.lib.text import fold

TITLE = "RENCANA KERJA PEMBANGUNAN ZONA INTEGRITAS"
WORKBOOKS = ("xlsx", "xls", "ods")
DIALECTS = ("csv", "semicolon", "tab", "cp1252", "bom", *WORKBOOKS)


@dataclass
class Table:
    name: str
    rows: list[list[str]]  # the header row first
    fixed: int = 0  # leading columns that keep their place (the decree's NO and KOMPONEN)
    synonyms: Callable[[str], list[str]] | None = None  # other names of a header's column
    numbered: bool = True  # a `No` column may be added in front
    group: tuple[str, ...] = ()  # headers that may go under a merged group cell


def _width(rows: list[list[str]]) -> int:
    return max(len(r) for r in rows)


def _padded(rows: list[list[str]]) -> list[list[str]]:
    width = _width(rows)
    return [list(r) + [""] * (width - len(r)) for r in rows]


@st.composite
def variants(draw, table: Table):
    rows, done = draw(variant_rows(table))
    return (*written(rows, draw(st.sampled_from(DIALECTS))), done)


@st.composite
def variant_rows(draw, table: Table):
    rows = _padded(table.rows)
    done = []
    width = len(rows[0])
    movable = list(range(table.fixed, width))
    order = list(range(table.fixed)) + draw(st.permutations(movable))
    if order != list(range(width)):
        rows = [[row[i] for i in order] for row in rows]
        done.append("shuffled")
    header = rows[0]
    if table.synonyms and draw(st.booleans()):
        for index, cell in enumerate(header):
            names = table.synonyms(cell)
            if names:
                header[index] = draw(st.sampled_from(names))
        done.append("synonyms")
    style = draw(st.sampled_from(["as written", "capitals", "line break"]))
    if style == "capitals":
        rows[0] = [c.upper() for c in rows[0]]
    elif style == "line break":
        rows[0] = [c.replace(" ", "\n", 1).replace("_", "\n", 1) for c in rows[0]]
    done.append(style)
    for _n in range(draw(st.integers(0, 2))):
        at = draw(st.integers(table.fixed, len(rows[0])))
        rows = [row[:at] + [""] + row[at:] for row in rows]
        done.append(f"empty column at {at}")
    if table.numbered and draw(st.booleans()):
        rows = _numbered(rows)
        done.append("No column")
    rows = _split_header(rows, table, draw, done)
    if draw(st.booleans()):
        rows = [[TITLE], [""], *rows]
        done.append("title rows")
    return rows, done


def _numbered(rows: list[list[str]]) -> list[list[str]]:
    return [["No", *rows[0]]] + [[str(n), *row] for n, row in enumerate(rows[1:], start=1)]


def _split_header(rows, table: Table, draw, done) -> list[list[str]]:
    """The header over two rows: the grouped columns' names under one group cell (merged, so
    written once), the other columns' names above."""
    wanted = {fold(name) for name in table.group}
    grouped = [i for i, cell in enumerate(rows[0]) if fold(cell) in wanted]
    if len(grouped) < 2 or not draw(st.booleans()):
        return rows
    top = [("" if i in grouped else cell) for i, cell in enumerate(rows[0])]
    bottom = [(cell if i in grouped else "") for i, cell in enumerate(rows[0])]
    top[grouped[0]] = "RENCANA"
    done.append("two header rows")
    return [top, bottom, *rows[1:]]


def written(rows: list[list[str]], dialect: str) -> tuple[bytes, str]:
    """The rows as a file in `dialect` (one of DIALECTS): (bytes, file name)."""
    if dialect in WORKBOOKS:
        return {"xlsx": _xlsx, "xls": _xls, "ods": _ods}[dialect](rows), f"variant.{dialect}"
    out = io.StringIO()
    delimiter = {"semicolon": ";", "tab": "\t"}.get(dialect, ",")
    csv.writer(out, delimiter=delimiter).writerows(rows)
    text = out.getvalue()
    if dialect == "cp1252":
        try:
            return text.encode("cp1252"), "variant.csv"
        except UnicodeEncodeError:
            pass  # a text Windows-1252 can't hold stays UTF-8
    prefix = b"\xef\xbb\xbf" if dialect == "bom" else b""
    return prefix + text.encode("utf-8"), "variant.csv"


def _xlsx(rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append([cell or None for cell in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xls(rows: list[list[str]]) -> bytes:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Rencana")
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if cell:
                sheet.write(r, c, cell)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


_ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)
_ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
    'opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
    'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
)


def _ods_cell(cell: str) -> str:
    if not cell:
        return "<table:table-cell/>"
    lines = "".join(f"<text:p>{escape(line)}</text:p>" for line in cell.split("\n"))
    return f'<table:table-cell office:value-type="string">{lines}</table:table-cell>'


def _ods(rows: list[list[str]]) -> bytes:
    """A one-sheet ODS: each line of a cell a paragraph (text:p), as LibreOffice writes it."""
    body = "".join(f"<table:table-row>{''.join(map(_ods_cell, row))}</table:table-row>" for row in rows)
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODS_NS} office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="Rencana">{body}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", _ODS_MANIFEST)
        archive.writestr("content.xml", content)
    return out.getvalue()
