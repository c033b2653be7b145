"""The field names of a plan file, from the data file `data/fields.yaml`."""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path

from zona.lib.headers import mostly_named
from zona.lib.text import fold
from zona.lib.yamlfile import load_yaml

DATA = Path(__file__).parent / "data" / "fields.yaml"
FIELDS = (
    "code", "item", "no", "part", "area", "subarea", "component", "indicator", "actions", "evidence",
    "target", "pic", "measures", "reviewer", "note", "year", "unit",
)  # fmt: skip


# Fields that may come from several columns (e.g. "Output" and "Dokumen" are both evidence).
MULTI = frozenset({"actions", "evidence", "pic", "measures"})


@cache
def data() -> dict:
    raw = load_yaml(DATA)
    unknown = set(raw["fields"]) - set(FIELDS)
    if unknown:
        raise ValueError(f"fields.yaml names unknown fields: {sorted(unknown)}")
    return raw


@lru_cache(maxsize=4096)
def field_of(header: str) -> str | None:
    """The field a column header names, or None: an exact synonym first, then a prefix."""
    key = fold(header)
    if not key:
        return None
    synonyms = data()["fields"]
    for field, names in synonyms.items():
        if key in names:
            return field
    for field, names in synonyms.items():
        if any(key.startswith(name) for name in names if len(name) >= 4):
            return field
    return None


def exact_field(header: str) -> str | None:
    """The field a column header names word for word (a synonym, not a prefix), or None."""
    key = fold(header)
    return next((field for field, names in data()["fields"].items() if key and key in names), None)


def header_columns(cells: list[str]) -> dict[int, str]:
    """Column index → field when the row, as a whole, reads as a header row; {} otherwise.

    Two cells or more, and more than half of the row's non-empty cells, must name a column: a
    cell that happens to begin with a column's name ("Indikator Kinerja Utama (IKU) telah
    ditetapkan") makes no header. A field found twice keeps its first column, unless it may come
    from several."""
    if not mostly_named(cells, lambda cell: field_of(cell) is not None):
        return {}
    found: dict[int, str] = {}
    for index, cell in enumerate(cells):
        field = field_of(cell)
        if field and (field not in found.values() or field in MULTI):
            found[index] = field
    return found


@lru_cache(maxsize=64)
def _folded(headers: tuple[str, ...]) -> list[str]:
    return [fold(h) for h in headers]


def repeats_header(cells: list[str], headers: list[str]) -> bool:
    """True when a row is the header row again (a table going on over a page break): more than
    half of its non-empty cells, and of the header's, are the header's own texts in place."""
    wanted = _folded(tuple(headers))
    header_filled = sum(1 for key in wanted if key)
    same = missed = 0
    for index, key in enumerate(wanted):
        if not key:
            continue
        # (folding only shortens a text: a shorter cell is not the header's)
        cell = cells[index] if index < len(cells) else ""
        if len(cell) >= len(key) and fold(cell) == key:
            same += 1
        else:
            missed += 1
            if missed * 2 >= header_filled:
                return False  # a data row, as most rows are: no need to read it further
    filled = sum(1 for cell in cells if fold(cell))
    return filled > 0 and same * 2 > filled and same * 2 > header_filled


def label_of(label: str) -> str | None:
    key = fold(label)
    for field, names in data()["labels"].items():
        if key in names:
            return field
    return None


def is_test_text(text: str) -> bool:
    return fold(text) in data()["test_rows"]


def recurring() -> dict[str, str]:
    return data()["recurring"]
