"""Where the package reads the TPI's evaluation from (`lhe_notes`, the one place to change it).

`lhe_rows(assessment, person)` gives, per LKE question in the instrument's order, the evaluators'
rows: who answered (the tier), the answer, its score (points of the total of 100) and the note.
The notes are the TPI's tiers' (anggota tim, ketua tim, pengendali teknis: per question ref, the
list of (tier name, answer, value 0–1, note) in tier order), as the person may see them: the
tiers at work for the TPI (`zona.evaluation.selectors.tier_notes`), only the results a tier has
released for anyone else (the unit never reads a tier's work before its release). An assessment
reviewed without tiers gives the TPI-level answers of the LKE review (one tier, "TPI")."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

from zona.evaluation.selectors import board, evaluates, tier_notes
from zona.lke.instrument import Instrument
from zona.lke.models import Assessment, Level
from zona.lke.scoring import AnswerError, answer_value, parse_answer, rounded
from zona.lke.services import instrument_of

# per question ref: (tier name, answer, value 0–1 or None when unreadable, note), in tier order
Notes = dict[str, list[tuple[str, str, Fraction | Decimal | None, str]]]


@dataclass(frozen=True)
class LheRow:
    ref: str
    tier: str
    answer: str
    score: float | None  # points of the total of 100; None when the answer cannot be read
    note: str


def answer_fraction(instrument: Instrument, ref: str, raw: str, options: dict[str, str]) -> Fraction | None:
    """An answer's value (0–1) as the LKE scores it; None when it cannot be read."""
    try:
        question = instrument.questions[ref]
        return answer_value(question, parse_answer(question, raw), options)
    except (AnswerError, KeyError):
        return None


def points(instrument: Instrument, ref: str, value: Fraction | Decimal | None) -> float | None:
    """What a value adds to the total of 100: the question's share of its sub-component's weight
    (the weight split equally among its questions) times the value, to two decimals."""
    if value is None:
        return None
    return float(rounded(Fraction(value) * instrument.weight_of(ref)))


def question_points(instrument: Instrument, ref: str, raw: str, options: dict[str, str]) -> float | None:
    return points(instrument, ref, answer_fraction(instrument, ref, raw, options))


def review_notes(assessment: Assessment, instrument: Instrument) -> Notes:
    """The TPI level's answers of the LKE review, in the shape of the tiers' notes (one tier)."""
    options = {**instrument.option_defaults(), **assessment.options}
    return {
        a.ref: [(_("TPI"), a.value, answer_fraction(instrument, a.ref, a.value, options), a.note)]
        for a in assessment.answers.filter(level=Level.TPI)
    }


def rows_of(instrument: Instrument, notes: Notes) -> list[LheRow]:
    """The report's rows: questions in the instrument's order, each one's tiers in their order."""
    return [
        LheRow(ref=ref, tier=tier, answer=answer, score=points(instrument, ref, value), note=note)
        for ref in instrument.questions
        for tier, answer, value, note in notes.get(ref, ())
    ]


def released_notes(assessment: Assessment) -> Notes:
    """The tiers' results released to the unit, in tier order."""
    shown = board(assessment, live=False)
    notes: Notes = {}
    for row in shown.rows:
        for column, cell in zip(shown.columns, row.cells, strict=True):
            if cell is not None:
                notes.setdefault(row.ref, []).append((column.tier.name, cell.value, cell.score, cell.note))
    return notes


def lhe_notes(assessment: Assessment, person, instrument: Instrument) -> Notes:
    """The evaluators' notes as `person` may see them (see the module's docstring)."""
    if assessment.tier_answers.exists():
        return tier_notes(assessment) if evaluates(person, assessment) else released_notes(assessment)
    return review_notes(assessment, instrument)


def lhe_rows(assessment: Assessment, person) -> list[LheRow]:
    """The evaluators' answer, score and note per question (questions not evaluated left out)."""
    instrument = instrument_of(assessment)
    return rows_of(instrument, lhe_notes(assessment, person, instrument))
