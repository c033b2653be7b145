"""The figures behind the LKE's suggested answers for one unit and year, as an auditor reads them:
every numeric question (the Reform figures: ratios of counts Zona keeps) with its inputs and the
value the LKE's formula gives, and every other derived answer with the figures it counted and
the rule that gave it. `zona reform-figures` and `zona lke explain` print them."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from django.utils.translation import gettext as _

from .derivations import rule_of
from .instrument import resolve
from .models import Assessment
from .scoring import AnswerError, answer_value, parse_answer, rounded
from .suggestions import rule_name, suggest_with_rules


@dataclass
class Figure:
    ref: str
    question: str
    inputs: list[tuple[str, str, Fraction]] = field(default_factory=list)  # (key, label, number)
    value: Fraction | None = None  # 0–1, the LKE's value for the answer
    answer: str = ""
    records: str = ""  # what the rule counted, in words (the suggestion's text)
    link: str = ""
    problem: str = ""
    function: str = ""  # the function that derived the answer
    rule: str = ""  # the rule in words (data/derivations.yaml `rules`)
    source: str = ""  # and the regulation it comes from

    def as_json(self) -> dict:
        return {
            "ref": self.ref,
            "question": self.question,
            "answer": self.answer,
            "inputs": {key: {"label": label, "value": _plain(n)} for key, label, n in self.inputs},
            "percent": float(rounded(self.value * 100)) if self.value is not None else None,
            "inputs_note": self.inputs_note(),
            "rule": self.rule,
            "source": self.source,
            "records": self.records,
            "link": self.link,
            "function": self.function,
            **({"problem": self.problem} if self.problem else {}),
        }

    def inputs_note(self) -> str:
        """Said where a derived answer counted nothing: "tidak ada catatan", with the reason."""
        if self.inputs or not self.function:
            return ""
        return _("no records: %(why)s") % {"why": self.records or _("no record of the year in Zona")}


def _plain(number: Fraction):
    return int(number) if number.denominator == 1 else float(number)


def figures(unit, year: int) -> list[Figure]:
    assessment = Assessment.objects.filter(unit=unit, year=year).first() or Assessment(unit=unit, year=year)
    instrument = resolve(assessment.instrument_urn or None)
    options = {**instrument.option_defaults(), **(assessment.options or {})}
    found = suggest_with_rules(assessment)
    out = []
    for ref, question in instrument.questions.items():
        suggestion, function = found.get(ref, (None, None))
        if question.type != "numeric" and suggestion is None:
            continue
        figure = Figure(ref, question.text)
        if suggestion is not None:
            figure.answer, figure.records, figure.link = suggestion.answer, suggestion.source, suggestion.link
            figure.function = rule_name(function)
            figure.rule, figure.source = rule_of(ref)
        if question.type == "numeric" and suggestion is not None:
            try:
                parsed = parse_answer(question, suggestion.answer)
            except AnswerError as exc:
                figure.problem = str(exc)
            else:
                figure.inputs = [
                    (k, label, n) for (k, label), n in zip(question.inputs, parsed.numbers, strict=True)
                ]
                figure.value = answer_value(question, parsed, options)
        elif suggestion is not None:
            figure.inputs = [
                (f"figure{i}", str(label), Fraction(n)) for i, (label, n) in enumerate(suggestion.figures, 1)
            ]
        out.append(figure)
    return out
