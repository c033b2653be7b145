"""The cheapest path is exactly optimal: on small instances (few questions, few options) the
integer program's effort equals the least effort brute force finds, and its choice clears every
gate; an unreachable gate gives no path."""

from __future__ import annotations

from fractions import Fraction
from itertools import product

from hypothesis import given, settings
from hypothesis import strategies as st

from zona.road.solver import LinearGate, Option, Problem, solve

VALUES = [Fraction(0), Fraction(33, 100), Fraction(1, 2), Fraction(67, 100), Fraction(3, 4), Fraction(1)]


def brute_force(problem: Problem) -> int | None:
    by_ref: dict[str, list[Option | None]] = {}
    for option in problem.options:
        by_ref.setdefault(option.ref, [None]).append(option)
    best = None
    for combo in product(*by_ref.values()):
        chosen = [o for o in combo if o is not None]
        if problem.clears(chosen):
            effort = sum(o.effort for o in chosen)
            best = effort if best is None else min(best, effort)
    return best


@st.composite
def problems(draw) -> Problem:
    n = draw(st.integers(1, 5))
    refs = [f"Q{i}" for i in range(n)]
    current = {ref: draw(st.sampled_from(VALUES[:4])) for ref in refs}
    options = []
    for ref in refs:
        better = [v for v in VALUES if v > current[ref]]
        for value in draw(st.lists(st.sampled_from(better), unique=True, max_size=3)) if better else []:
            options.append(Option(ref, str(value), value, draw(st.integers(1, 9))))
    gates = []
    for g in range(draw(st.integers(1, 3))):
        weights = {
            ref: Fraction(draw(st.integers(0, 12)), draw(st.sampled_from([1, 2, 3, 4, 7])))
            for ref in draw(st.lists(st.sampled_from(refs), unique=True, min_size=1))
        }
        need = Fraction(draw(st.integers(-4, 20)), draw(st.sampled_from([1, 4, 100])))
        gates.append(LinearGate(f"G{g}", weights, need))
    return Problem(current, options, gates)


@settings(max_examples=150, deadline=None)
@given(problems())
def test_the_integer_program_is_optimal_against_brute_force(problem):
    chosen = solve(problem)
    best = brute_force(problem)
    if best is None:
        assert chosen is None and problem.unreachable()
        return
    assert chosen is not None
    assert problem.clears(chosen)
    assert sum(o.effort for o in chosen) == best
    assert len({o.ref for o in chosen}) == len(chosen)  # one option per question


def test_a_gate_exactly_at_its_threshold_is_reached_without_rounding():
    # 0.67 × 3 = 2.01 ≥ 2.01: exact, where floating point would read 2.0100000000000002 or below
    problem = Problem(
        {"a": Fraction(0)},
        [Option("a", "B", Fraction(67, 100), 1), Option("a", "A", Fraction(1), 5)],
        [LinearGate("g", {"a": Fraction(3)}, Fraction(201, 100))],
    )
    assert solve(problem) == [Option("a", "B", Fraction(67, 100), 1)]


def test_nothing_to_do_and_nothing_possible():
    passing = Problem(
        {}, [Option("a", "A", Fraction(1), 1)], [LinearGate("g", {"a": Fraction(1)}, Fraction(-1))]
    )
    assert solve(passing) == []
    hopeless = Problem(
        {}, [Option("a", "A", Fraction(1), 1)], [LinearGate("g", {"a": Fraction(1)}, Fraction(2))]
    )
    assert solve(hopeless) is None
    assert [g.name for g in hopeless.unreachable()] == ["g"]


# numeric questions: the levels their counts give, as the path offers them (path.options_for)
NUMERIC = ("A.II.1.i.a", "A.II.4.i.a", "A.II.5.ii.a", "A.II.3.iii.a")


@st.composite
def numeric_answers(draw):
    from zona.lke.instrument import resolve

    instrument = resolve(None)
    question = instrument.questions[draw(st.sampled_from(NUMERIC))]
    counts = [draw(st.integers(0, 30)) for _ in question.inputs]
    return instrument, question, ";".join(map(str, counts))


def _numeric(instrument, question, raw):
    from zona.lke.scoring import AnswerError, answer_value, parse_answer

    try:
        answer = parse_answer(question, raw)
    except AnswerError:
        return None
    options = instrument.option_defaults()
    return answer, answer_value(question, answer, options), options


@settings(max_examples=150, deadline=None)
@given(numeric_answers(), st.integers(1, 5))
def test_a_numeric_questions_levels_are_its_formulas_values_above_the_answer(found, unit_effort):
    from zona.lke.scoring import answer_value
    from zona.road.path import improved, options_for
    from zona.road.rules import rules

    instrument, question, raw = found
    parsed = _numeric(instrument, question, raw)
    if parsed is None:
        return
    answer, now, options = parsed
    offered = options_for(question, now, unit_effort, answer, options)
    assert len(offered) <= rules()["path"]["numeric_levels"]
    values = [o.value for o in offered]
    assert values == sorted(set(values)) and all(v > now for v in values)
    for option in offered:  # each level is an answer the LKE scores to its value
        assert answer_value(question, improved(question, option.answer), options) == option.value
    efforts = [o.effort for o in offered]
    assert efforts == sorted(efforts) and all(e % unit_effort == 0 for e in efforts)
    counts = dict(zip((k for k, _label in question.inputs), answer.numbers, strict=True))
    if question.formula["kind"] == "ratio" and counts[question.formula["denominator"]] and now < 1:
        assert values[-1] == 1  # 100 % (the numerator up to its denominator) is always offered


@settings(max_examples=80, deadline=None)
@given(st.lists(numeric_answers(), min_size=1, max_size=3), st.integers(0, 30), st.sampled_from([1, 2, 4]))
def test_the_path_with_numeric_levels_is_optimal_against_brute_force(found, need, scale):
    from zona.road.path import options_for

    current, options, weights = {}, [], {}
    for n, (instrument, question, raw) in enumerate(found):
        parsed = _numeric(instrument, question, raw)
        if parsed is None:
            continue
        answer, now, chosen = parsed
        ref = f"Q{n}"  # the same question may be drawn twice: each its own
        current[ref] = now
        weights[ref] = Fraction(n + 1, scale)
        for option in options_for(question, now, 1 + n, answer, chosen):
            options.append(Option(ref, option.answer, option.value, option.effort))
    gate = LinearGate("g", weights, Fraction(need, 10 * scale))
    problem = Problem(current, options, [gate])
    chosen = solve(problem)
    best = brute_force(problem)
    if best is None:
        assert chosen is None
        return
    assert chosen is not None and problem.clears(chosen) and sum(o.effort for o in chosen) == best


@settings(max_examples=60, deadline=None)
@given(problems(), st.integers(0, 2))
def test_one_gate_the_dynamic_program_and_the_integer_program_agree(problem, which):
    from zona.road.solver import integer_program, one_gate, useful

    gate = problem.gates[which % len(problem.gates)]
    single = Problem(problem.current, problem.options, [gate])
    if gate.need <= 0 or single.unreachable():
        return
    options = useful(single, [gate])
    by_dp, by_ip = one_gate(single, gate, options), integer_program(single, [gate], options)
    assert single.clears(by_dp) and single.clears(by_ip)
    assert sum(o.effort for o in by_dp) == sum(o.effort for o in by_ip)
