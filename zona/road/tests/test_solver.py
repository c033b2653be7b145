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
