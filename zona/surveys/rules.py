"""The survey rules' numbers from `data/rules.yaml` (checked when first read): the IKM mutu bands,
the SKM frequency the LKE's A.I.6.iv.a rewards, and the scale the LKE's IPAK/IPKP index is on with
what happens to a survey on another scale. Each carries its source."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from functools import cache
from pathlib import Path

from zona.lib.yamlfile import load_yaml

DATA = Path(__file__).parent / "data" / "rules.yaml"
OTHER_SCALES = ("convert", "refuse")


class RulesError(ValueError):
    pass


@dataclass(frozen=True)
class Band:
    floor: Decimal
    mutu: str
    label: str


def _bands(raw: dict, problems: list[str]) -> tuple[Band, ...]:
    bands = []
    for item in (raw.get("mutu") or {}).get("bands") or []:
        try:
            bands.append(Band(Decimal(str(item["floor"])), str(item["mutu"]), str(item["label"])))
        except (KeyError, InvalidOperation, TypeError):
            problems.append(f"mutu band {item!r}: floor, mutu and label")
    floors = [b.floor for b in bands]
    if not bands or floors != sorted(floors, reverse=True) or len(set(floors)) != len(floors):
        problems.append("mutu bands: at least one, floors strictly descending")
    return tuple(bands)


def _check(raw: dict) -> dict:
    problems: list[str] = []
    bands = _bands(raw, problems)
    answers = (raw.get("skm_frequency") or {}).get("answers") or {}
    if not answers or not all(isinstance(n, int) and n > 0 for n in answers.values()):
        problems.append("skm_frequency.answers: a whole number of periods (> 0) per answer")
    index = raw.get("index") or {}
    if not (
        isinstance(index.get("min"), int)
        and isinstance(index.get("max"), int)
        and index["min"] < index["max"]
    ):
        problems.append("index: whole numbers min < max")
    if index.get("other_scales") not in OTHER_SCALES:
        problems.append(f"index.other_scales: one of {', '.join(OTHER_SCALES)}")
    for key in ("mutu", "skm_frequency", "index"):
        if not str((raw.get(key) or {}).get("source", "")).strip():
            problems.append(f"{key}: give its source")
    if problems:
        raise RulesError("; ".join(problems))
    return {**raw, "_bands": bands}


@cache
def data() -> dict:
    return _check(load_yaml(DATA))


def mutu_bands() -> tuple[Band, ...]:
    return data()["_bands"]


def frequency_answer(periods: int) -> str:
    """The LKE A.I.6.iv.a answer for this many counted SKM periods (E for none)."""
    answers = data()["skm_frequency"]["answers"]
    for letter, needed in sorted(answers.items(), key=lambda item: -item[1]):
        if periods >= needed:
            return letter
    return "E"


@dataclass(frozen=True)
class Conversion:
    """A survey index on the LKE's scale, and how it got there (empty `how` when no conversion)."""

    value: Decimal
    how: str


def index_on_lke_scale(index: Fraction, low: int, high: int) -> Conversion | None:
    """The mean answer of a survey on the scale low–high, on the LKE's index scale (1–4): as it
    is, converted linearly (shown), or None where the data file refuses other scales. The value
    suggested is rounded DOWN to two decimals, on both scales: a suggestion never claims more
    than the records (3.595 is 3.59, not the WBK/WBBM minimum 3.60 — PermenPAN-RB 90/2021, the
    IPAK/IPKP minimum of 3.60)."""
    spec = data()["index"]
    if (low, high) == (spec["min"], spec["max"]):
        return Conversion(_down(index), "")
    if spec["other_scales"] != "convert":
        return None
    span = spec["max"] - spec["min"]
    value = spec["min"] + (index - low) * span / (high - low)
    how = f"{spec['min']} + ({_two(index)} − {low}) × {span} ÷ {high - low} = {_down(value)}"
    return Conversion(_down(value), how)


def _down(value: Fraction) -> Decimal:
    """Two decimals, rounded down (towards the lower index): never better than the exact value.
    Floored in whole hundredths, exactly: a Decimal division (28 digits) would first round a value
    within 1e-28 under 4 up to 4.00."""
    value = Fraction(value)
    return Decimal(math.floor(value * 100)).scaleb(-2)


def _two(value: Fraction) -> Decimal:
    value = Fraction(value)
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01"), ROUND_HALF_UP)
