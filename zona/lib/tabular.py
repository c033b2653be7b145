"""Reading the rows of a spreadsheet as people save them: CSV in any common encoding and with
any common delimiter, and XLSX sheets. Every importer (plans, LKE sheets) reads through here."""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import datetime

from django.utils.translation import gettext as _


class TabularError(ValueError):
    """A file that can't be read as a table; the message is for the user."""


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


def csv_rows(text: str) -> list[list[str]]:
    """The rows as a spreadsheet shows them (a cell over several lines is one row). Only the
    delimiter is guessed: quoting is the standard one (a doubled quote inside a quoted cell)."""
    delimiter = sniff_delimiter(text[:65536])
    try:
        return list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as exc:
        raise TabularError(_("the CSV file can't be read: %(error)s") % {"error": exc}) from exc


def xlsx_sheets(data: bytes) -> list[tuple[str, list[list[str]]]]:
    """(sheet title, rows of cell texts) for every sheet, in order."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise TabularError(
            _("the XLSX file can't be opened: %(error)s") % {"error": exc.__class__.__name__}
        ) from exc
    try:
        return [
            (sheet.title, [[cell_text(v) for v in values] for values in sheet.iter_rows(values_only=True)])
            for sheet in book.worksheets
        ]
    except Exception as exc:  # a damaged sheet inside a readable package
        raise TabularError(
            _("the XLSX file can't be opened: %(error)s") % {"error": exc.__class__.__name__}
        ) from exc
    finally:
        book.close()


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value: object) -> object:
    """A value for a CSV cell that a spreadsheet opening the file shows as text: a string that
    would start a formula (= + - @, tab, carriage return) gets a leading apostrophe. Numbers are
    left as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
