"""The figures of PermenPAN-RB 14/2017: NRR per unsur, the weighted IKM (exact 1/9 or 0.111 as
printed), the 25–100 conversion, the mutu bands, the Krejcie-Morgan sample; the IPAK/IPKP index
and its LKE score (index ÷ 4 × 17.5)."""

from __future__ import annotations

import random
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zona.surveys.definitions import library
from zona.surveys.figures import Figures
from zona.surveys.ikm import EXACT, PRINTED, Tally, compute, mutu, sample_size, weight

# The worked example of the regulation's guidance (29 respondents): totals per unsur.
GOLDEN_TOTALS = (105, 101, 100, 116, 102, 105, 106, 105, 115)


def golden_rows() -> list[list[int]]:
    """29 questionnaires whose column totals are the worked example's (each answer 3 or 4)."""
    columns = []
    for total in GOLDEN_TOTALS:
        fours = total - 3 * 29
        columns.append([4] * fours + [3] * (29 - fours))
    return [list(row) for row in zip(*columns, strict=True)]


def test_the_worked_example_gives_91_48_and_mutu_a():
    """PermenPAN-RB 14/2017 worked example: 955 ÷ 261 = 3.6590 → IKM 91.48, A (Sangat baik)."""
    rows = golden_rows()
    tally = Tally.of(rows, 9)
    assert tally.sums == GOLDEN_TOTALS and tally.respondents == 29
    result = compute(tally)
    assert result.nrr[0] == Fraction(105, 29)  # U1 = 3.6207
    assert round(float(result.nrr[0]), 4) == 3.6207
    assert result.nrr[3] == 4  # U4 = 4.0000
    assert result.converted == Decimal("91.48")
    assert result.mutu == "A"


def test_the_printed_weight_gives_91_38_for_the_same_answers():
    """The regulation prints the weight as 0.111: the same answers give 91.38 (0.1% lower)."""
    assert compute(Tally.of(golden_rows(), 9), PRINTED).converted == Decimal("91.38")


def test_one_respondent_answering_4_everywhere():
    tally = Tally.of([[4] * 9], 9)
    assert compute(tally, EXACT).converted == Decimal("100.00")
    assert compute(tally, PRINTED).converted == Decimal("99.90")


def test_the_weights():
    assert weight(9) == Fraction(1, 9)
    assert weight(9, PRINTED) == Fraction(111, 1000)


@pytest.mark.parametrize(
    ("value", "letter"),
    [
        ("100.00", "A"),
        ("88.31", "A"),
        ("88.30", "B"),
        ("76.61", "B"),
        ("76.60", "C"),
        ("65.00", "C"),
        ("64.99", "D"),
        ("25.00", "D"),
    ],
)
def test_each_mutu_band_edge(value, letter):
    """PermenPAN-RB 14/2017 interpretation table: A ≥ 88.31, B ≥ 76.61, C ≥ 65.00, else D."""
    assert mutu(Decimal(value)) == letter


def test_the_band_is_taken_on_the_rounded_value():
    """NI 3.5324 × 25 = 88.31 (A); one respondent less good lands on the B side."""
    # 9 unsur, 1000 respondents: the grand total decides the IKM; 31792/9000 × 25 = 88.311 → A
    sums = (3533, 3533, 3533, 3533, 3533, 3532, 3532, 3532, 3531)
    assert compute(Tally(sums, (1000,) * 9, 1000)).converted == Decimal("88.31")
    assert compute(Tally(sums, (1000,) * 9, 1000)).mutu == "A"
    lower = (*sums[:8], 3527)  # 31788/9000 × 25 = 88.30
    assert compute(Tally(lower, (1000,) * 9, 1000)).converted == Decimal("88.30")
    assert compute(Tally(lower, (1000,) * 9, 1000)).mutu == "B"


def test_an_unanswered_item_is_left_out_of_its_nrr():
    """NRR per unsur = Σ ÷ the number who answered that unsur (a blank is not a zero)."""
    rows = [[4, None, *[3] * 7], [2, 3, *[3] * 7]]
    result = compute(Tally.of(rows, 9))
    assert result.nrr[0] == 3 and result.nrr[1] == 3
    assert result.respondents == 2


def test_a_row_with_no_answer_is_not_a_respondent():
    assert Tally.of([[None] * 9, [4] * 9], 9).respondents == 1
    assert compute(Tally.of([[None] * 9], 9)).converted is None


def test_the_weakest_item_is_the_lowest_nrr():
    rows = [[4, 4, 2, 4, 4, 4, 4, 4, 3]] * 3
    assert compute(Tally.of(rows, 9)).weakest() == 2


# The Krejcie & Morgan (1970) table as printed (N → S).
KREJCIE_MORGAN = {
    10: 10, 20: 19, 30: 28, 50: 44, 75: 63, 80: 66, 100: 80, 150: 108, 200: 132, 250: 152,
    300: 169, 400: 196, 500: 217, 600: 234, 800: 260, 1000: 278, 1500: 306, 2000: 322, 3000: 341,
    5000: 357, 10000: 370, 20000: 377, 50000: 381, 1000000: 384,
}  # fmt: skip


@pytest.mark.parametrize(("population", "sample"), sorted(KREJCIE_MORGAN.items()))
def test_the_krejcie_morgan_table(population, sample):
    """PermenPAN-RB 14/2017 refers to Krejcie & Morgan: S = X²NP(1−P) ÷ (d²(N−1) + X²P(1−P))."""
    assert sample_size(population) == sample


def test_no_population_no_sample():
    assert sample_size(0) == 0
    assert sample_size(1) == 1


def test_a_perception_index_and_its_lke_score():
    """LKE Hasil (PermenPAN-RB 90/2021): IPAK/IPKP entered as the 0–4 index; score = index ÷ 4 ×
    17.5, the weight read from the instrument."""
    spec = library()["ipak@1"]
    result = compute(Tally((36 * 10,) * 6, (100,) * 6, 100))  # every item 3.60
    assert result.index == Decimal("3.60")
    assert Figures(None, spec, result, None).lke_score == Decimal("15.75")  # the WBK/WBBM minimum for IPAK
    result = compute(Tally((32 * 10,) * 6, (100,) * 6, 100))
    assert Figures(None, spec, result, None).lke_score == Decimal("14.00")  # the WBK minimum for IPKP


answers = st.lists(st.one_of(st.none(), st.integers(1, 4)), min_size=9, max_size=9)
questionnaires = st.lists(answers, min_size=1, max_size=60).filter(
    lambda rows: any(v is not None for row in rows for v in row)
)


@settings(max_examples=200, deadline=None)
@given(questionnaires)
def test_the_ikm_is_always_between_25_and_100(rows):
    result = compute(Tally.of(rows, 9))
    assert Decimal(25) <= result.converted <= Decimal(100)
    assert result.mutu in {"A", "B", "C", "D"}


@settings(max_examples=200, deadline=None)
@given(questionnaires, st.randoms(use_true_random=False))
def test_the_order_of_respondents_does_not_matter(rows, rnd: random.Random):
    shuffled = list(rows)
    rnd.shuffle(shuffled)
    assert compute(Tally.of(shuffled, 9)) == compute(Tally.of(rows, 9))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.integers(1, 4), min_size=9, max_size=9), min_size=1, max_size=60))
def test_the_printed_weight_is_exactly_one_tenth_of_a_percent_lower(rows):
    """0.111 = 0.999 × 1/9: with every unsur answered, IKM(0.111) = IKM(1/9) × 0.999."""
    tally = Tally.of(rows, 9)
    assert compute(tally, PRINTED).ikm == compute(tally, EXACT).ikm * Fraction(999, 1000)


@settings(max_examples=100, deadline=None)
@given(questionnaires)
def test_the_database_free_tally_adds_up(rows):
    """A tally of two halves added is the tally of the whole (what the running tally relies on)."""
    half = len(rows) // 2
    left, right, whole = Tally.of(rows[:half], 9), Tally.of(rows[half:], 9), Tally.of(rows, 9)
    assert tuple(a + b for a, b in zip(left.sums, right.sums, strict=True)) == whole.sums
    assert tuple(a + b for a, b in zip(left.counts, right.counts, strict=True)) == whole.counts
    assert left.respondents + right.respondents == whole.respondents


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 10_000_000))
def test_the_sample_never_exceeds_the_population_nor_384(population):
    size = sample_size(population)
    assert 1 <= size <= min(population, 384)


def test_an_item_nobody_answered_leaves_the_ikm_on_its_scale():
    """A free service whose U4 (biaya) everyone left blank: the IKM is the mean of the 8 unsur
    answered, not pulled down by a ninth."""
    rows = [[4, 4, 4, None, 4, 4, 4, 4, 4]] * 5
    result = compute(Tally.of(rows, 9))
    assert result.nrr[3] is None
    assert result.converted == Decimal("100.00")
