"""When a revocation ends the WBK of a decree typed on the self-assessment (revocations.py): the
date calculation's properties."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from zona.lke.revocations import wbk_revoked_after

dates = st.dates(date(2010, 1, 1), date(2035, 12, 31))
years = st.integers(2010, 2035)


@given(
    decree=dates, year=years, revoked_on=st.lists(dates, max_size=4), revoked_in=st.lists(years, max_size=4)
)
def test_a_revocation_ends_the_decree_from_its_year_never_before_nor_back(
    decree, year, revoked_on, revoked_in
):
    """Property: the decree's WBK ends in the year of the first revocation dated on or after it
    (recorded: by date; data file: by year, from the decree's year) and in the assessment's year
    or before; a revocation earlier than the decree, or later than the year, never ends it."""
    ended = wbk_revoked_after(decree, year, revoked_on, revoked_in)
    counted = [r.year for r in revoked_on if decree <= r and r.year <= year]
    counted += [y for y in revoked_in if decree.year <= y <= year]
    assert ended == (min(counted) if counted else None)
    if ended is not None:
        assert decree.year <= ended <= year
        # the WBK does not come back: every later year finds it ended, in the same year
        assert wbk_revoked_after(decree, year + 1, revoked_on, revoked_in) == ended
    earlier = [decree - timedelta(days=1 + n) for n in range(3)]
    assert wbk_revoked_after(decree, year, earlier, []) is None


@given(decree=dates, days=st.integers(0, 5000), year=years)
def test_a_recorded_revocation_and_its_year_in_the_data_file_agree(decree, days, year):
    """Property: a revocation no earlier than the decree (as Zona records one) gives the same
    answer read by its date or by its year alone."""
    revoked = decree + timedelta(days=days)
    assert wbk_revoked_after(decree, year, [revoked], []) == wbk_revoked_after(
        decree, year, [], [revoked.year]
    )


def test_no_revocation_leaves_the_decree_standing():
    assert wbk_revoked_after(date(2020, 12, 10), 2026) is None
    assert wbk_revoked_after(date(2020, 12, 10), 2026, [date(2022, 3, 1)]) == 2022
    assert wbk_revoked_after(date(2020, 12, 10), 2021, [date(2022, 3, 1)]) is None  # not yet, in 2021
    assert wbk_revoked_after(date(2024, 12, 10), 2026, [date(2022, 3, 1)], [2022]) is None  # a new WBK
