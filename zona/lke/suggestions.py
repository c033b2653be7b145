"""Suggested answers from what Zona already knows, as a registry keyed by question reference.

A module adds a rule with `@rule("A.I.1.i.a")`: a function of the assessment that returns a
`Suggestion` (the answer and where it comes from) or None. The unit confirms it or overrides it
with a reason. The LKE never imports the modules; they register here (in their AppConfig.ready).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from fractions import Fraction

from .derivations import derivations

RULES: dict[str, list[Callable]] = {}


@dataclass(frozen=True)
class Suggestion:
    answer: str
    source: str
    link: str = ""  # the page with the records that produced it
    figures: tuple[tuple[str, object], ...] = ()  # (what, number) behind an answer that is not numeric
    # A stand-in for what the LKE asks (the unit's own survey for the external IPAK/IPKP): what
    # the unit confirms before the answer is saved; never taken as the answer without it.
    confirm: str = ""
    # False where the register is sealed to its recipients (the WBS): no link, the figures inline
    linkable: bool = True


def most_share() -> Fraction:
    """The share above which "most" (sebagian besar) holds: `most` in data/derivations.yaml."""
    raw = derivations().get("most") or {}
    try:
        share = Fraction(str(raw.get("more_than")))
    except (ValueError, ZeroDivisionError) as exc:
        raise ValueError("derivations.yaml: most.more_than is a fraction such as 1/2") from exc
    if not 0 < share < 1 or not str(raw.get("source", "")).strip():
        raise ValueError("derivations.yaml: most.more_than lies between 0 and 1, with its source")
    return share


def is_most(part: int, whole: int) -> bool:
    return bool(whole) and Fraction(part, whole) > most_share()


def share_answer(part: int, whole: int, letters: str = "ABCD") -> str:
    """The LKE's coverage scale: all, most (more than half: data/derivations.yaml), some, none.
    Pass "BCDE" where A also asks for an innovation Zona cannot see (the unit chooses A itself)."""
    first, most, some, none = letters
    if whole and part >= whole:
        return first
    if is_most(part, whole):
        return most
    return some if part else none


def rule(ref: str):
    def register(function: Callable):
        RULES.setdefault(ref, []).append(function)
        return function

    return register


def suggest(assessment) -> dict[str, Suggestion]:
    """Every rule's suggestion for this assessment (the first rule with an answer wins)."""
    return {ref: suggestion for ref, (suggestion, _function) in suggest_with_rules(assessment).items()}


def suggest_one(assessment, ref: str) -> Suggestion | None:
    """`suggest(assessment).get(ref)`, running only that question's rules (an answer saved)."""
    return suggest_some(assessment, [ref]).get(ref)


def suggest_some(assessment, refs) -> dict[str, Suggestion]:
    """`suggest(assessment)` for these questions, running only their rules (a page showing one
    section of the instrument: its questions' rules, not all of them)."""
    found = {}
    for ref in refs:
        if answer := _first_answer(assessment, RULES.get(ref, ())):
            found[ref] = answer[0]
    return found


def suggest_with_rules(assessment) -> dict[str, tuple[Suggestion, Callable]]:
    """`suggest`, with the rule that gave each answer (for `zona lke explain`)."""
    found: dict[str, tuple[Suggestion, Callable]] = {}
    for ref, functions in RULES.items():
        if answer := _first_answer(assessment, functions):
            found[ref] = answer
    return found


def _first_answer(assessment, functions) -> tuple[Suggestion, Callable] | None:
    """The first of a question's rules that answers, its suggestion leading to its records."""
    for function in functions:
        suggestion = function(assessment)
        if suggestion is not None:
            if not suggestion.link and suggestion.linkable:  # every answer leads to its records
                from .provenance import records_page

                suggestion = replace(suggestion, link=records_page(function, assessment))
            return suggestion, function
    return None


def rule_name(function: Callable) -> str:
    return f"{function.__module__}.{function.__name__}"
