"""Progress is derived, never typed in.

An indicator's progress is the mean of two halves:
- the share of its action steps marked done, and
- whether at least one piece of its evidence is verified by a reviewer (0 or 1).
An indicator without steps is judged on its evidence alone. A component, an area and the plan
each report the mean over all indicators beneath them, so every indicator weighs the same.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Facts:
    steps_total: int
    steps_done: int
    has_verified: bool


def indicator_progress(facts: Facts) -> float:
    if facts.steps_total < 0 or not 0 <= facts.steps_done <= facts.steps_total:
        raise ValueError(f"impossible step counts: {facts}")
    evidence = 1.0 if facts.has_verified else 0.0
    if facts.steps_total == 0:
        return evidence
    return (facts.steps_done / facts.steps_total + evidence) / 2


def mean_progress(values: Iterable[float]) -> float:
    items = list(values)
    return sum(items) / len(items) if items else 0.0


def percent(value: float) -> int:
    """For display: whole percent, never rounding a nearly-done node up to 100."""
    return int(value * 100 + 1e-9)
