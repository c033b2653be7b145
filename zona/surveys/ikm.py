"""The figures of a survey, exact and database-free (PermenPAN-RB 14/2017):

- NRR per unsur = the sum of its answers ÷ the number who answered it (a blank is excluded);
- IKM = Σ NRR × weight, with the weight exactly 1/n (n items answered), or "as printed" in
  the regulation, 1/n rounded to 3 decimals (0.111 for the 9 unsur: 0.1% lower);
- the IKM on the 25–100 scale = IKM × 25, rounded half up to 2 decimals; its mutu from the bands
  of data/rules.yaml (A ≥ 88.31, B ≥ 76.61, C ≥ 65.00, else D);
- a perception index (IPAK, IPKP) is the mean NRR on its own scale, 2 decimals; what it counts
  in the LKE is the instrument's (`Figures.lke_score`, the question's weight read from the LKE);
- the sample a population needs: Krejcie & Morgan (1970), S = X²NP(1−P) ÷ (d²(N−1) + X²P(1−P)),
  X² = 3.841, P = 0.5, d = 0.05, rounded to the nearest whole number.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from .rules import mutu_bands

EXACT, PRINTED = "exact", "printed"


def rounded(value: Fraction, places: int = 2) -> Decimal:
    quantum = Decimal(1).scaleb(-places)
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(quantum, rounding=ROUND_HALF_UP)


def weight(items: int, mode: str = EXACT) -> Fraction:
    exact = Fraction(1, items)
    if mode == PRINTED:
        return Fraction(rounded(exact, 3))
    return exact


@dataclass(frozen=True)
class Tally:
    """Per item: the sum of the answers and how many answered; and the respondents."""

    sums: tuple[int, ...]
    counts: tuple[int, ...]
    respondents: int

    @classmethod
    def of(cls, rows: Iterable[Sequence[int | None]], items: int) -> Tally:
        sums, counts, respondents = [0] * items, [0] * items, 0
        for row in rows:
            answered = False
            for index in range(items):
                value = row[index] if index < len(row) else None
                if value is not None:
                    sums[index] += value
                    counts[index] += 1
                    answered = True
            respondents += answered
        return cls(tuple(sums), tuple(counts), respondents)


@dataclass(frozen=True)
class Result:
    nrr: tuple[Fraction | None, ...]  # None: nobody answered the item
    ikm: Fraction | None  # 1–4 scale (weighted sum)
    respondents: int

    @property
    def converted(self) -> Decimal | None:
        """The IKM on the 25–100 scale, 2 decimals."""
        return rounded(self.ikm * 25) if self.ikm is not None else None

    @property
    def mutu(self) -> str:
        return mutu(self.converted) if self.converted is not None else ""

    @property
    def index(self) -> Decimal | None:
        """As a perception index (0–4), 2 decimals."""
        return rounded(self.ikm) if self.ikm is not None else None

    def weakest(self) -> int | None:
        """The index of the item with the lowest NRR (the first of equals)."""
        answered = [(value, i) for i, value in enumerate(self.nrr) if value is not None]
        return min(answered)[1] if answered else None


def compute(tally: Tally, mode: str = EXACT) -> Result:
    """NRR per item and the weighted IKM. An item nobody answered (a free service's U4 left
    blank by everyone) has no NRR and is left out: the weight is 1/n of the n items answered, so
    the IKM stays on its scale instead of sinking by a ninth."""
    nrr = tuple(Fraction(s, c) if c else None for s, c in zip(tally.sums, tally.counts, strict=True))
    answered = [v for v in nrr if v is not None]
    if not tally.respondents or not answered:
        return Result(nrr, None, tally.respondents)
    w = weight(len(answered), mode)
    return Result(nrr, sum((v * w for v in answered), Fraction(0)), tally.respondents)


def mutu(converted: Decimal) -> str:
    """The mutu letter of an IKM on the 25–100 scale (the bands of data/rules.yaml)."""
    bands = mutu_bands()
    for band in bands:
        if converted >= band.floor:
            return band.mutu
    return bands[-1].mutu


def mutu_label(letter: str) -> str:
    return next((band.label for band in mutu_bands() if band.mutu == letter), "")


def sample_size(population: int) -> int:
    """Krejcie & Morgan (1970) for a population of `population` service users."""
    if population <= 0:
        return 0
    chi = Fraction(3841, 1000)
    p = Fraction(1, 2)
    d = Fraction(5, 100)
    size = chi * population * p * (1 - p) / (d * d * (population - 1) + chi * p * (1 - p))
    return int(rounded(size, 0))
