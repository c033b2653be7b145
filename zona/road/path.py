"""The cheapest path to a predicate: the least-effort answer improvements (question → a better
option) that make every gate answers can move pass, for WBK and for WBBM, solved exactly
(`solver.solve`, an integer program).

Effort of raising a question one option up: what the coordinator set for it (`QuestionEffort`), else
1, plus one per open plan step linked to it (the work still to do), plus one when the LKE expects
evidence for it (the better answer needs its evidence). An open step the path created for an
improvement (`PathStep`: its question and target) marks that improvement as in progress: it adds no
effort and is not planned twice. Raising it k options up costs k times that.
A numeric question (a percentage) may be raised to each level its counts give (one more change
made, one more complaint settled: the values the LKE's formula distinguishes over the unit's own
figures, at most `path.numeric_levels` of them spread evenly); each quarter of value gained (rounded
up) costs one option up, as between two neighbouring options of an A–E question (data/road.yaml,
path). Unanswered, it is raised to 100 %. The survey indexes
(IPAK, IPKP), the WBK held and the revocation bar are not answers: a failing one is reported with
why, and the path covers the rest."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from zona.lke.gates import Gate, GateReport, assessment_gates, is_fixed
from zona.lke.instrument import CHOICE_TYPES, Instrument, Question, summed
from zona.lke.models import Assessment
from zona.lke.reading import answer_words
from zona.lke.scoring import Answer, AnswerError, answer_value, parse_answer, rounded
from zona.lke.services import instrument_of
from zona.lke.states import expects_evidence

from .rules import rules
from .selectors import LinkedStep, linked_steps
from .solver import LinearGate, Option, Problem, solve

FULL = "100%"  # the option a numeric question is raised to


def full_answer(question: Question) -> Answer:
    """A numeric question's answer worth 1: the ratio's numerator equal to its denominator (or the
    violations fallen from 1 to 0), every other input 0."""
    keys = [k for k, _label in question.inputs]
    formula = question.formula
    ones = (
        {formula["previous"]}
        if formula["kind"] == "option"
        else {formula["numerator"], formula["denominator"]}
    )
    return Answer(numbers=tuple(Fraction(1 if k in ones else 0) for k in keys))


def improved(question: Question, answer: str) -> Answer:
    if answer == FULL:
        return full_answer(question)
    if question.type in CHOICE_TYPES:
        return Answer(choice=answer)
    return parse_answer(question, answer)


def numeric_effort(gain: Fraction, unit_effort: int) -> int:
    """A numeric raise's effort: one option up per `path.numeric_step` of value gained (rounded
    up; at least one)."""
    step = Fraction(str(rules()["path"]["numeric_step"]))
    return unit_effort * max(1, -(-gain // step))


def _with(question: Question, values: dict[str, Fraction], vary: str, count: int) -> Answer | None:
    """The answer with input `vary` set to `count`, the inputs its bounds tie to lowered to fit
    (a complaint settled is no longer in process); None when none fits."""
    found = {**values, vary: Fraction(count)}
    for smaller, larger in question.formula.get("not_more_than", []):
        keys = summed(smaller)
        excess = sum(found[k] for k in keys) - sum(found[k] for k in summed(larger))
        for key in (k for k in keys if k != vary):
            cut = min(found[key], max(excess, Fraction(0)))
            found[key] -= cut
            excess -= cut
        if excess > 0:
            return None
    answer = Answer(numbers=tuple(found[k] for k, _label in question.inputs))
    try:
        return parse_answer(question, answer.as_text())
    except AnswerError:
        return None


def numeric_levels(
    question: Question, answer: Answer | None, options: dict[str, str]
) -> dict[Fraction, Answer]:
    """value → the least change of the unit's counts that reaches it, for every value above the
    answer's that the formula gives over the unit's own figures (the ratio's numerator counted
    up to its denominator; the violations of the year counted down), at most `numeric_levels`
    of them spread evenly (the best kept). Unanswered or not whole counts: 100 % alone."""
    full = full_answer(question)
    if answer is None or any(n.denominator != 1 for n in answer.numbers):
        return {answer_value(question, full, options): full}
    values = dict(zip((k for k, _label in question.inputs), answer.numbers, strict=True))
    now = answer_value(question, answer, options)
    formula = question.formula
    if formula["kind"] == "ratio":
        vary = formula["numerator"]
        counts = range(int(values[vary]) + 1, int(values[formula["denominator"]]) + 1)
    else:
        vary, previous = formula["current"], int(values[formula["previous"]])
        counts = sorted(range(previous + int(values[vary]) + 1), key=lambda c: abs(c - int(values[vary])))
    found: dict[Fraction, Answer] = {}
    for count in counts:
        candidate = _with(question, values, vary, count)
        if candidate is not None:
            value = answer_value(question, candidate, options)
            if value > now and value not in found:
                found[value] = candidate
    ordered = sorted(found)
    most = int(rules()["path"]["numeric_levels"])
    if len(ordered) > most:
        ordered = [ordered[-(-(i * len(ordered)) // most) - 1] for i in range(1, most + 1)]
    return {value: found[value] for value in ordered}


def options_for(
    question: Question,
    now: Fraction,
    unit_effort: int,
    answer: Answer | None = None,
    options: dict[str, str] | None = None,
) -> list[Option]:
    """The better answers to the question, each with its effort (options up × the unit effort;
    for a numeric question, each level its counts give)."""
    if is_fixed(question):
        return []
    if question.type not in CHOICE_TYPES:
        if now >= 1:
            return []
        levels = numeric_levels(question, answer, options or {})
        return [
            Option(
                question.ref,
                FULL if answer is None else found.as_text(),
                value,
                numeric_effort(value - now, unit_effort),
            )
            for value, found in levels.items()
            if value > now
        ]
    values = sorted(set(question.options.values()))
    found = []
    for key, value in question.options.items():
        if value > now:
            up = sum(1 for v in values if now < v <= value)
            found.append(Option(question.ref, key, value, unit_effort * up))
    return found


def target_label(
    question: Question, target: str, value: Fraction, options: dict[str, str] | None = None
) -> str:
    """The answer to reach as the LKE page reads it: the option, "100 %" for a question raised to
    full from no answer, or the counts in words with their percentage."""
    if question.type in CHOICE_TYPES:
        return target
    if target == FULL:
        return f"{rounded(value * 100)} %"
    return answer_words(question, target, options or {})


def shares(instrument: Instrument) -> dict[str, Fraction]:
    """What a full answer to each question adds to its sub-component: weight ÷ its questions."""
    return {q.ref: g.weight / len(g.questions) for g in instrument.groups() for q in g.questions}


def linear_gates(share: dict[str, Fraction], gates: list[Gate]) -> list[LinearGate]:
    """The gates answers can move, each as points per question value and points missing."""
    linear = []
    for gate in gates:
        if gate.by_answers:
            criterion = gate.criterion
            weights = {ref: share[ref] for ref in gate.movable}
            linear.append(LinearGate(gate.name, weights, criterion.threshold - criterion.value))
    return linear


@dataclass
class Step:
    """One thing to do: the question, its answer now and the answer to reach, the effort, and the
    plan steps already linked to it."""

    question: Question
    now: str
    target: str
    effort: int
    gain: Fraction  # points the total gains
    linked: list[LinkedStep] = field(default_factory=list)
    value: Fraction = Fraction(1)  # the value the target answer is worth
    options: dict[str, str] = field(default_factory=dict)  # the instrument options in force

    @property
    def target_label(self) -> str:
        return target_label(self.question, self.target, self.value, self.options)

    @property
    def now_label(self) -> str:
        """The answer now as the LKE page reads it ("1 dari 9 … (11,11 %)"), "–" when unanswered."""
        return answer_words(self.question, self.now, self.options) or "–"

    @property
    def planned(self) -> list[LinkedStep]:
        """The open plan steps the path created already for this improvement (the same question,
        aiming at this answer or higher): the improvement is in progress, not to be planned again."""
        return [
            s
            for s in self.linked
            if s.is_open and s.target_value is not None and s.target_value >= self.value
        ]

    @property
    def section(self) -> str:
        return self.question.ref.rsplit(".", 1)[0]

    @property
    def indicator_id(self) -> int | None:
        return self.linked[0].indicator_id if self.linked else None


@dataclass
class Path:
    predicate: str
    passes: bool  # every gate passes already
    steps: list[Step]
    blocked: list[Gate]  # failing gates no answer moves
    unreachable: list[str]  # gates answers can't reach even at their best

    @property
    def effort(self) -> int:
        return sum(s.effort for s in self.steps)

    @property
    def found(self) -> bool:
        return not self.unreachable


def unit_efforts(
    assessment: Assessment, instrument: Instrument, links: dict[str, list[LinkedStep]]
) -> dict[str, int]:
    """Each question's effort per option up: the coordinator's, else 1 + open linked steps +
    1 when evidence is expected. A step the path created is the improvement itself, in progress:
    it adds nothing (the path offers the improvement at the same effort, marked as planned)."""
    set_here = dict(assessment.efforts.values_list("ref", "effort"))
    return {
        ref: set_here.get(ref)
        or 1
        + sum(1 for s in links.get(ref, []) if s.is_open and s.target_value is None)
        + (1 if expects_evidence(q) else 0)
        for ref, q in instrument.questions.items()
    }


@dataclass
class Inputs:
    """What the path reads for an assessment: its instrument, the gates (with the answers they
    scored), the values now, the links, the efforts and every possible improvement."""

    instrument: Instrument
    report: GateReport
    links: dict[str, list[LinkedStep]]
    efforts: dict[str, int]
    current: dict[str, Fraction]
    choices: list[Option]
    share: dict[str, Fraction]

    @property
    def answers(self) -> dict[str, Answer]:
        return self.report.answers


def inputs_of(assessment: Assessment, report: GateReport | None = None) -> Inputs:
    instrument = instrument_of(assessment)
    report = report or assessment_gates(assessment)
    links = linked_steps(assessment)
    efforts = unit_efforts(assessment, instrument, links)
    current = {
        ref: answer_value(instrument.questions[ref], answer, report.options)
        for ref, answer in report.answers.items()
    }
    choices = [
        option
        for ref, question in instrument.questions.items()
        for option in options_for(
            question, current.get(ref, Fraction(0)), efforts[ref], report.answers.get(ref), report.options
        )
    ]
    return Inputs(instrument, report, links, efforts, current, choices, shares(instrument))


def cheapest_path(inputs: Inputs, predicate: str) -> Path:
    gates = inputs.report.predicates[predicate]
    blocked = [g for g in gates if not g.passed and not g.by_answers]
    problem = Problem(inputs.current, inputs.choices, linear_gates(inputs.share, gates))
    chosen = solve(problem)
    if chosen is None:
        return Path(predicate, False, [], blocked, [g.name for g in problem.unreachable()])
    order = {ref: n for n, ref in enumerate(inputs.instrument.questions)}
    steps = []
    for option in sorted(chosen, key=lambda o: order[o.ref]):
        question = inputs.instrument.questions[option.ref]
        answer = inputs.answers.get(option.ref)
        gain = inputs.share[option.ref] * (option.value - inputs.current.get(option.ref, Fraction(0)))
        now = answer.as_text() if answer else ""
        linked = inputs.links.get(option.ref, [])
        options = inputs.report.options
        steps.append(Step(question, now, option.answer, option.effort, gain, linked, option.value, options))
    return Path(predicate, all(g.passed for g in gates), steps, blocked, [])


def paths(assessment: Assessment) -> tuple[Inputs, dict[str, Path]]:
    inputs = inputs_of(assessment)
    return inputs, {name: cheapest_path(inputs, name) for name in inputs.report.predicates}
