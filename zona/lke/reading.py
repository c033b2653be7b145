"""Answers and scores as people read them: a numeric answer in words with its percentage
("1 dari 9 sasaran tercapai 100% atau lebih (11,11 %)"), a score with two decimals and the
Indonesian decimal comma ("3,00"). Stored answers stay "9;1"; only their reading changes."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

from .instrument import CHOICE_TYPES, Question
from .scoring import AnswerError, answer_value, parse_answer


def decimal_text(value, places: int = 2) -> str:
    """A number with `places` decimals, half up, written with a decimal comma."""
    exact = value if isinstance(value, Fraction) else Fraction(Decimal(str(value)))
    quantum = Decimal(1).scaleb(-places)
    number = (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(quantum, ROUND_HALF_UP)
    return f"{number:f}".replace(".", ",")


def _count(number: Fraction) -> str:
    """A count as typed: 9, or 2,5 for a non-whole number."""
    if number.denominator == 1:
        return str(number.numerator)
    return decimal_text(number).rstrip("0").rstrip(",")


def answer_words(question: Question, text: str, options: dict[str, str]) -> str:
    """How the stored answer `text` reads; a choice stays its key, a broken answer stays as stored."""
    if not text or question.type in CHOICE_TYPES:
        return text
    try:
        answer = parse_answer(question, text)
    except AnswerError:
        return text
    if question.type == "index":
        return _("%(value)s of %(scale)s") % {
            "value": decimal_text(answer.numbers[0]),
            "scale": question.scale,
        }
    counts = {key: _count(n) for (key, _label), n in zip(question.inputs, answer.numbers, strict=True)}
    formula = question.formula
    numerator = formula.get("numerator") or formula.get("current")
    denominator = formula.get("denominator") or formula.get("previous")
    pattern = formula.get("reads") or f"{{{numerator}}} dari {{{denominator}}}"
    percent = decimal_text(answer_value(question, answer, options) * 100)
    return f"{pattern.format(**counts)} ({percent} %)"
