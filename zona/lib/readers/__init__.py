"""Every uploaded or imported spreadsheet, document and PDF is read here, bounded before and
while it is parsed (docs/configuration.md, "Reading files"): the file's size; a ZIP package's
members, unpacked size and packing ratio from its directory; rows, columns and cells by the data
(never by a declared grid); characters per cell; pages; compressed PDF streams; and a memory and
wall-clock budget for the parse, which runs in a child process. Past a bound: ReadError with a
message naming the limit and the file's figure.

    kind = kind_of(data, filename)        # xlsx, xls, ods, csv, docx, pdf, text, …
    content = read(data, kind)            # Content: tables, text, has_text
    tables = read_tables(data, filename)  # a spreadsheet's sheets (CSV, XLSX, XLS, ODS)

A scanned PDF (no text layer: `content.has_text` is False) is read by OCR, page by page, each page
in its own bounded child (ocr.py); it takes seconds a page, so the web runs it in the worker:

    content = read_scan(data, on_progress)  # Content: a table a page, its doubtful cells named"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from functools import partial
from importlib import import_module
from pathlib import Path

from django.utils.translation import gettext as _

from . import limits as bounds
from . import ocr
from .delimited import csv_table, decode, sniff_delimiter, text_table
from .documents import Content, docx_content, pdf_content
from .grid import Table, cell_text
from .isolate import bounded
from .limits import Limits, ReadError
from .sheets import ods_tables, xls_tables, xlsx_tables
from .sniff import kind_of as _kind_of

SPREADSHEETS = ("csv", "xlsx", "xls", "ods")


def _sheets(reader):
    return lambda data, limits: Content(kind="", tables=reader(data, limits))


READERS = {
    "csv": lambda data, limits: Content(kind="csv", tables=[csv_table(data, limits)]),
    "xlsx": _sheets(xlsx_tables),
    "xls": _sheets(xls_tables),
    "ods": _sheets(ods_tables),
    "docx": docx_content,
    "pdf": pdf_content,
}


# The libraries each reader needs, imported in the parent before the child is forked: once per
# process instead of once per file.
LIBRARIES = {
    "xlsx": ("openpyxl", "openpyxl.worksheet._reader"),
    "xls": ("xlrd",),
    "docx": ("docx", "lxml.etree"),
    "pdf": ("pdfplumber", "pdfminer.pdfpage"),
}


def limits() -> Limits:
    return Limits.from_settings()


def check_size(size: int, chosen: Limits | None = None) -> None:
    chosen = chosen or limits()
    if size > chosen.file_mb * bounds.MB:
        raise bounds.too_large(size, chosen.file_mb)


def kind_of(data: bytes, filename: str = "") -> str:
    """What the file is by its content; a ZIP package is checked (members, unpacked size, ratio)."""
    chosen = limits()
    check_size(len(data), chosen)
    return _kind_of(data, filename, chosen)


def read(data: bytes, kind: str) -> Content:
    """The content of a file of `kind` (from kind_of), read within the limits."""
    chosen = limits()
    check_size(len(data), chosen)
    if kind == "text":
        return Content(kind="text", text=decode(data))
    for library in LIBRARIES.get(kind, ()):
        import_module(library)
    content = bounded(READERS[kind], data, kind, chosen)
    content.kind = kind
    return content


def read_tables(data: bytes, filename: str = "") -> tuple[str, list[Table]]:
    """(kind, sheets) of a spreadsheet: CSV (anything that is text), XLSX, XLS or ODS; ReadError
    naming what to save it as otherwise."""
    kind = kind_of(data, filename)
    if kind == "text":
        kind = "csv"
    if kind not in SPREADSHEETS:
        raise ReadError(_("this file type can't be read: save it as CSV or XLSX"))
    return kind, read(data, kind).tables


def read_scan(data: bytes, on_progress: ocr.Progress | None = None) -> Content:
    """A scanned PDF read by OCR within the limits: a table a page, with the cells read with low
    confidence in each table's `doubtful`. ReadError when OCR is not installed, past the pages or
    a page's time and memory, or for a damaged file."""
    chosen = limits()
    check_size(len(data), chosen)
    absent = ocr.missing()
    if absent:
        raise ReadError(absent)
    total = ocr.page_count(data, chosen)
    per_page = replace(chosen, seconds=chosen.ocr_page_seconds)

    def page(number: int) -> ocr.Page:
        try:
            return bounded(partial(ocr.read_page, number=number), data, "pdf", per_page)
        except bounds.TimedOut as exc:
            raise bounds.ocr_took_too_long(number, per_page.seconds) from exc

    pages: list[ocr.Page] = []
    # pages read side by side, each in its own child (tesseract uses one core a page)
    with ThreadPoolExecutor(max_workers=max(1, min(chosen.ocr_workers, total))) as pool:
        for done, result in enumerate(pool.map(page, range(1, total + 1)), start=1):
            pages.append(result)
            if on_progress:
                on_progress(done, total)
    tables = ocr.scanned_tables(pages, chosen)
    text = "\n".join(page.text for page in pages)
    return Content(kind="pdf", tables=tables, text=text, has_text=True, scanned=True)


def csv_rows(text: str, *, delimiter: str | None = None) -> list[list[str]]:
    """The rows of CSV text already in memory (a command's small answers file), within the
    bounds on rows, columns, cells and characters per cell."""
    return text_table(text, limits(), delimiter).rows


def file_bytes(path: Path | str) -> bytes:
    """A file named on the command line, refused past the size limit before it is read whole."""
    path = Path(path)
    check_size(path.stat().st_size)
    return path.read_bytes()


__all__ = [
    "SPREADSHEETS",
    "Content",
    "Limits",
    "ReadError",
    "Table",
    "cell_text",
    "check_size",
    "csv_rows",
    "decode",
    "file_bytes",
    "kind_of",
    "limits",
    "read",
    "read_scan",
    "read_tables",
    "sniff_delimiter",
]
