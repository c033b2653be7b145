"""Reads of the integrity records: the fetch-and-authorise helpers of the pages and their lists,
and how regular and how followed-up a unit's integrity work is, in a year: what the LKE's
"berkala" (regular) and "ditindaklanjuti" (followed up) answers are judged on."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import get_object_or_404

from zona.lke.derivations import period_months, period_of
from zona.orgs.models import RoleAssignment, Unit
from zona.orgs.permissions import Action, require, unit_for

from .models import Evaluation, FollowUp, Socialisation, Topic


def get_topic_unit_for_user(request, slug: str, topic: str, action: Action = Action.VIEW) -> Unit:
    """The unit of a topic's page: 404 for a topic that is not one, or a unit the user may not
    see; 403 when they may see it but not do `action`."""
    if topic not in Topic.values:
        raise Http404
    return unit_for(request, slug, action)


def get_follow_up_for_user(request, pk: int, action: Action = Action.MANAGE_INTEGRITY) -> FollowUp:
    follow_up = get_object_or_404(
        FollowUp.objects.select_related("evaluation__unit").filter(
            evaluation__unit__in=Unit.objects.visible_to(request.user)
        ),
        pk=pk,
    )
    require(request.user, action, follow_up.evaluation.unit)
    return follow_up


def roles_held(user) -> set[str]:
    """Every role the person holds anywhere."""
    return set(RoleAssignment.objects.filter(user=user).values_list("role", flat=True))


def units_visible_to(user, limit: int = 100):
    return Unit.objects.visible_to(user)[:limit]


def socialisations_of(unit, topic: str, limit: int = 200):
    return Socialisation.objects.filter(unit=unit, topic=topic).prefetch_related("evidence")[:limit]


def evaluations_of(unit, topic: str, limit: int = 100):
    return Evaluation.objects.filter(unit=unit, topic=topic).prefetch_related("follow_ups", "evidence")[
        :limit
    ]


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
