"""The national dashboard's progress of many plans in one query agrees with each plan's own tree
(the same rule: half steps done, half verified evidence; evidence alone without steps)."""

from django.utils import timezone

from zona.evidence.models import Status
from zona.evidence.services import evidence_create_link
from zona.plans.models import ActionStep, Indicator, Plan
from zona.plans.selectors import plan_tree, plans_progress


def test_plans_progress_agrees_with_the_plan_tree(seed_plan, cast, units):
    indicators = list(Indicator.objects.filter(component__area__plan=seed_plan).order_by("pk"))
    ActionStep.objects.filter(indicator__in=indicators[::3]).update(done_at=timezone.now())
    for indicator in indicators[::4]:
        item = evidence_create_link(unit=seed_plan.unit, title="Bukti", url="https://example.org", by=None)
        item.status = Status.VERIFIED
        item.save()
        indicator.evidence.add(item)
    ActionStep.objects.filter(indicator=indicators[1]).delete()  # an indicator with no steps
    empty = Plan.objects.create(unit=units["JAMBI"], year=seed_plan.year)
    found = plans_progress([seed_plan.pk, empty.pk])
    assert abs(found[seed_plan.pk] - plan_tree(seed_plan).progress) < 1e-9
    assert 0 < found[seed_plan.pk] < 1 and empty.pk not in found  # a plan with no indicator: no figure
    assert plans_progress([]) == {}
