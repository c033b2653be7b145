"""A unit's place among its peers: the percentile of its value among theirs.

    percentile = 100 × (peers whose value ≤ the unit's value) ÷ (peers with a value)

The unit counts among its peers, so the best of them stands at 100 and a unit alone at 100; a tie
puts the tied units at the same percentile; a peer without the figure is left out (not counted as
zero). This is the "percentile rank" by the weak inequality, stated on the page."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    value: float | None  # the unit's own figure (None: it has none)
    percentile: float | None  # 0–100, None without the unit's figure
    peers: int  # the peers with the figure, the unit included


def percentile(value: float | None, values: Iterable[float | None]) -> Place:
    """The place of `value` among `values` (the unit's own value included in them)."""
    known = [v for v in values if v is not None]
    if value is None or not known:
        return Place(value, None, len(known))
    at_or_below = sum(1 for v in known if v <= value)
    return Place(value, 100.0 * at_or_below / len(known), len(known))
