"""Documents: DOCX (python-docx: the paragraphs, and every table with a merged cell kept once)
and PDF with a text layer (pdfplumber: the text and the tables of every page). A PDF is held to
its page count (declared and real) and every compressed stream in it to the unpacked size, all
checked before a page is laid out."""

from __future__ import annotations

import contextlib
import io
import logging
import re
import zlib
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from . import limits as bounds
from .grid import Budget, Grid, Table

# pdfminer warns in English on stderr about a damaged page ("MediaBox missing…"); the reader
# turns what matters into the user's own message, so its warnings are not shown.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

_STREAM = re.compile(rb"stream\r?\n")
_CHUNK = 1024 * 1024


@dataclass
class Content:
    """What a file holds: its tables (sheets, DOCX tables, PDF tables page by page), its text
    (DOCX paragraphs, PDF pages' text; the decoded text of a Markdown/text file) and, for a PDF,
    whether it has a text layer at all (a scan has none); `scanned`: read by OCR."""

    kind: str
    tables: list[Table] = field(default_factory=list)
    text: str = ""
    has_text: bool = True
    scanned: bool = False


def docx_content(data: bytes, limits: bounds.Limits) -> Content:
    import docx
    from lxml.etree import XMLSyntaxError

    try:
        document = docx.Document(io.BytesIO(data))
    except XMLSyntaxError as exc:
        if "depth" in str(exc).lower():
            raise bounds.nested_too_deep(bounds.XML_MAX_DEPTH) from exc
        raise
    paragraphs = [p.text for p in document.paragraphs]
    longest = max(map(len, paragraphs), default=0)
    if longest > limits.cell_chars:
        raise bounds.cell_too_long(_("a paragraph"), longest, limits.cell_chars)
    budget = Budget(limits)
    tables = []
    for number, table in enumerate(document.tables, start=1):
        grid = Grid(budget, _("table %(t)s") % {"t": number}, _docx_place(number))
        rows = []
        for row_number, row in enumerate(table.rows, start=1):
            seen: set[int] = set()
            cells: list[str] = []
            for cell in row.cells:
                # python-docx repeats a merged cell once per grid column: keep it once.
                key = id(cell._tc)
                if key not in seen:
                    _check_cell(cell._tc, grid.place(row_number), limits)
                cells.append("" if key in seen else cell.text)
                seen.add(key)
            grid.keep(row_number, cells)
            rows.append(cells)
        tables.append(Table(rows=rows, number=number))
    return Content(kind="docx", tables=tables, text="\n".join(paragraphs))


def _check_cell(tc, place: str, limits: bounds.Limits) -> None:
    """The characters of a cell counted on its XML (fast) before python-docx joins its runs (one
    XPath query per run: minutes for a cell of 100,000 runs)."""
    from docx.oxml.ns import qn

    length = sum(len(t.text or "") for t in tc.iter(qn("w:t")))
    if length > limits.cell_chars:
        raise bounds.cell_too_long(place, length, limits.cell_chars)


def _docx_place(table: int):
    return lambda row: _("table %(t)s, row %(n)s") % {"t": table, "n": row}


def pdf_content(data: bytes, limits: bounds.Limits) -> Content:
    import pdfplumber

    check_streams(data, limits)
    document = pdfplumber.open(io.BytesIO(data))
    try:
        check_pages(document.doc, limits)
        try:
            pages = document.pages
        except (TypeError, KeyError, AttributeError, ValueError) as exc:
            raise bounds.ReadError(
                _(
                    "the PDF's page structure is damaged (a page without its size, MediaBox): print it "
                    "to PDF again, or upload the DOCX or XLSX"
                )
            ) from exc
        budget = Budget(limits)
        tables: list[Table] = []
        texts: list[str] = []
        has_text = False
        for page_number, page in enumerate(pages, start=1):
            try:
                has_text = has_text or bool(page.chars)
                texts.append(page.extract_text() or "")
                found = page.extract_tables()
            except bounds.ReadError:
                raise
            except Exception as exc:  # pdfminer raises many kinds for a damaged page
                raise bounds.ReadError(
                    _("page %(n)s") % {"n": page_number} + ": " + _("this page of the PDF can't be read")
                ) from exc
            finally:
                page.close()
            for number, rows in enumerate(found, start=1):
                grid = Grid(budget, "", _pdf_place(page_number, number))
                cells = [["" if c is None else str(c) for c in row] for row in rows]
                for row_number, row in enumerate(cells, start=1):
                    grid.keep(row_number, row)
                tables.append(Table(rows=cells, page=page_number, number=number))
    except BaseException:
        raise  # not closed: closing walks every page again (thousands in a refused file)
    else:
        with contextlib.suppress(Exception):
            document.close()
    return Content(kind="pdf", tables=tables, text="\n".join(texts), has_text=has_text)


def _pdf_place(page: int, table: int):
    return lambda row: _("page %(p)s, table %(t)s, row %(n)s") % {"p": page, "t": table, "n": row}


def check_pages(doc, limits: bounds.Limits) -> None:
    """The page count the document declares, then the pages it really has, against the limit."""
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdftypes import resolve1

    try:
        declared = resolve1(resolve1(doc.catalog.get("Pages")).get("Count"))
    except (AttributeError, TypeError):
        declared = None
    if isinstance(declared, int) and declared > limits.pages:
        raise bounds.too_many_pages(declared, limits.pages)
    for count, _page in enumerate(PDFPage.create_pages(doc), start=1):
        if count > limits.pages:
            found = declared if isinstance(declared, int) and declared > count else count
            raise bounds.too_many_pages(found, limits.pages)


def check_streams(data: bytes, limits: bounds.Limits) -> None:
    """Every Flate-compressed stream but images, inflated a megabyte at a time and thrown away:
    one past the unpacked limit refuses the file before pdfminer inflates it whole."""
    limit = limits.unpacked_mb * bounds.MB
    for match in _STREAM.finditer(data):
        start = match.end()
        dictionary = data[max(0, match.start() - 2048) : match.start()]
        if b"/Image" in dictionary[dictionary.rfind(b"obj") :]:
            continue
        end = data.find(b"endstream", start)
        body = data[start : end if end > 0 else len(data)]
        if body[:1] not in {b"\x78", b"\x08", b"\x48", b"\x68", b"\x28", b"\x18", b"\x38", b"\x58"}:
            continue  # not a zlib stream (a JPEG, plain content, another filter)
        inflater = zlib.decompressobj()
        size = 0
        try:
            chunk = inflater.decompress(body, _CHUNK)
            while chunk:
                size += len(chunk)
                if size > limit:
                    raise bounds.stream_too_large(limits.unpacked_mb)
                chunk = inflater.decompress(inflater.unconsumed_tail, _CHUNK)
        except zlib.error:
            continue  # damaged or not zlib: pdfminer decides
