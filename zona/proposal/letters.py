"""The drafted letters' texts (data/letters.yaml), checked on load, filled from the unit's data."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from string import Template

from zona.lib.yamlfile import load_yaml

LETTERS = Path(__file__).parent / "data" / "letters.yaml"
PLACEHOLDERS = frozenset(
    "unit unit_upper year predicate predicate_long score score_level head_name head_nip "
    "head_position address city date letter_number recipient".split()
)
PARTS = ("heading", "salutation", "body", "closing", "signature")
KINDS = ("cover_letter", "statement")


@dataclass(frozen=True)
class Letter:
    title: str
    parts: dict[str, tuple[str, ...]]  # heading, salutation, body, closing, signature: lines

    def filled(self, values: dict[str, str]) -> dict[str, list[str]]:
        return {
            part: [Template(line).substitute(values) for line in lines] for part, lines in self.parts.items()
        }


@dataclass(frozen=True)
class Letters:
    recipient: str
    predicates: dict[str, str]
    score_levels: dict[str, str]  # the level whose score the letters give ("tpi", "mandiri") → words
    letters: dict[str, Letter]


def _names(text: str) -> set[str]:
    found = set()
    for match in Template.pattern.finditer(text):
        name = match.group("named") or match.group("braced")
        if name:
            found.add(name)
        elif match.group("invalid") is not None:
            raise ValueError(f"letters.yaml: a lone $ in {text!r} (write $$ for a dollar sign)")
    return found


def parse(raw: dict) -> Letters:
    """The letters of a data file, or ValueError naming what is wrong."""
    letters = {}
    for kind in KINDS:
        spec = raw[kind]
        parts = {part: tuple(str(line) for line in spec.get(part) or ()) for part in PARTS}
        unknown = set().union(*(_names(line) for lines in parts.values() for line in lines)) - PLACEHOLDERS
        if unknown:
            raise ValueError(f"letters.yaml: {kind} names unknown placeholders {sorted(unknown)}")
        letters[kind] = Letter(title=str(spec["title"]), parts=parts)
    predicates = {str(k): str(v) for k, v in raw["predicates"].items()}
    if set(predicates) != {"WBK", "WBBM"}:
        raise ValueError("letters.yaml: predicates must name WBK and WBBM")
    score_levels = {str(k): str(v) for k, v in raw["score_levels"].items()}
    if set(score_levels) != {"tpi", "mandiri"}:
        raise ValueError("letters.yaml: score_levels must name tpi and mandiri")
    return Letters(
        recipient=str(raw["recipient"]), predicates=predicates, score_levels=score_levels, letters=letters
    )


@cache
def letters() -> Letters:
    return parse(load_yaml(LETTERS))
