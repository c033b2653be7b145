"""CSV as people save it: any common encoding (UTF-8 with or without BOM, Windows-1252) and
delimiter (`,` `;` tab), read row by row within the bounds."""

from __future__ import annotations

import csv
import io
from collections import Counter

from django.utils.translation import gettext as _

from . import limits as bounds
from .grid import Budget, Grid, Table


def decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def sniff_delimiter(sample: str) -> str:
    """The delimiter that gives the most rows of one same width (of two columns or more): a title
    line above the table, or commas inside cells, don't mislead it."""
    best, best_score = ",", (0, 0)
    for delimiter in ",;\t":
        try:
            widths = Counter(
                len(row) for row in csv.reader(io.StringIO(sample), delimiter=delimiter) if len(row) >= 2
            )
        except csv.Error:
            continue
        if widths:
            width, rows = widths.most_common(1)[0]
            if (rows, width) > best_score:
                best, best_score = delimiter, (rows, width)
    return best


def csv_table(data: bytes, limits: bounds.Limits) -> Table:
    return text_table(decode(data), limits)


def text_table(text: str, limits: bounds.Limits, delimiter: str | None = None) -> Table:
    """The rows as a spreadsheet shows them (a cell over several lines is one row). The
    delimiter is guessed unless given: quoting is the standard one (a doubled quote inside a
    quoted cell). Rows are kept as written (empty ones, trailing empty cells), within the bounds."""
    # The csv module refuses a field past its own limit (process-wide): one cell over the bound
    # is refused without the module first gathering all of it.
    csv.field_size_limit(limits.cell_chars + 1)
    grid = Grid(Budget(limits), "")
    number = 0
    try:
        delimiter = delimiter or sniff_delimiter(text[:65536])
        for number, cells in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
            grid.keep(number, cells)
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            where = _("row %(n)s") % {"n": number + 1}
            raise bounds.cell_too_long(where, None, limits.cell_chars) from exc
        raise bounds.ReadError(_("the CSV file can't be read: %(error)s") % {"error": exc}) from exc
    return Table(rows=grid.rows)
