"""How regular and how followed-up a unit's integrity work is, in a year: what the LKE's
"berkala" (regular) and "ditindaklanjuti" (followed up) answers are judged on."""

from __future__ import annotations

from dataclasses import dataclass

from .models import Evaluation, FollowUp, Socialisation


@dataclass(frozen=True)
class Regularity:
    count: int
    semesters: int  # of the year's two, how many hold at least one

    @property
    def regular(self) -> bool:
        """Regular: at least once in each half of the year."""
        return self.semesters == 2


def _regularity(queryset, year: int) -> Regularity:
    days = list(queryset.filter(held_on__year=year).values_list("held_on", flat=True))
    return Regularity(len(days), len({1 if d.month <= 6 else 2 for d in days}))


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
