"""A table's header row is recognised by the row as a whole, never by one cell.

Shared by the importers that look for their header among the first rows of a file (the work
plan, the registers, the risk register, the LKE sheet): a title or a data row that happens to
mention a column's name ("Indikator Kinerja Utama (IKU) telah ditetapkan") is not a header."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .text import fold


def mostly_named(cells: Iterable[str], named: Callable[[str], bool]) -> bool:
    """True when two cells or more, and more than half of the row's non-empty cells, are column
    names (`named` says whether one cell is)."""
    filled = [cell for cell in cells if fold(cell)]
    hits = sum(1 for cell in filled if named(cell))
    return hits >= 2 and hits * 2 > len(filled)
