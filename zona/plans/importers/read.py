"""A plan file → ParsedPlan: the file read by zona.lib.readers (Markdown/text decree, DOCX, XLSX, XLS, ODS,
CSV, PDF, within its bounds), its rows located and laid out."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

from django.utils.translation import gettext as _

from zona.lib import readers
from zona.lib.periods import MONTHS
from zona.lib.readers import Content, ReadError
from zona.lib.text import clean, fold

from .. import areas
from .cells import unwrap
from .model import Decree, Flag, ParsedPlan, PlanFileError, Problem
from .questions import QuestionBuilder
from .recognise import candidates, choose, without_footer
from .rows import Row, no_table_message, prose_message
from .scan import ScanNeedsOcr, doubtful_cells, mark_doubtful
from .table import METADATA_KEYS, PlanBuilder

_SEPARATOR_CELL = re.compile(r"^:?-{2,}:?$")
_DATE = re.compile(r"\b(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})\b")


# -- entry point ---------------------------------------------------------------------------
def read_plan(
    data: bytes,
    filename: str,
    *,
    default_year: int | None = None,
    mapping: dict[str, str] | None = None,
    scanned: Content | None = None,
    layout_name: str | None = None,
) -> ParsedPlan:
    """Read a plan file; raise PlanFileError naming the line/row and the reason (MappingNeeded
    when its columns are not recognised and no `mapping`, field → column header, is given;
    LayoutUncertain when its layout is not clear and no `layout_name` is given; ScanNeedsOcr
    for a scanned PDF, unless `scanned` holds what OCR read of it)."""
    if not data.strip():
        raise PlanFileError([Problem("", _("the file is empty"))])
    try:
        kind = "pdf" if scanned else _kind(data, filename)
        content = scanned or readers.read(data, kind)
    except ReadError as exc:
        raise PlanFileError([Problem("", str(exc))]) from exc
    text = content.text
    others: list[str] = []
    if kind in {"xlsx", "xls", "ods"}:
        rows, priorities, others = _sheet_rows(content, layout_name)
    elif kind == "docx":
        rows, priorities = _docx(content), _priorities(text)
    elif kind == "pdf":
        rows, priorities = _pdf(content), _priorities(text)
    elif kind == "csv":
        rows, priorities = _csv(content), {}
    else:
        rows, priorities = _markdown_rows(text), _priorities(text)
    if not rows:
        prose = kind in {"docx", "pdf"} and len(text.split()) >= 20
        raise PlanFileError([Problem("", prose_message() if prose else no_table_message())])
    decree, title, year = _decree(text)
    rows, footer = without_footer(rows)
    layout = choose(rows, mapping, layout_name)
    if layout.kind == "decree":
        plan, meta = _decree_plan(rows, layout, default_year or year)
    else:
        meta = _metadata(rows[: layout.header])
        title_year = _title_year(meta, rows[: layout.header]) or year
        plan = QuestionBuilder(layout, default_year=default_year, title_year=title_year).build(
            rows[layout.header + 1 :]
        )
        if not plan.indicators():
            skipped = [f for f in plan.flagged if f.skipped]
            raise PlanFileError(
                [Problem(f.where, str(f)) for f in skipped[:100]] or [Problem("", no_table_message())]
            )
    plan.layout = layout.kind
    plan.columns = layout.described()
    plan.decree = Decree(
        number=meta.get("number") or decree.number,
        date=_parse_date(meta.get("date", "")) or decree.date,
        unit=meta.get("unit") or decree.unit,
        signatory=meta.get("signatory") or decree.signatory,
    )
    plan.title = meta.get("title") or title
    if layout.kind == "decree":
        year_text = meta.get("year", "")
        plan.year = int(year_text) if year_text.isdigit() else year
    if plan.year is None and plan.decree.date:
        plan.year = plan.decree.date.year
    for area in plan.areas:
        area.priorities = priorities.get(area.code, [])
    if content.scanned:
        plan.doubtful = doubtful_cells(content)
        mark_doubtful(plan, plan.doubtful)
    if others:
        plan.sheet, plan.other_sheets = others[0], others[1:]
    if footer:
        plan.flagged.append(
            Flag(
                rows[-1].where,
                _("%(n)s rows under the table (place, date, signature) are not data") % {"n": footer},
            )
        )
    return plan


def _decree_plan(rows: list[Row], layout, default_year: int | None):
    builder = PlanBuilder(default_year=default_year, preset=layout)
    builder.run(rows, layout.header)
    plan = builder.result()
    if builder.problems:
        raise PlanFileError(builder.problems)
    return plan, builder.metadata


def _metadata(rows: list[Row]) -> dict[str, str]:
    found: dict[str, str] = {}
    for row in rows:
        filled = [clean(c) for c in row.cells if c and clean(c)]
        if len(filled) >= 2:
            key = fold(filled[0])
            for name, keys in METADATA_KEYS.items():
                if key in keys:
                    found[name] = filled[1]
    return found


def _title_year(meta: dict[str, str], rows: list[Row]) -> int | None:
    if meta.get("year", "").isdigit():
        return int(meta["year"])
    for row in rows:
        for cell in row.cells:
            match = re.search(r"TAHUN\s+(\d{4})\b", cell or "", re.IGNORECASE)
            if match:
                return int(match.group(1))
    return None


def _kind(data: bytes, filename: str) -> str:
    suffix = Path(filename).suffix.lower()
    kind = readers.kind_of(data, filename)
    if kind == "text" and suffix in {".doc", ".xls"}:
        kind = "binary"
    if kind in {"xlsx", "xls", "ods", "docx", "pdf", "csv", "text"}:
        if kind == "text" and suffix in {".xlsx", ".docx"}:
            raise PlanFileError(
                [Problem("", _("the file is named %(suffix)s but is not one") % {"suffix": suffix})]
            )
        if kind == "text" and suffix == ".pdf":
            raise PlanFileError([Problem("", _("the file is named .pdf but is not a PDF"))])
        return kind
    if kind in {"zip", "odt"}:
        raise PlanFileError([Problem("", _("the Office file is neither XLSX nor DOCX"))])
    message = _("this file type can't be read: save it as DOCX, XLSX or PDF, or download the template")
    raise PlanFileError([Problem("", message)])


# -- Markdown / text -----------------------------------------------------------------------
def _split_pipe_row(line: str) -> list[str]:
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|"):
        body = body[:-1]
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", body)]


def _markdown_rows(text: str) -> list[Row]:
    """Pipe tables read line by line: fragments after page breaks keep their rows."""
    rows: list[Row] = []
    in_table = False
    awaiting_first = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip().startswith("|"):
            in_table = False
            continue
        cells = _split_pipe_row(line)
        if not in_table:
            in_table = True
            awaiting_first = True
        if all(_SEPARATOR_CELL.match(c) or not c for c in cells) and any(cells):
            continue
        if not any(cells):
            continue  # an empty header row of a fragment
        rows.append(Row(_("line %(n)s") % {"n": number}, cells, fragment_start=awaiting_first))
        awaiting_first = False
    return rows


def _decree(text: str) -> tuple[Decree, str, int | None]:
    if not text:
        return Decree(), "", None
    plain = "\n".join(clean(line) for line in text.splitlines())
    number = ""
    match = re.search(r"\bNOMOR\s*:?\s*([^\n]+)", plain, re.IGNORECASE)
    if match:
        number = match.group(1).strip(" :")
    day = None
    match = re.search(r"tanggal\s+(\d{1,2}\s+[A-Za-z]+\s+\d{4})", plain, re.IGNORECASE)
    if match:
        day = _parse_date(match.group(1))
    signatory = ""
    lines = [line.strip() for line in plain.splitlines()]
    for index, line in enumerate(lines):
        if fold(line) in {"ttd", "ttdd"}:
            following = [x for x in lines[index + 1 :] if x]
            if following:
                signatory = following[0].strip(" ,")
            break
    unit = ""
    match = re.search(r"\bKEPUTUSAN\s+(.+?)\s+NOMOR\b", plain, re.IGNORECASE | re.DOTALL)
    if match:
        unit = re.sub(r"\s+", " ", match.group(1)).strip()
        unit = re.sub(
            r"^(?:KETUA|SEKRETARIS(?:\s+JENDERAL)?|KEPALA|DIREKTUR(?:\s+JENDERAL)?|"
            r"MENTERI|BUPATI|WALIKOTA|GUBERNUR)\s+",
            "",
            unit,
            flags=re.IGNORECASE,
        )
    title = ""
    match = re.search(r"\bTENTANG\s+(.+?)(?:\n\s*\n)", plain, re.IGNORECASE | re.DOTALL)
    if match:
        title = re.sub(r"\s+", " ", match.group(1)).strip()
    # Zona's own Lampiran II export heads the table with "SK <number> · <date>".
    match = re.search(r"^SK\s+(.+?)(?:\s+·\s+(\d{1,2}\s+[A-Za-z]+\s+\d{4}))?$", plain, re.MULTILINE)
    if match and not number:
        number = match.group(1).strip()
        day = day or _parse_date(match.group(2) or "")
    year = None
    heading = "\n".join(lines[:10])  # a title such as "RENCANA … TAHUN 2023" above the table
    for candidate in (title, number, heading):
        match = re.search(r"TAHUN\s+(\d{4})\b", candidate or "", re.IGNORECASE)
        if match:
            year = int(match.group(1))
            break
    return Decree(number=number, date=day, unit=unit, signatory=signatory), title, year


def _parse_date(text: str) -> date | None:
    text = (text or "").strip()
    if not text:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.strptime(text[:10], fmt).date()
        except ValueError:
            pass
    match = _DATE.search(text)
    if match and match.group(2).lower() in MONTHS:
        try:
            return date(int(match.group(3)), MONTHS[match.group(2).lower()], int(match.group(1)))
        except ValueError:
            return None
    return None


def _priorities(text: str) -> dict[str, list[str]]:
    """Lampiran I: "1. Manajemen Perubahan" headings followed by "- target" bullets."""
    lines = text.splitlines()
    start = end = None
    for index, line in enumerate(lines):
        key = fold(line)
        if key == "lampirani" and start is None:
            start = index
        elif key == "lampiranii" and start is not None:
            end = index
            break
    if start is None:
        return {}
    result: dict[str, list[str]] = {}
    current: list[str] | None = None
    for raw in lines[start:end]:
        line = clean(raw)
        if not line:
            continue
        heading = re.match(r"^(\d)\.\s+(.+)$", line)
        if heading:
            area = areas.match_name(heading.group(2))
            if area and area.number == int(heading.group(1)):
                current = result.setdefault(area.code, [])
                continue
        if current is None:
            continue
        if fold(line).startswith("ditetapkandi"):
            current = None
            continue
        if line.startswith("- "):
            current.append(line[2:].strip())
        elif current:
            current[-1] = f"{current[-1]}\n{line}"
    return result


# -- CSV -----------------------------------------------------------------------------------
def _csv(content: Content) -> list[Row]:
    """Rows numbered as a spreadsheet shows them."""
    rows = content.tables[0].rows if content.tables else []
    return [Row(_("row %(n)s") % {"n": number}, cells) for number, cells in enumerate(rows, start=1)]


# -- XLSX, XLS, ODS --------------------------------------------------------------------------
def _sheet_rows(content: Content, layout_name: str | None = None):
    """(the plan's rows, Lampiran I's priorities, [the sheet read, the other sheets…] in a
    workbook of several sheets): the plan's sheet is the one whose table scores best
    (recognise.candidates), whatever its place or name."""
    sheets: list[tuple[str, list[Row]]] = []
    priorities: dict[str, list[str]] = {}
    for sheet in content.tables:
        sheet_rows = [
            Row(_("%(sheet)s!row %(n)s") % {"sheet": sheet.name, "n": number}, cells)
            for number, cells in enumerate(sheet.rows, start=1)
        ]
        if fold(sheet.name) == "lampirani":
            priorities = _priority_rows(sheet_rows)
        elif any(any(c.strip() for c in r.cells) for r in sheet_rows):
            sheets.append((sheet.name, sheet_rows))
    if len(sheets) <= 1:
        return (sheets[0][1] if sheets else []), priorities, []
    scored = []
    for place, (name, sheet_rows) in enumerate(sheets):
        found = candidates(without_footer(sheet_rows)[0], layout_name)
        scored.append((bool(found), found[0].rank() if found else (), -place, name, sheet_rows))
    best = max(scored, key=lambda s: s[:3])
    others = [name for _f, _r, _p, name, _rows in scored if name != best[3]]
    return best[4], priorities, [best[3], *others] if len(sheets) > 1 else []


def _priority_rows(rows: Iterable[Row]) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for row in rows:
        cells = [c for c in row.cells if c and c.strip()]
        if len(cells) >= 2:
            heading = areas.match_heading(cells[0].strip())
            if heading and fold(cells[0]) != "area":
                result.setdefault(heading[0].code, []).append(cells[1].strip())
    return result


# -- DOCX ----------------------------------------------------------------------------------
def _docx(content: Content) -> list[Row]:
    """Every table in order, its empty rows left out (merged cells are kept once by the reader)."""
    rows: list[Row] = []
    for table in content.tables:
        first = True
        for row_number, cells in enumerate(table.rows, start=1):
            if not any(c.strip() for c in cells):
                continue
            rows.append(
                Row(
                    _("table %(t)s, row %(n)s") % {"t": table.number, "n": row_number},
                    cells,
                    fragment_start=first,
                )
            )
            first = False
    return rows


# -- PDF (with a text layer, or read by OCR) ---------------------------------------------------
def _pdf(content: Content) -> list[Row]:
    """Every table of every page, in order (a table that goes on over a page break continues:
    its first row on the new page is a fragment start)."""
    if not content.has_text:
        raise ScanNeedsOcr
    rows: list[Row] = []
    for table in content.tables:
        for row_number, cells in enumerate(table.rows, start=1):
            values = [unwrap(c) for c in cells]
            if not any(v.strip() for v in values):
                continue
            rows.append(
                Row(
                    _("page %(p)s, table %(t)s, row %(n)s")
                    % {"p": table.page, "t": table.number, "n": row_number},
                    values,
                    fragment_start=row_number == 1 and bool(rows),
                )
            )
    return rows
