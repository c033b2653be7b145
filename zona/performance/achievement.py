"""Achievement (capaian) of the performance agreement, in exact decimals:

- an indicator's realisation for the year is its latest quarter's figure (a cumulative figure)
  or the sum of its quarters, as the indicator says;
- achievement % = realisation ÷ target × 100 where higher is better, and
  (2 × target − realisation) ÷ target × 100 where lower is better (the usual SAKIP formula for
  such indicators); a zero target has no achievement;
- a target's (sasaran's) achievement is the mean of its indicators'; it is met at 100% or more
  (LKE Reform A.II.4.i.a counts the sasaran met);
- better than last year: more than half of the indicators with last year's realisation did
  better (in their direction)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)


def year_value(values: dict[int, Decimal], aggregation: str) -> Decimal | None:
    """The year's realisation from the quarters reported (quarter → value)."""
    if not values:
        return None
    if aggregation == "jumlah":
        return sum(values.values(), Decimal(0))
    return values[max(values)]


def achievement(realisation: Decimal | None, target: Decimal, direction: str) -> Decimal | None:
    if realisation is None or not target:
        return None
    if direction == "turun":
        return (2 * target - realisation) / target * HUNDRED
    return realisation / target * HUNDRED


def improved(realisation: Decimal | None, last_year: Decimal | None, direction: str) -> bool | None:
    if realisation is None or last_year is None:
        return None
    return realisation < last_year if direction == "turun" else realisation > last_year


def two(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass
class IndicatorFigure:
    indicator: object
    quarters: dict[int, Decimal]
    realisation: Decimal | None
    achievement: Decimal | None
    improved: bool | None


@dataclass
class TargetFigure:
    target: object
    indicators: list[IndicatorFigure] = field(default_factory=list)

    @property
    def achievement(self) -> Decimal | None:
        known = [i.achievement for i in self.indicators if i.achievement is not None]
        return sum(known, Decimal(0)) / len(known) if known else None

    @property
    def met(self) -> bool:
        return self.achievement is not None and self.achievement >= HUNDRED


@dataclass
class Summary:
    targets: list[TargetFigure]

    @property
    def counted(self) -> list[TargetFigure]:
        return [t for t in self.targets if t.indicators]

    @property
    def met(self) -> int:
        return sum(1 for t in self.counted if t.met)

    @property
    def achievement(self) -> Decimal | None:
        known = [t.achievement for t in self.counted if t.achievement is not None]
        return sum(known, Decimal(0)) / len(known) if known else None

    @property
    def better_than_last_year(self) -> bool | None:
        compared = [i.improved for t in self.counted for i in t.indicators if i.improved is not None]
        return sum(compared) * 2 > len(compared) if compared else None


def indicator_figure(indicator, quarters: dict[int, Decimal]) -> IndicatorFigure:
    value = year_value(quarters, indicator.aggregation)
    return IndicatorFigure(
        indicator,
        quarters,
        value,
        achievement(value, indicator.annual_target, indicator.direction),
        improved(value, indicator.last_year, indicator.direction),
    )


def b1b_answer(summary: Summary, peers: Decimal | None) -> str | None:
    """LKE Hasil B.1.b, capaian kinerja lebih baik dari sebelumnya (PermenPAN-RB 90/2021):
    A every main target above 100%, better than last year and than the peers' mean; B every
    target at 100% and better than last year; C every target at 100% but not better; D some
    target not met. E (not outcome-oriented) is the evaluator's judgement: never suggested."""
    counted = summary.counted
    if not counted or any(t.achievement is None for t in counted):
        return None
    if summary.met < len(counted):
        return "D"
    better = summary.better_than_last_year
    if not better:
        return "C"
    above = all(t.achievement > HUNDRED for t in counted)
    if above and peers is not None and summary.achievement > peers:
        return "A"
    return "B"
