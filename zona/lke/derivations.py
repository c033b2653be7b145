"""The numbers inside the derivation rules (data/derivations.yaml), each with its source,
checked when first read: a broken file stops with the reason rather than suggesting wrongly."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.utils.translation import gettext

from zona.lib.yamlfile import load_yaml

DATA = Path(__file__).parent / "data" / "derivations.yaml"


class DerivationDataError(ValueError):
    pass


def _check(data: dict) -> dict:
    problems = []
    for key in ("skp_frequency", "dip_categories", "complaint_channels"):
        if not str((data.get(key) or {}).get("source", "")).strip():
            problems.append(f"{key}: give its source")
    periods = (data.get("skp_frequency") or {}).get("periods") or {}
    values = [periods.get(letter) for letter in "ABCD"]
    if not all(isinstance(v, int) and v > 0 for v in values) or values != sorted(values, reverse=True):
        problems.append("skp_frequency.periods: A–D as whole numbers, each above the next")
    if not (data.get("dip_categories") or {}).get("required"):
        problems.append("dip_categories.required: list the categories")
    channels = data.get("complaint_channels") or {}
    if set(channels.get("online") or ()) & set(channels.get("offline") or ()):
        problems.append("complaint_channels: a channel is either online or offline")
    regular = data.get("regular_periods") or {}
    if not str(regular.get("source", "")).strip():
        problems.append("regular_periods: give its source")
    for key in ("integrity_months", "monev_months"):
        if regular.get(key) not in (1, 2, 3, 4, 6, 12):
            problems.append(f"regular_periods.{key}: months dividing the year (1, 2, 3, 4, 6 or 12)")
    for ref, entry in (data.get("rules") or {}).items():
        if not all(str((entry or {}).get(key, "")).strip() for key in ("rule", "source")):
            problems.append(f"rules.{ref}: give its rule and its source")
    if problems:
        raise DerivationDataError("; ".join(problems))
    return data


@cache
def derivations() -> dict:
    return _check(load_yaml(DATA))


def rule_texts() -> list[str]:
    """Every rule and source text of data/derivations.yaml `rules`, as rule_of() reads it (the
    English of the data file, one space between words): each is a msgid of the translations."""
    return [
        text
        for entry in (derivations().get("rules") or {}).values()
        for text in (_words(entry.get("rule", "")), _words(entry.get("source", "")))
        if text
    ]


def _words(text) -> str:
    return " ".join(str(text or "").split())


def _shown(text) -> str:
    """The data file's English text in the reader's language: its msgid is in locale/ (the file
    stays the single source of the rule; the translation is its Indonesian wording)."""
    words = _words(text)
    return gettext(words) if words else ""


def rule_of(ref: str) -> tuple[str, str]:
    """A derived question's rule in words and the regulation it comes from (`rules` in
    data/derivations.yaml), in the reader's language; ("", "") for a question no entry describes."""
    entry = (derivations().get("rules") or {}).get(ref) or {}
    return _shown(entry.get("rule", "")), _shown(entry.get("source", ""))


def period_months(kind: str) -> int:
    """The length in months of the period in which "secara berkala" (regularly) asks for one
    record: `regular_periods.<kind>_months` in data/derivations.yaml (kind: integrity, monev)."""
    return derivations()["regular_periods"][f"{kind}_months"]


def period_of(month: int, months: int) -> int:
    """The period (1-based) of the year a month falls in, for periods of `months` months."""
    return (month - 1) // months + 1
