"""What the road reads: the plan steps linked to each LKE question of an assessment.

A plan indicator names the LKE question it serves (`Indicator.lke_ref`); its action steps are the
work that would improve that question's answer. The forecast, the cheapest path and the evidence
readiness all start from these links (one query, whatever the number of questions)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from django.db.models import Q
from django.shortcuts import get_object_or_404

from zona.lke.models import Assessment
from zona.orgs.permissions import Action, require, unit_for
from zona.plans.models import ActionStep, StepStatus


@dataclass(frozen=True)
class LinkedStep:
    """One action step of the unit's plan for the assessment's year, under the question it serves."""

    pk: int
    ref: str  # the LKE question
    indicator_id: int
    indicator: str
    text: str
    status: str
    progress: int
    due: date | None
    pic_id: int | None
    start: date | None = None  # the indicator's target start: where the step's time begins
    target: str = ""  # the answer a step the cheapest path created aims at (empty: the question's best)
    target_value: Fraction | None = None  # that answer's value

    def expected_progress(self, today: date, year: int, deadline: date) -> float:
        """The progress the step should show today if its work were spread evenly over its time
        (from its start, else 1 January of the plan's year, to its due date, else the deadline)."""
        start, due = self.start or date(year, 1, 1), self.due or deadline
        if today <= start:
            return 0.0
        if today >= due:
            return 100.0
        return (today - start).days / (due - start).days * 100

    def slip(self, today: date, year: int, deadline: date) -> float:
        """How many points of progress the step is behind its time so far (0 when not behind),
        from its progress as the last monev report (or the plan page) set it."""
        if not self.is_open:
            return 0.0
        return max(0.0, self.expected_progress(today, year, deadline) - self.progress)

    @property
    def is_open(self) -> bool:
        return self.status != StepStatus.DONE


PLAN_ORDER = (
    "indicator__component__area_id",
    "indicator__component__order",
    "indicator__order",
    "order",
    "pk",
)
FIELDS = (
    "pk",
    "indicator__lke_ref",
    "indicator_id",
    "indicator__text",
    "text",
    "status",
    "progress",
    "due",
    "pic_id",
    "indicator__target_start",
    "road_target__ref",
    "road_target__target",
    "road_target__value",
)


def linked_steps(assessment: Assessment) -> dict[str, list[LinkedStep]]:
    """question ref → the steps linked to it, in plan order: the steps of the unit's plan of the
    assessment's year whose indicator names the question (`lke_ref`) or is tied to it by a link the
    coordinator confirmed on the assessment. Two queries, whatever the number of questions."""
    steps = ActionStep.objects.with_due().filter(
        indicator__component__area__plan__unit_id=assessment.unit_id,
        indicator__component__area__plan__year=assessment.year,
    )
    confirmed: dict[int, set[str]] = defaultdict(set)
    for ref, indicator_id in assessment.links.filter(confirmed=True).values_list("ref", "indicator_id"):
        confirmed[indicator_id].add(ref)
    rows = (
        steps.filter(Q(indicator_id__in=list(confirmed)) | ~Q(indicator__lke_ref=""))
        .order_by(*PLAN_ORDER)
        .values_list(*FIELDS)
    )
    found: dict[str, list[LinkedStep]] = defaultdict(list)
    for pk, own_ref, indicator_id, indicator, text, status, progress, due, pic_id, start, *aim in rows:
        for ref in sorted(({own_ref} - {""}) | confirmed.get(indicator_id, set())):
            target = aim[1] if aim[0] == ref else ""  # the path's target holds for its own question
            value = Fraction(aim[2]) if target else None
            step = LinkedStep(
                pk, ref, indicator_id, indicator, text, status, progress, due, pic_id, start, target, value
            )
            found[ref].append(step)
    return dict(found)


def get_assessment_for_user(request, pk: int, action: Action = Action.VIEW) -> Assessment:
    """The assessment of a road page: 404 when its unit is not the person's to see, 403 when they
    may not do `action` there."""
    assessment = get_object_or_404(Assessment.objects.visible_to(request.user).select_related("unit"), pk=pk)
    require(request.user, action, assessment.unit)
    return assessment


def get_unit_for_user(request, slug: str, action: Action = Action.VIEW):
    """The unit of a road page (its calendar, the table of the units below)."""
    return unit_for(request, slug, action)
