"""The evaluation's data files, read once and checked: the TPI's tiers (data/tiers.yaml) and the
requests' due dates and reminders (data/requests.yaml). A broken file stops Zona with the reason."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import gettext, gettext_noop

from zona.lib.yamlfile import load_yaml

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Tier:
    code: str
    name: str
    order: int  # 1 for the lowest tier


def _sourced(name: str) -> dict:
    raw = load_yaml(DATA / name) or {}
    if not str(raw.get("source", "")).strip():
        raise ValueError(f"{name}: needs its source")
    return raw


@cache
def tiers() -> tuple[Tier, ...]:
    """The tiers, lowest first."""
    raw = _sourced("tiers.yaml")
    found = tuple(
        Tier(str(t["code"]), str(t["name"]), number) for number, t in enumerate(raw.get("tiers") or [], 1)
    )
    codes = [t.code for t in found]
    if not found or len(set(codes)) != len(codes) or any(not c.isidentifier() or len(c) > 20 for c in codes):
        raise ValueError("tiers.yaml: at least one tier, each with its own short code")
    return found


def tier(code: str) -> Tier | None:
    return next((t for t in tiers() if t.code == code), None)


def top_tier() -> Tier:
    return tiers()[-1]


@cache
def request_rules() -> dict:
    raw = _sourced("requests.yaml")
    keys = ("due_working_days", "min_working_days", "max_working_days", "remind_before_working_days")
    if any(not isinstance(raw.get(k), int) or raw[k] < 0 for k in keys):
        raise ValueError(f"requests.yaml: {', '.join(keys)} are whole working days")
    if not raw["min_working_days"] <= raw["due_working_days"] <= raw["max_working_days"]:
        raise ValueError("requests.yaml: the default due date lies outside the bounds")
    return raw


def source(kind: str) -> str:
    return " ".join(str(_sourced(f"{kind}.yaml")["source"]).split())


# The data files' sources as the pages show them: written here for the translators (makemessages
# finds them); a test checks each is its file's text.
SOURCES = {
    "tiers": gettext_noop(
        "PermenPAN-RB 90/2021 (the TPI evaluates the unit's LKE before it is proposed); the team's "
        "tiers as units run them: anggota tim (AT), ketua tim (KT), pengendali teknis (DL), each "
        "question scored in that order with an answer, a note and a score."
    ),
    "requests": gettext_noop(
        "No regulation sets how long a unit has to answer an evaluator's request. Zona's default: "
        "5 working days (the evaluator may choose 1 to 20), a reminder 1 working day before the due "
        "date and one the day after it passes."
    ),
}


def source_shown(kind: str) -> str:
    """The data file's source in the language in force."""
    return gettext(source(kind))
