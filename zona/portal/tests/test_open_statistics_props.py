"""Property tests of the open statistics' counting (zona/portal/stats.py): whatever the cases,
the on-time share is 0..100, the median lies between the fewest and the most days, a count under
the minimum is withheld, and so is what is computed from it."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from zona.cases.figures import Answered, Handled
from zona.portal import stats

MINIMUM = 3

days = st.integers(min_value=0, max_value=120)
handled = st.builds(
    Handled,
    unit_id=st.just(1),
    received_on=st.dates(min_value=date(2023, 1, 1), max_value=date(2025, 12, 31)),
    days=st.none() | days,
    on_time=st.booleans(),
    extended=st.booleans(),
    refused=st.booleans(),
    ground=st.sampled_from(["", "Informasi dikecualikan", "Tidak dikuasai"]),
)


def withheld_when_small(value, count: int) -> None:
    if 0 < count < MINIMUM:
        assert value is None
    else:
        assert value == count


@given(st.lists(handled, max_size=40))
def test_case_figures(rows):
    block = stats.case_block(rows, extensions=True, grounds=True)
    finished = [r.days for r in rows if r.days is not None]
    on_time = sum(1 for r in rows if r.days is not None and r.on_time)
    withheld_when_small(block["received"], len(rows))
    withheld_when_small(block["finished"], len(finished))
    withheld_when_small(block["on_time"], on_time)
    withheld_when_small(block["extended"], sum(r.extended for r in rows))
    withheld_when_small(block["refused"], sum(r.refused for r in rows))
    for item in block["refusal_grounds"]:
        assert item["count"] is None or item["count"] == 0 or item["count"] >= MINIMUM
    percent = block["on_time_percent"]
    if percent is not None:
        assert 0 <= percent <= 100
        assert len(finished) >= MINIMUM and (on_time == 0 or on_time >= MINIMUM)
    elif len(finished) >= MINIMUM and (on_time == 0 or on_time >= MINIMUM):
        raise AssertionError("a share of shown counts is shown")
    median = block["median_working_days"]
    if len(finished) >= MINIMUM:
        assert min(finished) <= median <= max(finished)
    else:
        assert median is None


@given(st.lists(handled, max_size=30), st.lists(handled, max_size=30))
def test_periods_add_up_to_the_year(complaints, requests):
    found = stats.periods(complaints, requests, [])
    years = {p["year"] for p in found}
    assert years == {r.received_on.year for r in complaints + requests}
    for year in years:
        for topic, rows in (("complaints", complaints), ("requests", requests)):
            quarters = [
                sum(1 for r in rows if r.received_on.year == year and (r.received_on.month - 1) // 3 + 1 == q)
                for q in (1, 2, 3, 4)
            ]
            shown = [p[topic]["received"] for p in found if p["year"] == year and p["quarter"]]
            assert shown == [n if n == 0 or n >= MINIMUM else None for n in quarters]


@given(st.lists(st.sampled_from(["", "Dikabulkan", "Ditolak"]), max_size=20))
def test_objections(outcomes):
    rows = [Answered(1, date(2024, 1, 2), outcome) for outcome in outcomes]
    block = stats.objection_block(rows)
    withheld_when_small(block["received"], len(rows))
    withheld_when_small(block["answered"], sum(1 for o in outcomes if o))
    assert all(i["count"] is None or i["count"] >= MINIMUM for i in block["outcomes"])
