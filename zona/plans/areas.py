"""The six areas of change, a fixed list (data/areas.json)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from zona.lib.text import fold

ROMAN = re.compile(r"^(VI|IV|V|III|II|I)\b\.?\s*(.*)$", re.IGNORECASE)


@dataclass(frozen=True)
class AreaDef:
    code: str
    number: int
    name: str
    keys: tuple[str, ...]


@cache
def all_areas() -> tuple[AreaDef, ...]:
    raw = json.loads((Path(__file__).parent / "data" / "areas.json").read_text("utf-8"))
    areas = tuple(AreaDef(a["code"], a["number"], a["name"], tuple(a["keys"])) for a in raw["areas"])
    if [a.code for a in areas] != ["I", "II", "III", "IV", "V", "VI"]:
        raise ValueError("areas.json must list areas I to VI in order")
    return areas


def by_code(code: str) -> AreaDef:
    for area in all_areas():
        if area.code == code.upper():
            return area
    raise KeyError(code)


def match_name(text: str) -> AreaDef | None:
    """The area whose name the text names ("PENATAAN TATA LAKSANA" → II), if any."""
    key = fold(text)
    if not key:
        return None
    for area in all_areas():
        if any(k in key for k in area.keys):
            return area
    return None


def match_heading(text: str) -> tuple[AreaDef, str] | None:
    """An area heading: "I", "II PENATAAN TATA LAKSANA", "IV. PENGUATAN ...", or a name alone."""
    value = text.strip()
    roman = ROMAN.match(value)
    if roman:
        area = by_code(roman.group(1))
        return area, roman.group(2).strip(" .:")
    area = match_name(value)
    return (area, value) if area else None
