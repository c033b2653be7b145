"""How regular and how followed-up a unit's integrity work is, in a year: what the LKE's
"berkala" (regular) and "ditindaklanjuti" (followed up) answers are judged on."""

from __future__ import annotations

from dataclasses import dataclass

from zona.lke.derivations import period_months, period_of

from .models import Evaluation, FollowUp, Socialisation


@dataclass(frozen=True)
class Regularity:
    count: int
    periods: int  # of the year's periods (`of`), how many hold at least one
    of: int

    @property
    def regular(self) -> bool:
        """Regular: at least once in each period of the year (regular_periods.integrity_months
        in zona/lke/data/derivations.yaml, by default each half)."""
        return self.periods == self.of


def _regularity(queryset, year: int) -> Regularity:
    months = period_months("integrity")
    days = list(queryset.filter(held_on__year=year).values_list("held_on", flat=True))
    return Regularity(len(days), len({period_of(d.month, months) for d in days}), 12 // months)


def socialisation_regularity(unit, topic: str, year: int) -> Regularity:
    return _regularity(Socialisation.objects.filter(unit=unit, topic=topic), year)


def evaluation_regularity(unit, topic: str, year: int) -> Regularity:
    return _regularity(Evaluation.objects.filter(unit=unit, topic=topic), year)


def follow_ups(unit, topic: str, year: int) -> tuple[int, int]:
    """(follow-up actions asked by the year's evaluations, those done)."""
    actions = FollowUp.objects.filter(
        evaluation__unit=unit, evaluation__topic=topic, evaluation__held_on__year=year
    )
    return actions.count(), actions.exclude(done_on=None).count()


def has_records(unit, topic: str) -> bool:
    return (
        Socialisation.objects.filter(unit=unit, topic=topic).exists()
        or Evaluation.objects.filter(unit=unit, topic=topic).exists()
    )
