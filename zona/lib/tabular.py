"""Writing cells that a spreadsheet opening the file shows as text. Reading spreadsheets is
zona.lib.readers."""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value: object) -> object:
    """A value for a CSV cell that a spreadsheet opening the file shows as text: a string that
    would start a formula (= + - @, tab, carriage return) gets a leading apostrophe. Numbers are
    left as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
