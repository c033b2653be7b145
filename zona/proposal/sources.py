"""Where the package reads the TPI's evaluation from: one function, so the source can change in
one place.

`lhe_rows(assessment)` gives, per LKE question in the instrument's order, the evaluators' rows:
who answered (the tier), the answer, its score (points of the total) and the note. Today it reads
the TPI-level answers of the LKE review (one tier, "TPI"). Once the TPI's tiers exist, read
`zona.evaluation.selectors.tier_notes(assessment)` here instead (per ref, the list of
(tier name, answer, score, note) in tier order) and nothing else changes."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext as _

from zona.lke.instrument import Instrument
from zona.lke.models import Assessment, Level
from zona.lke.scoring import AnswerError, answer_value, parse_answer, rounded
from zona.lke.services import instrument_of


@dataclass(frozen=True)
class LheRow:
    ref: str
    tier: str
    answer: str
    score: float | None  # points of the total of 100; None when the answer cannot be read
    note: str


def question_points(instrument: Instrument, ref: str, raw: str, options: dict[str, str]) -> float | None:
    """What an answer adds to the total of 100 (the question's share of its sub-component's
    weight times the answer's value), to two decimals; None when it cannot be read."""
    try:
        question = instrument.questions[ref]
        value = answer_value(question, parse_answer(question, raw), options)
        return float(rounded(Fraction(value) * instrument.weight_of(ref)))
    except (AnswerError, KeyError):
        return None


def lhe_rows(assessment: Assessment) -> list[LheRow]:
    """The evaluators' answer, score and note per question (questions not evaluated left out)."""
    instrument = instrument_of(assessment)
    options = {**instrument.option_defaults(), **assessment.options}
    answers = {a.ref: a for a in assessment.answers.filter(level=Level.TPI)}
    return [
        LheRow(
            ref=ref,
            tier=_("TPI"),
            answer=answers[ref].value,
            score=question_points(instrument, ref, answers[ref].value, options),
            note=answers[ref].note,
        )
        for ref in instrument.questions
        if ref in answers
    ]
