"""Progress is derived (README "Progress"): property tests for the indicator rule and roll-up."""

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from zona.evidence.models import EvidenceItem, Kind, Status
from zona.plans.models import ActionStep, Indicator
from zona.plans.progress import Facts, indicator_progress, mean_progress, percent
from zona.plans.selectors import plan_tree


@st.composite
def facts(draw):
    total = draw(st.integers(0, 50))
    return Facts(total, draw(st.integers(0, total)), draw(st.booleans()))


@given(facts())
def test_indicator_progress_is_a_fraction(f):
    assert 0.0 <= indicator_progress(f) <= 1.0


@given(facts())
def test_finishing_a_step_or_verifying_evidence_never_lowers_progress(f):
    before = indicator_progress(f)
    if f.steps_done < f.steps_total:
        assert indicator_progress(Facts(f.steps_total, f.steps_done + 1, f.has_verified)) > before
    assert indicator_progress(Facts(f.steps_total, f.steps_done, True)) >= before


@given(facts())
def test_done_means_every_step_done_and_evidence_verified(f):
    complete = f.has_verified and f.steps_done == f.steps_total
    assert (indicator_progress(f) == 1.0) == complete


def test_impossible_counts_are_refused():
    with pytest.raises(ValueError):
        indicator_progress(Facts(2, 3, False))


@given(st.lists(st.lists(st.floats(0, 1), min_size=1, max_size=6), min_size=1, max_size=6))
def test_roll_up_weighs_every_indicator_the_same(groups):
    flat = [v for g in groups for v in g]
    weighted = sum(mean_progress(g) * len(g) for g in groups) / len(flat)
    assert mean_progress(flat) == pytest.approx(weighted)
    assert min(flat) - 1e-9 <= mean_progress(flat) <= max(flat) + 1e-9


@given(st.floats(0, 1))
def test_percent_never_shows_100_before_done(value):
    if percent(value) == 100:
        # 100 % is shown only for a node that is done: 1.0, or a float sum one rounding step short of
        # it (the mean of indicators that are all done can come out as 0.9999999999999999)
        assert value >= 1.0 - 1e-9
    assert 0 <= percent(value) <= 100


def test_percent_rounds_down_so_nearly_done_is_99():
    assert percent(0.999) == 99 and percent(1.0) == 100 and percent(0.0) == 0


def test_plan_tree_moves_with_steps_and_verified_evidence(seed_plan, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        tree = plan_tree(seed_plan)
    assert tree.progress == 0.0 and tree.indicators == 43
    indicator = Indicator.objects.filter(component__area__plan=seed_plan).order_by("pk").first()
    ActionStep.objects.filter(indicator=indicator).update(done_at=timezone.now())
    item = EvidenceItem.objects.create(
        unit=seed_plan.unit,
        title="SK Tim",
        kind=Kind.LINK,
        url="https://example.org/sk",
        status=Status.VERIFIED,
    )
    indicator.evidence.add(item)
    tree = plan_tree(seed_plan)
    area_one = tree.children[0]
    assert area_one.children[0].children[0].progress == 1.0
    assert area_one.progress == pytest.approx(1 / 5)  # one of area I's five indicators
    assert tree.progress == pytest.approx(1 / 43)


def test_plan_overview_query_count_does_not_grow_with_evidence(
    client, cast, seed_plan, django_assert_max_num_queries
):
    url = f"/rencana/{seed_plan.pk}/"
    client.force_login(cast["viewer"])
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200
    indicators = list(Indicator.objects.filter(component__area__plan=seed_plan))
    for n, indicator in enumerate(indicators):
        item = EvidenceItem.objects.create(
            unit=seed_plan.unit,
            title=f"b{n}",
            kind=Kind.LINK,
            url="https://example.org",
            status=Status.VERIFIED,
        )
        indicator.evidence.add(item)
    with django_assert_max_num_queries(10):
        page = client.get(url).content.decode()
    assert 'aria-valuenow="50"' in page  # every indicator has verified evidence, no step done
