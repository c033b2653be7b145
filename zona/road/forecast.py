"""The forecast at the proposal date: the LKE in three scenarios, each judged by every gate.

(a) today: the unit's own answers as they stand (the assessment's score);
(b) on time: every open plan step linked to a question lands if it is due by the deadline;
(c) on schedule: only the open steps now on schedule land (progress, as the monev reports set
    it, not behind the share of their time passed: selectors.LinkedStep.expected_progress).

What a question reaches (data/road.yaml, forecast): when all its open linked steps land, its
target (the answer a step the cheapest path created aims at, else the best option or the one the
data names); when some land, that share of the way from where it stands (a choice rounds down to
an option). In (b) and (c) an answer whose evidence is stale or missing counts 0 unless steps
landing on it bring it to its target (a step reported done in a monev cycle carries its evidence).
A question no answer of the unit moves (the survey indices IPAK and IPKP: `lke.gates.is_fixed`, or
a type data/road.yaml names) keeps today's value in every scenario: neither steps nor evidence
move it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from zona.lke.gates import is_fixed
from zona.lke.instrument import CHOICE_TYPES, Instrument, Question
from zona.lke.models import Assessment, Level
from zona.lke.scoring import Answer, Result, answer_value, node_scores, result_from_nodes, rounded
from zona.lke.services import answers_and_facts, gate_facts
from zona.plans.models import StepStatus

from .readiness import QuestionReadiness, readiness
from .rules import rules
from .selectors import LinkedStep, linked_steps

ZERO = Fraction(0)
SCENARIOS = ("today", "on_time", "on_schedule")


@dataclass
class Move:
    """One question whose answer differs from today's in a scenario, and why."""

    ref: str
    before: str
    after: str
    value_before: Fraction
    value_after: Fraction
    landing: list[LinkedStep] = field(default_factory=list)
    waiting: list[LinkedStep] = field(default_factory=list)  # open steps that do not land
    stale_evidence: bool = False

    @property
    def up(self) -> bool:
        return self.value_after > self.value_before


@dataclass
class Scenario:
    key: str
    result: Result
    moves: list[Move] = field(default_factory=list)


@dataclass
class Forecast:
    assessment: Assessment
    today: date
    deadline: date
    scenarios: dict[str, Scenario]
    readiness: dict[str, QuestionReadiness]
    steps: dict[str, list[LinkedStep]]


def on_schedule(step: LinkedStep, today: date, year: int, deadline: date) -> bool:
    if step.status == StepStatus.BLOCKED:
        return False
    tolerance = rules()["forecast"].get("on_schedule_tolerance", 0)
    return step.progress >= step.expected_progress(today, year, deadline) - tolerance


def lands(step: LinkedStep, scenario: str, today: date, year: int, deadline: date) -> bool:
    """Whether an open step is done by the proposal deadline in the scenario."""
    on_time = step.due is None or step.due <= deadline
    if scenario == "on_time":
        return on_time
    return on_time and on_schedule(step, today, year, deadline)


def target_value(question: Question) -> Fraction:
    named = (rules()["forecast"].get("targets") or {}).get(question.ref)
    if named and question.type in CHOICE_TYPES and named in question.options:
        return question.options[named]
    if question.type in CHOICE_TYPES:
        return max(question.options.values())
    return Fraction(1)


def reached(
    question: Question, claimed: Fraction, share: Fraction, target: Fraction | None = None
) -> Fraction:
    """From `claimed`, `share` of the way to `target` (by default the question's); a choice rounds
    down to an option (never below where it stands)."""
    target = target_value(question) if target is None else target
    if target <= claimed or not share:
        return claimed
    value = claimed + (target - claimed) * share
    if question.type in CHOICE_TYPES:
        value = max((v for v in question.options.values() if v <= value), default=claimed)
    return max(value, claimed)


def steps_target(question: Question, steps: list[LinkedStep]) -> Fraction:
    """What the open steps linked to a question aim at: the highest of their targets (a step the
    cheapest path created carries its own; any other aims at the question's target)."""
    default = target_value(question)
    return max((default if s.target_value is None else s.target_value for s in steps), default=default)


def movable(question: Question) -> bool:
    """Whether the unit's answers (its plan steps, its evidence) can move the question's value."""
    never = set(rules()["forecast"].get("never_moves") or [])
    return not is_fixed(question) and question.type not in never


def as_text(question: Question, value: Fraction, answered: str) -> str:
    """The answer a value stands for: the option's key, or a percentage for numeric questions."""
    if question.type in CHOICE_TYPES:
        return next((k for k, v in question.options.items() if v == value), answered or "–")
    if question.type == "index":
        return answered or "–"
    return f"{rounded(value * 100)} %"


def _scenario(key, instrument, today_values, answered, found, steps, context) -> Scenario:
    assessment, today, deadline, options, facts = context
    values, moved = {}, []
    for ref, question in instrument.questions.items():
        before = today_values.get(ref, ZERO)
        if not movable(question):
            values[ref] = before  # a survey index: today's value, whatever the steps or evidence
            continue
        claimed = before if found[ref].counts else ZERO
        open_steps = [s for s in steps.get(ref, []) if s.is_open]
        landing = [s for s in open_steps if lands(s, key, today, assessment.year, deadline)]
        value = claimed
        if open_steps:
            share = Fraction(len(landing), len(open_steps))
            value = reached(question, claimed, share, steps_target(question, open_steps))
        values[ref] = value
        if value != before:
            waiting = [s for s in open_steps if s not in landing]
            text = answered.get(ref, "")
            moved.append(
                Move(
                    ref,
                    as_text(question, before, text) if ref in answered else "–",
                    as_text(question, value, text),
                    before,
                    value,
                    landing,
                    waiting,
                    not found[ref].counts,
                )
            )
    result = result_from_nodes(instrument, node_scores(instrument, values), options=options, **facts)
    return Scenario(key, result, moved)


def forecast(
    assessment: Assessment,
    instrument: Instrument,
    *,
    today: date,
    deadline: date,
    steps: dict[str, list[LinkedStep]] | None = None,
    answers: dict[str, Answer] | None = None,
) -> Forecast:
    """The three scenarios of the unit's own answers at the proposal deadline, each scored by the
    LKE's scoring (`node_scores`, `result_from_nodes`) with the gates' facts (the WBK held, the
    revocation bar). `steps`, `answers` (the unit's own, parsed): when the caller has them."""
    if answers is None:
        answers, facts = answers_and_facts(assessment, Level.SELF)
    else:
        facts = gate_facts(assessment)
    options = {**instrument.option_defaults(), **(assessment.options or {})}
    today_values = {ref: answer_value(instrument.questions[ref], a, options) for ref, a in answers.items()}
    answered = {ref: a.as_text() for ref, a in answers.items()}
    found = readiness(assessment, instrument, deadline)
    steps = linked_steps(assessment) if steps is None else steps
    now = result_from_nodes(instrument, node_scores(instrument, today_values), options=options, **facts)
    now.unanswered = [r for r in instrument.questions if r not in answers]
    scenarios = {"today": Scenario("today", now)}
    context = (assessment, today, deadline, options, facts)
    for key in SCENARIOS[1:]:
        scenarios[key] = _scenario(key, instrument, today_values, answered, found, steps, context)
    return Forecast(assessment, today, deadline, scenarios, found, steps)


def summary(result: Forecast) -> dict:
    """What the national table keeps of a forecast: per scenario the total and, per predicate,
    whether it passes and the gates it fails."""
    out = {"deadline": result.deadline.isoformat(), "today": result.today.isoformat()}
    for key, scenario in result.scenarios.items():
        out[key] = {
            "total": float(rounded(scenario.result.total)),
            **{
                name.lower(): {
                    "eligible": predicate.eligible,
                    "failing": [c.name for c in predicate.criteria if not c.passed],
                }
                for name, predicate in scenario.result.predicates.items()
            },
        }
    return out
