"""The early-warning thresholds (data/warnings.yaml), read once and checked: a broken file stops
Zona with the reason, as the other rule files do."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from zona.lib.yamlfile import load_yaml

DATA = Path(__file__).parent / "data" / "warnings.yaml"
SECTIONS = ("gate", "overdue", "stale", "monev", "cases")
PREDICATES = ("wbk", "wbbm")
SCENARIOS = ("today", "on_time", "on_schedule")  # the road's forecast scenarios


@dataclass(frozen=True)
class Thresholds:
    predicate: str
    scenario: str
    overdue_days: int
    overdue_steps: int
    pending_days: int
    stale_items: int
    monev_grace_days: int
    case_kinds: tuple[str, ...]
    late_cases: int
    sources: dict[str, str]


def _whole(raw: dict, section: str, key: str, low: int, high: int) -> int:
    value = (raw.get(section) or {}).get(key)
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise ValueError(f"{DATA.name}: {section}.{key} is a whole number, {low}–{high}")
    return value


def parse(raw: dict) -> Thresholds:
    """The thresholds of a file's content, or ValueError naming what is wrong."""
    raw = raw or {}
    for section in SECTIONS:
        if not str((raw.get(section) or {}).get("source", "")).strip():
            raise ValueError(f"{DATA.name}: {section} needs its source")
    gate = raw["gate"]
    if gate.get("predicate") not in PREDICATES or gate.get("scenario") not in SCENARIOS:
        raise ValueError(
            f"{DATA.name}: gate.predicate is one of {PREDICATES}, gate.scenario one of {SCENARIOS}"
        )
    kinds = raw["cases"].get("kinds")
    if not kinds or not all(isinstance(k, str) and k for k in kinds) or "wbs" in kinds:
        raise ValueError(f"{DATA.name}: cases.kinds lists case kinds (never the WBS)")
    return Thresholds(
        predicate=gate["predicate"],
        scenario=gate["scenario"],
        overdue_days=_whole(raw, "overdue", "days", 0, 366),
        overdue_steps=_whole(raw, "overdue", "steps", 1, 100_000),
        pending_days=_whole(raw, "stale", "pending_days", 0, 366),
        stale_items=_whole(raw, "stale", "items", 1, 100_000),
        monev_grace_days=_whole(raw, "monev", "grace_days", 0, 91),
        case_kinds=tuple(kinds),
        late_cases=_whole(raw, "cases", "cases", 1, 100_000),
        sources={s: " ".join(str(raw[s]["source"]).split()) for s in SECTIONS},
    )


@cache
def thresholds() -> Thresholds:
    return parse(load_yaml(DATA))


def check_thresholds(app_configs=None, **kwargs) -> list:
    """A Django system check: `zona check` and start-up fail on a broken thresholds file, with
    the reason (the file is otherwise read when the early-warning list first opens)."""
    from django.core.checks import Error

    try:
        parse(load_yaml(DATA))
    except Exception as error:  # noqa: BLE001 - any unreadable or wrong file is reported as it is
        return [
            Error(f"The early-warning thresholds cannot be read: {error}", obj=str(DATA), id="peers.E001")
        ]
    return []
