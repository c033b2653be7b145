"""Spreadsheets read by their data, never by what they declare: XLSX (openpyxl's streaming
sheet parser, the one its read-only mode uses, without padding rows to the declared
`<dimension>`), XLS (xlrd, rows kept ragged) and ODS (its content.xml streamed; rows and cells
repeated by `number-rows-repeated` / `number-columns-repeated` are expanded only up to the last
value)."""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree

from . import limits as bounds
from .grid import Budget, Grid, Table

_DEPTH_STEP = 4096
# The two-byte marks that change the depth count: a closing tag, a processing instruction or
# declaration (which opens no element), an empty element's end.
_MARKS = (b"</", b"<?", b"<!", b"/>")
_FIRST_BYTES = b"</"  # the bytes a mark begins with


def _depth_change(text: bytes) -> int:
    """How much the elements opened and closed in `text` change the depth."""
    closing = text.count(b"</")
    special = text.count(b"<?") + text.count(b"<!")
    return text.count(b"<") - 2 * closing - special - text.count(b"/>")


def _safe_end(text: bytes) -> int:
    """Where `text` can be cut with no mark across the cut: before its last byte when that byte
    may begin a mark, and before the last two when those two are a mark (a closing "</" whose
    "/" may begin "/>"). At most two bytes are held back, whatever the text."""
    end = len(text)
    if end and text[-1] in _FIRST_BYTES:
        end -= 1
        if end and text[end - 1 : end + 1] in _MARKS:
            end -= 1
    return end


def depths(source, step: int = _DEPTH_STEP):
    """(bytes counted, depth there) after each chunk of `step` bytes read from `source`; the
    last byte or two of a chunk that may begin a mark ("<" of "</", "/" of "/>") wait for the
    next chunk, so a mark split across two chunks is counted once, as a whole: the depth at each
    point is exactly that of the file's bytes up to it, whatever the step."""
    depth, counted, held = 0, 0, b""
    while chunk := source.read(step):
        text = held + chunk
        end = _safe_end(text)
        depth += _depth_change(text[:end])
        counted += end
        held = text[end:]
        yield counted, depth
    if held:
        yield counted + len(held), depth + _depth_change(held)


def check_depth(source, name: str, step: int = _DEPTH_STEP) -> None:
    """XML nested past XML_MAX_DEPTH refused before a parser builds it (expat takes seconds on a
    100,000-deep nest). The depth is counted with bytes.count every 4 KB (`depths`): exact at
    each step, and within a step it can rise by at most the tags 4 KB holds, which no parser
    minds. (Text holding "/>" counts as closing: such a file is read, and held to the child's
    time and memory.)"""
    for _counted, depth in depths(source, step):
        if depth > bounds.XML_MAX_DEPTH:
            raise bounds.nested_too_deep(bounds.XML_MAX_DEPTH)


def _check_xlsx_depth(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") or name == "xl/sharedStrings.xml":
                with archive.open(name) as source:
                    check_depth(source, name)


def xlsx_tables(data: bytes, limits: bounds.Limits) -> list[Table]:
    from openpyxl import load_workbook
    from openpyxl.worksheet._reader import WorkSheetParser

    _check_xlsx_depth(data)
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    budget = Budget(limits)
    tables = []
    try:
        for sheet in book.worksheets:
            grid = Grid(budget, sheet.title)
            with sheet._get_source() as source:
                parser = WorkSheetParser(
                    source,
                    sheet._shared_strings,
                    data_only=True,
                    epoch=book.epoch,
                    date_formats=book._date_formats,
                    timedelta_formats=book._timedelta_formats,
                )
                for number, cells in parser.parse():
                    grid.add(number, ((cell["column"], cell["value"]) for cell in cells))
            tables.append(grid.table())
    finally:
        book.close()
    return tables


def xls_tables(data: bytes, limits: bounds.Limits) -> list[Table]:
    import xlrd

    book = xlrd.open_workbook(
        file_contents=data, on_demand=True, ragged_rows=True, logfile=io.StringIO(), formatting_info=False
    )
    budget = Budget(limits)
    tables = []
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            grid = Grid(budget, sheet.name)
            for row in range(sheet.nrows):
                cells = enumerate(sheet.row(row), start=1)
                grid.add(row + 1, ((column, _xls_value(cell, book)) for column, cell in cells))
            tables.append(grid.table())
            book.unload_sheet(index)
    finally:
        book.release_resources()
    return tables


def _xls_value(cell, book) -> object:
    import xlrd

    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return cell.value
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#ERR")
    return cell.value


_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_CELLS = {f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"}


def ods_tables(data: bytes, limits: bounds.Limits) -> list[Table]:
    budget = Budget(limits)
    reader = _OdsReader(budget)
    with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open("content.xml") as source:
        stack: list[ElementTree.Element] = []
        # expat resolves no external entity and caps entity expansion (billion laughs)
        for event, element in ElementTree.iterparse(source, events=("start", "end")):  # noqa: S314
            if event == "start":
                stack.append(element)
                if len(stack) > bounds.XML_MAX_DEPTH:
                    raise bounds.nested_too_deep(bounds.XML_MAX_DEPTH)
                if element.tag == f"{_TABLE}table" and reader.grid is None:
                    reader.start(element.get(f"{_TABLE}name", ""))
                continue
            stack.pop()
            if reader.grid is not None:
                reader.end(element, stack[-1] if stack else None)
    return reader.tables


class _OdsReader:
    def __init__(self, budget: Budget):
        self.budget = budget
        self.limits = budget.limits
        self.tables: list[Table] = []
        self.grid: Grid | None = None

    def start(self, name: str) -> None:
        self.grid = Grid(self.budget, name)
        self.row = 1
        self.column = 1
        self.values: list[tuple[int, str]] = []

    def end(self, element: ElementTree.Element, parent: ElementTree.Element | None) -> None:
        tag = element.tag
        if tag in _CELLS:
            self._cell(element)
        elif tag == f"{_TABLE}table-row":
            self._row(element)
        elif tag == f"{_TABLE}table":
            assert self.grid is not None
            self.tables.append(self.grid.table())
            self.grid = None
        else:
            return
        if parent is not None and len(parent) and parent[-1] is element:
            del parent[-1]  # the tree never holds more than the row being read

    def _cell(self, element: ElementTree.Element) -> None:
        repeat = _repeat(element.get(f"{_TABLE}number-columns-repeated"))
        value = _ods_value(element)
        if value:
            last = self.column + repeat - 1
            if last > self.limits.columns:
                raise bounds.too_many_columns(self.grid.name, last, self.limits.columns)
            self.values.extend((column, value) for column in range(self.column, last + 1))
        self.column += repeat

    def _row(self, element: ElementTree.Element) -> None:
        assert self.grid is not None
        repeat = _repeat(element.get(f"{_TABLE}number-rows-repeated"))
        if self.values:
            last = self.row + repeat - 1
            if last > self.limits.rows:
                raise bounds.too_many_rows(self.grid.name, last, self.limits.rows)
            for number in range(self.row, last + 1):
                self.grid.add(number, self.values)
        self.row += repeat
        self.column = 1
        self.values = []


def _repeat(raw: str | None) -> int:
    try:
        return max(1, int(raw or 1))
    except ValueError:
        return 1


def _ods_value(cell: ElementTree.Element) -> str:
    kind = cell.get(f"{_OFFICE}value-type")
    if kind in {"float", "percentage", "currency"} and cell.get(f"{_OFFICE}value"):
        number = float(cell.get(f"{_OFFICE}value", "0"))
        return str(int(number)) if number.is_integer() else str(number)
    if kind == "date" and cell.get(f"{_OFFICE}date-value"):
        return cell.get(f"{_OFFICE}date-value", "")[:10]
    if kind == "boolean":
        return "True" if cell.get(f"{_OFFICE}boolean-value") == "true" else "False"
    return "\n".join(_paragraph(p) for p in cell if p.tag == f"{_TEXT}p")


def _paragraph(element: ElementTree.Element) -> str:
    """The text of a text:p, with its spaces (text:s), tabs and line breaks written out."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == f"{_TEXT}s":
            parts.append(" " * _repeat(child.get(f"{_TEXT}c")))
        elif child.tag == f"{_TEXT}tab":
            parts.append("\t")
        elif child.tag == f"{_TEXT}line-break":
            parts.append("\n")
        else:
            parts.append(_paragraph(child))
        parts.append(child.tail or "")
    return "".join(parts)
