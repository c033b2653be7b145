"""Variants of a real table, as other units would have saved the same content: columns shuffled,
a row-number (`No`) column added, header synonyms swapped in, title rows above, headers in
capitals or with a line break, the header split over two rows (a merged group cell above),
empty columns inserted, and other CSV dialects (`;`, tab, Windows-1252, UTF-8 with BOM) or XLSX.

`variants(table)` is a hypothesis strategy of (file bytes, file name, what was done); the
corpus tests check that every variant reads to what the original reads to."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass

from hypothesis import strategies as st

from zona.lib.text import fold

TITLE = "RENCANA KERJA PEMBANGUNAN ZONA INTEGRITAS"


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
    return (
        *_written(rows, draw(st.sampled_from(["csv", "semicolon", "tab", "cp1252", "bom", "xlsx"]))),
        done,
    )


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


def _written(rows: list[list[str]], dialect: str) -> tuple[bytes, str]:
    if dialect == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        for row in rows:
            sheet.append([cell or None for cell in row])
        out = io.BytesIO()
        book.save(out)
        return out.getvalue(), "variant.xlsx"
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
