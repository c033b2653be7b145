"""What the road reads: the plan steps linked to each LKE question of an assessment.

A plan indicator names the LKE question it serves (`Indicator.lke_ref`); its action steps are the
work that would improve that question's answer. The forecast, the cheapest path and the evidence
readiness all start from these links (one query, whatever the number of questions)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from zona.lke.models import Assessment
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
    for pk, own_ref, indicator_id, indicator, text, status, progress, due, pic_id in rows:
        for ref in sorted(({own_ref} - {""}) | confirmed.get(indicator_id, set())):
            step = LinkedStep(pk, ref, indicator_id, indicator, text, status, progress, due, pic_id)
            found[ref].append(step)
    return dict(found)
