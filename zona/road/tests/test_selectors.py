"""The steps linked to each LKE question: by the indicator's own question or a confirmed link,
never by an unconfirmed suggestion nor from another unit's or year's plan."""

import pytest

from zona.lke.models import QuestionLink
from zona.lke.services import assessment_create
from zona.plans.models import ActionStep, Indicator, StepStatus
from zona.road.selectors import linked_steps

pytestmark = pytest.mark.django_db


def test_steps_are_linked_by_the_indicator_question_and_by_confirmed_links_only(seed_plan, units, cast):
    assessment = assessment_create(unit=units["SUMSEL"], year=seed_plan.year, by=cast["coordinator"])
    first, second, third = Indicator.objects.filter(component__area__plan=seed_plan).order_by("pk")[:3]
    Indicator.objects.filter(pk=first.pk).update(lke_ref="A.I.1.i.a")
    QuestionLink.objects.create(assessment=assessment, ref="A.I.1.i.b", indicator=second, confirmed=True)
    QuestionLink.objects.create(assessment=assessment, ref="A.I.1.i.c", indicator=third, confirmed=False)
    ActionStep.objects.filter(indicator=first).update(status=StepStatus.DONE, progress=100)

    found = linked_steps(assessment)

    own = list(first.steps.order_by("order", "pk").values_list("pk", flat=True))
    assert [s.pk for s in found["A.I.1.i.a"]] == own
    assert found["A.I.1.i.a"] and not any(s.is_open for s in found["A.I.1.i.a"])
    assert {s.indicator_id for s in found["A.I.1.i.b"]} == {second.pk}
    assert "A.I.1.i.c" not in found  # a suggestion nobody confirmed moves nothing
    other = assessment_create(unit=units["SUMSEL"], year=seed_plan.year + 1, by=cast["coordinator"])
    assert linked_steps(other) == {}  # no plan for that year
