"""Reminder offsets (days ahead) from data/reminders.yaml, each with its source; the setting named
there (an environment variable) overrides the file's value when it is set. And the daily senders
other apps offer (`daily`): `zona send-reminders` runs each after the monev's own reminders, so
that a site without the background worker sends every reminder the worker would."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

from django.conf import settings

from .yamlfile import load_yaml

DATA = Path(__file__).parent / "data" / "reminders.yaml"


@cache
def offsets() -> dict[str, dict]:
    """The offsets of the data file, checked: a broken file stops Zona with the reason."""
    raw = (load_yaml(DATA) or {}).get("offsets") or {}
    for name, spec in raw.items():
        days, source = spec.get("days"), " ".join(str(spec.get("source", "")).split())
        if not isinstance(days, int) or not 1 <= days <= 366 or not source or not spec.get("setting"):
            raise ValueError(f"{DATA.name}: {name} needs days (1–366), its setting and its source")
    if not raw:
        raise ValueError(f"{DATA.name}: no offsets")
    return raw


def offset_days(name: str) -> int:
    """The offset `name` in days: its setting when set, otherwise the data file's value."""
    spec = offsets()[name]
    override = getattr(settings, spec["setting"], None)
    return int(override) if override is not None else spec["days"]


def offset_source(name: str) -> str:
    return " ".join(str(offsets()[name]["source"]).split())


SENDERS: dict[str, Callable[..., int]] = {}


def daily(name: str, sender: Callable[..., int]) -> None:
    """Offer `sender(today=…)` (it returns how many reminders it created; once each, safe to run
    twice) to `zona send-reminders`, under `name`."""
    SENDERS[name] = sender


def daily_senders() -> dict[str, Callable[..., int]]:
    return dict(SENDERS)
