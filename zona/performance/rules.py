"""The achievement rules of the performance agreement, from `data/formulas.yaml` (checked on
load): the fixed numbers (met at 100%, the full year's quarter) and the choices a unit makes where
no regulation settles the rule (lower-is-better formula, the cap, what "better than last year"
compares), each with its source and default. An agreement keeps its own choices; a choice it has
not made is the default."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zona.lib.yamlfile import load_yaml

DATA = Path(__file__).parent / "data" / "formulas.yaml"

# What Zona implements for each option: the data file may only choose among these.
LABELS = {
    "lower_is_better": {
        "_": _("Lower is better"),
        "mirror": _("(2 × target − realisation) ÷ target"),
        "inverse": _("target ÷ realisation"),
    },
    "cap": {"_": _("Highest achievement counted"), "120": _("120%"), "none": _("no cap")},
    "better_than_last_year": {
        "_": _("Better than last year"),
        "every_indicator": _("every indicator did better than last year"),
        "most_indicators": _("more than half of the indicators did better than last year"),
        "mean_achievement": _("the mean achievement is above last year's"),
    },
}


class FormulasError(ValueError):
    pass


@dataclass(frozen=True)
class Rules:
    """The choices in force for one agreement."""

    lower_is_better: str
    cap: Decimal | None
    better_than_last_year: str
    chosen: dict[str, str]  # option → choice code, as in force


@dataclass(frozen=True)
class Choice:
    option: str
    code: str
    label: str
    source: str
    default: bool
    in_force: bool


def _check(raw: dict) -> dict:
    problems = []
    for key in ("met_at_percent", "full_year_quarter"):
        if not isinstance(raw.get(key), int):
            problems.append(f"{key} must be a whole number")
    options = raw.get("options") or {}
    if set(options) != set(LABELS):
        problems.append(f"options must be exactly {sorted(LABELS)}")
    for name, spec in options.items():
        choices = spec.get("choices") or {}
        known = set(LABELS.get(name, {})) - {"_"}
        if set(choices) - known:
            problems.append(f"{name}: Zona does not implement {sorted(set(choices) - known)}")
        if spec.get("default") not in choices:
            problems.append(f"{name}: the default is not one of its choices")
        for code, choice in choices.items():
            if not str((choice or {}).get("source", "")).strip():
                problems.append(f"{name}.{code}: give its source")
    for code, choice in (options.get("cap", {}).get("choices") or {}).items():
        percent = (choice or {}).get("percent")
        if percent is not None and (not isinstance(percent, int) or percent < 100):
            problems.append(f"cap.{code}: percent must be a whole number of at least 100, or null")
    if problems:
        raise FormulasError("; ".join(problems))
    return raw


@cache
def data() -> dict:
    return _check(load_yaml(DATA))


def met_at() -> Decimal:
    return Decimal(data()["met_at_percent"])


def full_year_quarter() -> int:
    return data()["full_year_quarter"]


def defaults() -> dict[str, str]:
    return {name: str(spec["default"]) for name, spec in data()["options"].items()}


def clean(chosen: dict | None) -> dict[str, str]:
    """Only valid choices are kept; what is missing or unknown falls back to the default."""
    out = defaults()
    for name, code in (chosen or {}).items():
        if name in out and str(code) in data()["options"][name]["choices"]:
            out[name] = str(code)
    return out


def rules_for(chosen: dict | None) -> Rules:
    c = clean(chosen)
    percent = data()["options"]["cap"]["choices"][c["cap"]].get("percent")
    return Rules(
        lower_is_better=c["lower_is_better"],
        cap=Decimal(percent) if percent is not None else None,
        better_than_last_year=c["better_than_last_year"],
        chosen=c,
    )


def source_words(choice: dict) -> str:
    """A choice's source as the data file words it, one space between words: a msgid of the
    translations, shown in the reader's language."""
    return " ".join(str(choice["source"]).split())


def source_texts() -> list[str]:
    """Every choice's source text of data/formulas.yaml (each has its Indonesian in locale/)."""
    return [source_words(c) for spec in data()["options"].values() for c in spec["choices"].values()]


def choices_shown(chosen: dict | None) -> list[tuple[str, str, list[Choice]]]:
    """Every option with its choices, which is the default and which is in force (for the page)."""
    c = clean(chosen)
    out = []
    for name, spec in data()["options"].items():
        items = [
            Choice(
                option=name,
                code=str(code),
                label=str(LABELS[name][str(code)]),
                source=gettext(source_words(choice)),  # the data's English, its msgid in locale/
                default=str(code) == str(spec["default"]),
                in_force=str(code) == c[name],
            )
            for code, choice in spec["choices"].items()
        ]
        out.append((name, str(LABELS[name]["_"]), items))
    return out


def in_force_text(rules: Rules) -> str:
    """One line: the choices in force, for suggestions and exports."""
    return "; ".join(f"{LABELS[name]['_']}: {LABELS[name][code]}" for name, code in rules.chosen.items())
