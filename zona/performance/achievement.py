"""Achievement (capaian) of the performance agreement, in exact decimals, under the rules in force
for the agreement (`rules.py`, from `data/formulas.yaml`):

- an indicator's realisation for the year is its latest quarter's figure (a cumulative figure)
  or the sum of its quarters, as the indicator says; the year is complete once the fourth
  quarter is recorded, before that the figure is provisional;
- achievement % = realisation ÷ target × 100 where higher is better; where lower is better, the
  formula the agreement chose ((2T − R) ÷ T by default, or T ÷ R); never below 0, never above the
  cap in force; a zero target is met (100%) or not (0%);
- an indicator is met when its full year is reported and it reaches its target (in its
  direction); a target (sasaran) is met only when every one of its indicators is met: an
  unreported indicator or a target without indicators is not met (LKE A.II.4.i.a counts met of
  all);
- a target's achievement is the mean of its indicators' (each capped)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from .rules import Rules, full_year_quarter, met_at

HUNDRED = Decimal(100)
ZERO = Decimal(0)


def year_value(values: dict[int, Decimal], aggregation: str) -> Decimal | None:
    """The year's realisation from the quarters reported (quarter → value)."""
    if not values:
        return None
    if aggregation == "jumlah":
        return sum(values.values(), ZERO)
    return values[max(values)]


def meets(realisation: Decimal, target: Decimal, direction: str) -> bool:
    """The realisation reaches the target, in the indicator's direction."""
    return realisation <= target if direction == "turun" else realisation >= target


def achievement(realisation: Decimal | None, target: Decimal, direction: str, rules: Rules) -> Decimal | None:
    if realisation is None:
        return None
    if not target:  # "0 temuan": met by zero (or, higher is better, by anything)
        value = HUNDRED if meets(realisation, target, direction) else ZERO
    elif direction == "turun" and rules.lower_is_better == "inverse":
        # target ÷ realisation has no value at 0: counted at the cap, or 100% without one
        value = target / realisation * HUNDRED if realisation > 0 else (rules.cap or HUNDRED)
    elif direction == "turun":
        value = (2 * target - realisation) / target * HUNDRED
    else:
        value = realisation / target * HUNDRED
    value = max(value, ZERO)
    return min(value, rules.cap) if rules.cap is not None else value


def improved(realisation: Decimal | None, last_year: Decimal | None, direction: str) -> bool | None:
    if realisation is None or last_year is None:
        return None
    return realisation < last_year if direction == "turun" else realisation > last_year


def two(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def mean(values: list[Decimal]) -> Decimal | None:
    return sum(values, ZERO) / len(values) if values else None


def mean_of_all(values: list[Decimal | None]) -> Decimal | None:
    """The mean, only when there are values and none of them is missing."""
    if not values or any(v is None for v in values):
        return None
    return mean(values)


@dataclass
class IndicatorFigure:
    indicator: object
    quarters: dict[int, Decimal]
    realisation: Decimal | None
    achievement: Decimal | None
    improved: bool | None
    complete: bool  # the full year is reported
    met: bool

    @property
    def provisional(self) -> bool:
        return self.realisation is not None and not self.complete


@dataclass
class TargetFigure:
    target: object
    indicators: list[IndicatorFigure] = field(default_factory=list)

    @property
    def achievement(self) -> Decimal | None:
        """The mean of its indicators' achievement, when every indicator has one."""
        return mean_of_all([i.achievement for i in self.indicators])

    @property
    def complete(self) -> bool:
        return bool(self.indicators) and all(i.complete for i in self.indicators)

    @property
    def met(self) -> bool:
        return bool(self.indicators) and all(i.met for i in self.indicators)

    @property
    def shortfalls(self) -> list[str]:
        """Why it is not met, in words: no indicator, an indicator not reported, one below target."""
        if not self.indicators:
            return [_("no indicator")]
        out = []
        for i in self.indicators:
            code = i.indicator.code
            if i.realisation is None:
                out.append(_("%(code)s not reported") % {"code": code})
            elif not i.complete:
                out.append(_("%(code)s not reported for the full year") % {"code": code})
            elif not i.met:
                out.append(_("%(code)s below its target") % {"code": code})
        return out


@dataclass
class Summary:
    targets: list[TargetFigure]
    rules: Rules

    @property
    def counted(self) -> list[TargetFigure]:
        """Every target of the unit counts: one without indicators or reports is simply not met."""
        return self.targets

    @property
    def met(self) -> int:
        return sum(1 for t in self.targets if t.met)

    @property
    def complete(self) -> bool:
        return bool(self.targets) and all(t.complete for t in self.targets)

    @property
    def reported(self) -> bool:
        return any(i.realisation is not None for t in self.targets for i in t.indicators)

    @property
    def achievement(self) -> Decimal | None:
        """The mean of the targets' achievement, when every target has one."""
        return mean_of_all([t.achievement for t in self.targets])

    @property
    def indicators(self) -> list[IndicatorFigure]:
        return [i for t in self.targets for i in t.indicators]

    def better_than_last_year(self, previous: Summary | None = None) -> bool | None:
        """As the agreement's rule says; None when nothing can be compared. An indicator without
        last year's figure never counts as better."""
        choice = self.rules.better_than_last_year
        if choice == "mean_achievement":
            if previous is None or not previous.complete or not self.complete:
                return None
            return self.achievement > previous.achievement
        indicators = self.indicators
        if not indicators or all(i.improved is None for i in indicators):
            return None
        better = sum(1 for i in indicators if i.improved)
        return better == len(indicators) if choice == "every_indicator" else better * 2 > len(indicators)


def indicator_figure(indicator, quarters: dict[int, Decimal], rules: Rules) -> IndicatorFigure:
    value = year_value(quarters, indicator.aggregation)
    complete = full_year_quarter() in quarters
    return IndicatorFigure(
        indicator,
        quarters,
        value,
        achievement(value, indicator.annual_target, indicator.direction, rules),
        improved(value, indicator.last_year, indicator.direction),
        complete,
        complete and meets(value, indicator.annual_target, indicator.direction),
    )


@dataclass(frozen=True)
class Answer:
    answer: str
    why: str


def b1b_answer(summary: Summary, peers: Decimal | None, previous: Summary | None = None) -> Answer | None:
    """LKE Hasil B.1.b, capaian kinerja lebih baik dari sebelumnya (PermenPAN-RB 90/2021):
    A every main target above 100%, better than last year and than the peers' mean; B every
    target met (100%) and better than last year; C every target met but not shown better; D some
    target not met — or not reported for the full year, which cannot count as met. E (not
    outcome-oriented) is the evaluator's judgement: never suggested. Nothing reported: no
    suggestion."""
    targets = summary.targets
    if not targets or not summary.reported:
        return None
    if summary.met < len(targets):
        missing = [f"{t.target.code}: {', '.join(t.shortfalls)}" for t in targets if not t.met]
        return Answer("D", _("not every target met (%(list)s)") % {"list": "; ".join(missing)})
    better = summary.better_than_last_year(previous)
    if not better:
        why = _("not better than last year") if better is False else _("no last-year figure to compare")
        return Answer("C", why)
    above = all(t.achievement > met_at() for t in targets)
    if above and peers is not None and summary.achievement > peers:
        return Answer("A", _("every target above 100%, better than last year and than the peers' mean"))
    if not above:
        return Answer("B", _("every target met and better than last year, not every one above 100%"))
    if peers is None:
        return Answer("B", _("no peers' mean to compare with"))
    return Answer("B", _("not above the peers' mean"))
