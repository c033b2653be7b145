"""Reads for the LKE pages: both levels' scores, answers, suggestions, links and the gap list."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from django.db.models import Prefetch

from zona.plans.models import ActionStep, Indicator
from zona.plans.progress import Facts, indicator_progress

from .instrument import Instrument, Node
from .models import Answer, Assessment, Level, QuestionLink
from .scoring import Result, answer_value, parse_answer, score
from .services import instrument_of, level_answers, level_score
from .suggestions import suggest

WEAK = Fraction(1, 2)  # an answer worth less than half is "weak"


@dataclass
class Overview:
    instrument: Instrument
    self_result: Result
    tpi_result: Result | None
    gaps: list[tuple[str, str, Fraction]]  # ref, text, value: weak answers with no plan link


def coded_indicators(assessment: Assessment):
    """The indicators of the unit's plan for the year that were written per LKE question (their
    `lke_ref`): links confirmed by the plan itself."""
    return Indicator.objects.filter(
        component__area__plan__unit=assessment.unit, component__area__plan__year=assessment.year
    ).exclude(lke_ref="")


def overview(assessment: Assessment) -> Overview:
    instrument = instrument_of(assessment)
    self_result = level_score(assessment, Level.SELF)
    has_tpi = assessment.answers.filter(level=Level.TPI).exists()
    linked = set(assessment.links.filter(confirmed=True).values_list("ref", flat=True))
    linked |= set(coded_indicators(assessment).values_list("lke_ref", flat=True))
    values = answer_values(assessment, instrument, Level.SELF)
    gaps = [
        (ref, q.text, values.get(ref, Fraction(0)))
        for ref, q in instrument.questions.items()
        if values.get(ref, Fraction(0)) < WEAK and ref not in linked
    ]
    return Overview(instrument, self_result, level_score(assessment, Level.TPI) if has_tpi else None, gaps)


def answer_values(assessment: Assessment, instrument: Instrument, level: str) -> dict[str, Fraction]:
    options = {**instrument.option_defaults(), **assessment.options}
    result = {}
    for answer in assessment.answers.filter(level=level):
        question = instrument.questions.get(answer.ref)
        if question is not None:
            result[answer.ref] = answer_value(question, parse_answer(question, answer.value), options)
    return result


@dataclass
class QuestionRow:
    question: object
    self_answer: Answer | None
    tpi_answer: Answer | None
    value: Fraction | None
    suggestion: object
    links: list[QuestionLink]


def section(assessment: Assessment, node: Node) -> list[tuple[Node, list[QuestionRow]]]:
    instrument = instrument_of(assessment)
    answers: dict[tuple[str, str], Answer] = {
        (a.level, a.ref): a for a in assessment.answers.prefetch_related("evidence")
    }
    values = answer_values(assessment, instrument, Level.SELF)
    suggestions = suggest(assessment)
    links: dict[str, list[QuestionLink]] = {}
    steps = Prefetch("indicator__steps", queryset=ActionStep.objects.order_by("order"))
    found = list(assessment.links.select_related("indicator__component__area").prefetch_related(steps))
    seen = {(link.ref, link.indicator_id) for link in found}
    for indicator in (
        coded_indicators(assessment)
        .select_related("component__area")
        .prefetch_related(Prefetch("steps", queryset=ActionStep.objects.order_by("order")))
    ):
        if (indicator.lke_ref, indicator.pk) not in seen:
            found.append(
                QuestionLink(
                    assessment=assessment, ref=indicator.lke_ref, indicator=indicator, confirmed=True
                )
            )
    for link in found:
        indicator = link.indicator
        all_steps = list(indicator.steps.all())
        done = sum(1 for s in all_steps if s.done_at)
        link.progress = indicator_progress(Facts(len(all_steps), done, False))
        links.setdefault(link.ref, []).append(link)
    groups: list[tuple[Node, list[QuestionRow]]] = []

    def walk(current: Node) -> None:
        if current.is_group:
            groups.append(
                (
                    current,
                    [
                        QuestionRow(
                            q,
                            answers.get((Level.SELF, q.ref)),
                            answers.get((Level.TPI, q.ref)),
                            values.get(q.ref),
                            suggestions.get(q.ref),
                            links.get(q.ref, []),
                        )
                        for q in current.questions
                    ],
                )
            )
        for child in current.children:
            walk(child)

    walk(node)
    return groups


def rollup(unit, year: int) -> list[Assessment]:
    """Every assessment of the unit and the units below it, with both levels' stored scores
    (`Assessment.scores`, kept by the services): one query however many units."""
    return list(
        Assessment.objects.filter(unit__path__startswith=unit.path, year=year)
        .select_related("unit")
        .order_by("unit__path")
    )


def sheet_result(assessment: Assessment, answers: dict) -> Result:
    """The self-assessment's score once a sheet's answers (ref → parsed answer) are saved over
    the answers it already has: what the import preview shows."""
    merged = {**level_answers(assessment, Level.SELF), **answers}
    prior = {"WBK"} if assessment.holds_wbk else set()
    return score(instrument_of(assessment), merged, options=assessment.options, prior=prior)
