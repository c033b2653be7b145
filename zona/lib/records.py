"""Typed records from a spreadsheet, all or nothing.

A `FieldSpec` says what a column holds (text, whole number, decimal, date, a choice, yes/no, a
1–5 scale), whether it is required and the other names people give it. `read_records` matches
the header row to the fields (case, spaces and punctuation ignored), refuses a file with unknown
or missing required columns, converts every cell, and collects every problem with its row and
column: a caller saves the records only when there is no problem. Register imports (risk
registers, the recap registers) and their web forms share these conversions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from zona.lib.errors import ProblemsError

from .headers import mostly_named
from .periods import MONTHS
from .readers import ReadError, read_tables
from .text import clean, fold

TYPES = ("text", "int", "decimal", "date", "choice", "bool", "scale")
YES = {"ya", "y", "yes", "1", "true", "sudah", "v", "✓", "memadai", "ada", "on"}
NO = {"tidak", "t", "no", "n", "0", "false", "belum", "", "belummemadai", "tidakmemadai", "tidakada"}
IGNORED = {"no", "nomor", "nourut"}  # a running number column is never data


class RecordsError(ProblemsError):
    """The problems (one a line) are for the user; still a ValueError for callers that catch one."""


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str
    type: str = "text"
    required: bool = False
    choices: tuple[str, ...] = ()
    synonyms: tuple[str, ...] = ()
    max_length: int = 500
    low: int = 1  # for "scale"
    high: int = 5
    help: str = ""

    def names(self) -> set[str]:
        return {fold(self.key), fold(self.label), *(fold(s) for s in self.synonyms)}


def ambiguous(specs: list[FieldSpec]) -> set[str]:
    """Column names two fields answer to (a definition to fix: the header could not be read)."""
    seen: dict[str, str] = {}
    clashes = set()
    for spec in specs:
        for name in spec.names():
            if seen.setdefault(name, spec.key) != spec.key:
                clashes.add(name)
    return clashes


@dataclass
class Record:
    row: int
    values: dict[str, Any] = field(default_factory=dict)


_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$|^(\d{2})(\d{2})(\d{4})$")
# What a date field of a hand-written form accepts (its `pattern`), the same as parse_date reads:
# 31/01/2023, 31-01-2023, 31.01.2023, 31012023 (a phone's number pad has no slash), 2023-01-31.
DATE_FIELD_PATTERN = r"\d{1,2}[\/.\-]\d{1,2}[\/.\-]\d{4}|\d{8}|\d{4}-\d{2}-\d{2}"
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})\s+([a-z]+)\s+(\d{4})$")


def parse_date(text: str) -> date | None:
    """ISO (2026-03-01, and an Excel date cell), 01/03/2026, 01-03-2026, 01032026, 1 Maret 2026."""
    value = text.strip().lower()
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        pass
    found = _DMY.match(value)
    if found:
        day, month, year = (int(g) for g in found.groups() if g is not None)
    else:
        found = _DAY_MONTH_YEAR.match(value)
        if not found or found.group(2) not in MONTHS:
            return None
        day, month, year = int(found.group(1)), MONTHS[found.group(2)], int(found.group(3))
    try:
        return date(year, month, day)
    except ValueError:
        return None


def convert(spec: FieldSpec, raw: object) -> Any:
    """The value of one cell or form entry; ValueError (a message for the user) when wrong."""
    if isinstance(raw, date | datetime | int | Decimal | bool) and not isinstance(raw, str):
        text = raw.isoformat()[:10] if isinstance(raw, date | datetime) else str(raw)
    else:
        text = clean(raw)
    if not text:
        if spec.required:
            raise ValueError(_("required"))
        return None if spec.type != "bool" else False
    if spec.type == "text":
        if len(text) > spec.max_length:
            raise ValueError(_("longer than %(n)s characters") % {"n": spec.max_length})
        return text
    if spec.type in ("int", "scale"):
        number = text[:-2] if text.endswith(".0") else text
        if not re.fullmatch(r"-?\d{1,9}", number):
            raise ValueError(_("“%(value)s” is not a whole number") % {"value": text[:30]})
        value = int(number)
        if spec.type == "scale" and not spec.low <= value <= spec.high:
            raise ValueError(_("%(value)s is not between %(low)s and %(high)s") % {
                "value": value, "low": spec.low, "high": spec.high})  # fmt: skip
        if spec.type == "int" and value < 0:
            raise ValueError(_("can't be negative"))
        return value
    if spec.type == "decimal":
        try:
            value = Decimal(text.replace(",", ".") if text.count(",") == 1 and "." not in text else text)
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite() or abs(value) >= Decimal(10) ** 12:
            raise ValueError(_("“%(value)s” is not a number") % {"value": text[:30]})
        return value
    if spec.type == "date":
        value = parse_date(text)
        if value is None:
            raise ValueError(
                _("“%(value)s” is not a date (write 2026-03-31 or 31/03/2026)") % {"value": text[:30]}
            )
        return value
    if spec.type == "bool":
        lowered = fold(text) or text.lower()
        if lowered in YES:
            return True
        if lowered in NO:
            return False
        raise ValueError(_("“%(value)s”: write Ya or Tidak") % {"value": text[:30]})
    if spec.type == "choice":
        by_fold = {fold(c): c for c in spec.choices}
        if fold(text) in by_fold:
            return by_fold[fold(text)]
        raise ValueError(
            _("“%(value)s” is not one of: %(choices)s")
            % {"value": text[:30], "choices": ", ".join(spec.choices)}
        )
    raise ValueError(f"unknown field type {spec.type}")


def table_rows(data: bytes) -> list[list[str]]:
    """The rows of a CSV or the first sheet of an XLSX, XLS or ODS, read within the bounds of
    zona.lib.readers."""
    if not data.strip():
        raise RecordsError([_("the file is empty")])
    try:
        _kind, sheets = read_tables(data)
    except ReadError as exc:
        raise RecordsError([str(exc)]) from exc
    return sheets[0].rows if sheets else []


def _header_row(rows: list[list[str]], specs: list[FieldSpec], skipped: set[str]) -> int:
    """The header row among the first ten (a title may stand above the table): the first that is
    a header as a whole (most of its cells name a field or a column Zona skips), else the first
    naming at least two fields (its other columns are then refused by name)."""
    names = set().union(*(s.names() for s in specs))
    candidates = [
        index
        for index, row in enumerate(rows[:10])
        if sum(1 for cell in row if fold(cell) in names) >= min(2, len(specs))
    ]
    known = names | skipped
    whole = (i for i in candidates if mostly_named(rows[i], lambda cell: fold(cell) in known))
    return next(whole, candidates[0] if candidates else 0)


def read_records(
    data: bytes,
    specs: list[FieldSpec],
    *,
    limit: int = 20_000,
    derived: tuple[str, ...] = (),
    group: str = "",
    carry: tuple[str, ...] = (),
) -> list[Record]:
    """Every non-empty row as a Record, or RecordsError with every problem found. `derived` names
    columns Zona computes itself (a level, a priority): recognised, and not read. Rows of one
    `group` (the key blank, as under a merged cell, or the same as the row above) take the
    blank cells of the `carry` fields from the row above."""
    skipped = IGNORED | {fold(name) for name in derived}
    rows = table_rows(data)
    if not rows:
        raise RecordsError([_("the file is empty")])
    start = _header_row(rows, specs, skipped)
    header = rows[start]
    columns = _columns(header, start, specs, skipped)
    body = rows[start + 1 :]
    if len(body) > limit:
        raise RecordsError([_("more than %(n)s rows: split the file") % {"n": limit}])
    records: list[Record] = []
    problems: list[str] = []
    index_of = {spec.key: index for index, spec in columns.items()}
    above: list[str] | None = None
    for number, cells in enumerate(body, start=start + 2):
        if not any(clean(c) for c in cells):
            continue
        cells = list(cells) + [""] * (len(header) - len(cells))
        if group in index_of and above is not None:
            _carry_down(cells, above, index_of, (group, *carry))
        above = cells
        records.append(_record(number, cells, columns, specs, problems))
    if problems:
        raise RecordsError(problems)
    if not records:
        raise RecordsError([_("the file holds no row under its header")])
    return records


def _columns(
    header: list[str], start: int, specs: list[FieldSpec], skipped: set[str]
) -> dict[int, FieldSpec]:
    """Each header column's field, by its name; RecordsError naming every unknown, doubled or
    missing required column."""
    by_name = {name: spec for spec in specs for name in spec.names()}
    columns: dict[int, FieldSpec] = {}
    problems: list[str] = []
    for index, cell in enumerate(header):
        name = fold(cell)
        if not name or name in skipped:
            continue
        spec = by_name.get(name)
        if spec is None:
            problems.append(
                _("row %(row)s: the column “%(column)s” is not a field of this register")
                % {"row": start + 1, "column": clean(cell)[:60]}
            )
        elif spec in columns.values():
            problems.append(
                _("row %(row)s: two columns for “%(field)s”") % {"row": start + 1, "field": spec.label}
            )
        else:
            columns[index] = spec
    missing = [s.label for s in specs if s.required and s not in columns.values()]
    if missing:
        problems.append(
            _("row %(row)s: the required columns %(columns)s are missing")
            % {"row": start + 1, "columns": ", ".join(missing)}
        )
    if problems:
        raise RecordsError(problems)
    return columns


def _carry_down(cells: list[str], above: list[str], index_of: dict[str, int], names: tuple[str, ...]) -> None:
    """A row of the group above (its key blank or the same) takes the blank cells of `names`
    (the key first) from the row above."""
    key = index_of[names[0]]
    if not clean(cells[key]) or clean(cells[key]) == clean(above[key]):
        for name in names:
            if name in index_of and not clean(cells[index_of[name]]):
                cells[index_of[name]] = above[index_of[name]]


def _record(
    number: int, cells: list[str], columns: dict[int, FieldSpec], specs: list[FieldSpec], problems: list[str]
) -> Record:
    """One row's values, converted by their fields; a value that can't be is added to `problems`."""
    record = Record(number)
    for index, spec in columns.items():
        raw = cells[index] if index < len(cells) else ""
        try:
            record.values[spec.key] = convert(spec, raw)
        except ValueError as exc:
            problems.append(
                _("row %(row)s, column %(column)s: %(problem)s")
                % {"row": number, "column": spec.label, "problem": exc}
            )
    for spec in specs:
        record.values.setdefault(spec.key, convert(spec, "") if not spec.required else None)
    return record
