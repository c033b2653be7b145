"""The road's data (data/road.yaml), read once and checked: a broken file stops Zona with the
reason, as the other rule files do."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

from django.utils.translation import get_language

from zona.lib.yamlfile import load_yaml

DATA = Path(__file__).parent / "data" / "road.yaml"


@cache
def rules() -> dict:
    raw = load_yaml(DATA) or {}
    for section in ("calendar", "forecast", "readiness", "path"):
        if not str((raw.get(section) or {}).get("source", "")).strip():
            raise ValueError(f"{DATA.name}: {section} needs its source")
    days = raw["readiness"].get("reminder_days")
    if not days or any(not isinstance(d, int) or not 1 <= d <= 366 for d in days):
        raise ValueError(f"{DATA.name}: readiness.reminder_days are whole days, 1–366")
    if not 1 <= int(raw["path"]["numeric_levels"]) <= 100 or not 0 < float(raw["path"]["numeric_step"]) <= 1:
        raise ValueError(f"{DATA.name}: path.numeric_levels is 1–100, path.numeric_step in (0, 1]")
    note = raw["calendar"].get("note") or {}
    if not all(str(note.get(language, "")).strip() for language in ("en", "id")):
        raise ValueError(f"{DATA.name}: calendar.note needs its en and id text")
    for key in ("proposal_deadline", "tpi_start", "tpi_end"):
        month_day(raw["calendar"][key], 2024)
    return raw


def month_day(text: str, year: int) -> date:
    """ "05-31" in `year` (a 29 February falls back to the 28th in other years)."""
    month, day = (int(part) for part in str(text).split("-"))
    try:
        return date(year, month, day)
    except ValueError:
        return date(year, month, day - 1)


def source(section: str) -> str:
    return " ".join(str(rules()[section]["source"]).split())


def calendar_note() -> str:
    """The default calendar's note in the language in force (Indonesian unless English is)."""
    note = rules()["calendar"]["note"]
    language = "en" if (get_language() or "").startswith("en") else "id"
    return " ".join(str(note[language]).split())
