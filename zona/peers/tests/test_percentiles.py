"""The percentile of a unit among its peers: 100 × (peers with a value ≤ the unit's) ÷ (peers with
a value), the unit itself counted (the method the place page states)."""

from hypothesis import given
from hypothesis import strategies as st

from zona.peers.percentiles import percentile

values = st.lists(st.floats(min_value=0, max_value=100, allow_nan=False) | st.none(), min_size=1, max_size=40)


def test_golden_cases():
    assert percentile(3.0, [1.0, 2.0, 3.0, 4.0]).percentile == 75.0  # 3 of 4 at or below
    assert percentile(4.0, [1.0, 2.0, 3.0, 4.0]).percentile == 100.0  # the best
    assert percentile(1.0, [1.0, 2.0, 3.0, 4.0]).percentile == 25.0  # the lowest: only itself
    assert percentile(2.0, [2.0, 2.0, 1.0, None]).percentile == 100.0  # a peer without a figure left out
    assert percentile(5.0, [5.0]).percentile == 100.0  # alone
    place = percentile(None, [1.0, 2.0])
    assert place.percentile is None and place.peers == 2


@given(values, st.data())
def test_bounds_0_to_100_and_the_unit_counted(found, data):
    known = [v for v in found if v is not None]
    if not known:
        assert percentile(None, found).percentile is None
        return
    own = data.draw(st.sampled_from(known))
    place = percentile(own, found)
    assert 100 / len(known) <= place.percentile <= 100  # at least the unit itself is at or below
    assert place.peers == len(known)


@given(values, st.data())
def test_a_higher_value_never_stands_lower(found, data):
    known = [v for v in found if v is not None]
    if len(known) < 2:
        return
    low, high = sorted(data.draw(st.lists(st.sampled_from(known), min_size=2, max_size=2)))
    assert percentile(low, found).percentile <= percentile(high, found).percentile
    if low < high:
        assert percentile(low, found).percentile < percentile(high, found).percentile


@given(values, st.data())
def test_ties_count_as_at_or_below(found, data):
    known = [v for v in found if v is not None]
    if not known:
        return
    own = data.draw(st.sampled_from(known))
    before = percentile(own, found).percentile
    assert percentile(own, [*found, own]).percentile >= before  # a tied peer never lowers it
    assert percentile(own, [*found, own + 1]).percentile < before  # a better peer does
    assert percentile(own, [own] * len(known)).percentile == 100  # all tied: all at the top
    assert percentile(max(known), found).percentile == 100
