"""A table as it is read, row by row, held to the bounds: rows and columns by the data (a row
number or a column far beyond the data is refused by its figure, never materialised), the cells
of the whole file, and the characters of each cell."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.translation import gettext as _

from . import limits as bounds


@dataclass
class Table:
    """Rows of cell texts. `name` is a sheet's title; `page` the PDF page it stands on; `number`
    its number in the document (DOCX) or on its page (PDF), from 1. `doubtful`: the cells a
    scan's OCR read with low confidence, as (row, column, confidence), row and column from 0."""

    rows: list[list[str]] = field(default_factory=list)
    name: str = ""
    page: int = 0
    number: int = 0
    doubtful: list[tuple[int, int, int]] = field(default_factory=list)


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class Budget:
    """The cells of one file across its sheets or tables."""

    def __init__(self, limits: bounds.Limits):
        self.limits = limits
        self.used = 0

    def take(self, cells: int) -> None:
        self.used += cells
        if self.used > self.limits.cells:
            raise bounds.too_many_cells(self.used, self.limits.cells)


class Grid:
    """One sheet or table filled row by row: `add(row number, (column, value) pairs)`. Empty
    rows and trailing empty cells are never stored; `table()` pads the rows to the widest."""

    def __init__(self, budget: Budget, name: str, place: Callable[[int], str] | None = None):
        self.budget = budget
        self.limits = budget.limits
        self.name = name
        self.place = place or self._place
        self.rows: list[list[str]] = []
        self.width = 0

    def add(self, number: int, pairs: Iterable[tuple[int, object]]) -> None:
        values = {column: text for column, value in pairs if (text := cell_text(value))}
        if not values:
            return
        if number > self.limits.rows:
            raise bounds.too_many_rows(self.name, number, self.limits.rows)
        last = max(values)
        if last > self.limits.columns:
            raise bounds.too_many_columns(self.name, last, self.limits.columns)
        self._check_lengths(number, values.values())
        before = len(self.rows) * self.width
        self.width = max(self.width, last)
        while len(self.rows) < number:
            self.rows.append([])
        self.budget.take(len(self.rows) * self.width - before)
        row = [""] * last
        for column, text in values.items():
            row[column - 1] = text
        self.rows[number - 1] = row

    def keep(self, number: int, cells: list[str]) -> None:
        """A row kept as it was written (CSV: trailing empty cells and empty rows too), bounded
        the same way."""
        if number > self.limits.rows:
            raise bounds.too_many_rows(self.name, number, self.limits.rows)
        last = len(cells)
        while last and not cells[last - 1]:
            last -= 1
        if last > self.limits.columns:
            raise bounds.too_many_columns(self.name, last, self.limits.columns)
        self._check_lengths(number, cells)
        row = cells if len(cells) <= self.limits.columns else cells[: max(last, 1)]
        self.budget.take(max(len(row), 1))
        self.rows.append(row)

    def _place(self, number: int) -> str:
        if self.name:
            return _("%(sheet)s!row %(n)s") % {"sheet": self.name, "n": number}
        return _("row %(n)s") % {"n": number}

    def _check_lengths(self, number: int, texts: Iterable[str]) -> None:
        longest = max(map(len, texts), default=0)
        if longest > self.limits.cell_chars:
            raise bounds.cell_too_long(self.place(number), longest, self.limits.cell_chars)

    def table(self, **extra) -> Table:
        for row in self.rows:
            row.extend([""] * (self.width - len(row)))
        return Table(rows=self.rows, name=self.name, **extra)
