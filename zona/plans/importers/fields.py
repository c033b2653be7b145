"""The field names of a plan file, from the data file `data/fields.yaml`."""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path

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
