"""The least-effort set of answer improvements that clears a set of linear gates, solved exactly.

Each gate is linear in the answers' values: a node's score is Σ (sub-component weight ÷ its number
of questions) × value over the questions below it (PermenPAN-RB 90/2021, the LKE's scoring). An
improvement raises one question to a better option at an effort; at most one per question. The
problem is a 0/1 integer program, solved by SciPy's `milp` (HiGHS, branch and bound with a zero
optimality gap). Its rows are scaled to whole numbers, so the solver compares integers, and the
answer is checked again with exact fractions. With one gate to clear (one failing area) a dynamic
program over the total effort finds the same optimum in a fraction of the time (`one_gate`)."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from math import lcm

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

EXACT_LIMIT = 2**50  # scaled coefficients above this are no longer exact in floating point


@dataclass(frozen=True)
class Option:
    """Raising question `ref` to answer `answer` (its value `value`) at `effort`."""

    ref: str
    answer: str
    value: Fraction
    effort: int


@dataclass(frozen=True)
class LinearGate:
    name: str
    weights: dict[str, Fraction]  # question → points per unit of its value
    need: Fraction  # points missing (threshold − value now); ≤ 0: the gate passes already


@dataclass
class Problem:
    current: dict[str, Fraction]  # each question's value now (absent: 0)
    options: list[Option]
    gates: list[LinearGate]

    def gain(self, gate: LinearGate, option: Option) -> Fraction:
        return gate.weights.get(option.ref, Fraction(0)) * (
            option.value - self.current.get(option.ref, Fraction(0))
        )

    def clears(self, chosen: list[Option]) -> bool:
        """Every gate passes with these improvements (exact)."""
        return all(sum((self.gain(g, o) for o in chosen), Fraction(0)) >= g.need for g in self.gates)

    def best_gain(self, gate: LinearGate) -> Fraction:
        """What the gate gains with every question at its best option."""
        best: dict[str, Fraction] = {}
        for option in self.options:
            best[option.ref] = max(best.get(option.ref, Fraction(0)), self.gain(gate, option))
        return sum(best.values(), Fraction(0))

    def unreachable(self) -> list[LinearGate]:
        """The gates no answers reach (every weight is ≥ 0: each gate alone decides)."""
        return [g for g in self.gates if g.need > 0 and self.best_gain(g) < g.need]


def _scaled(row: list[Fraction], need: Fraction) -> tuple[list[int], int]:
    scale = lcm(*(v.denominator for v in [*row, need]))
    return [int(v * scale) for v in row], int(need * scale)


def useful(problem: Problem, gates: list[LinearGate]) -> list[Option]:
    """The options that may be part of a least-effort choice: those that gain on some open gate,
    and of one question's options none that another beats (as high a value for no more effort:
    every weight is ≥ 0, so a higher value never gains less). Dropping the rest keeps the optimum
    and makes the integer program small (a failing area: only its questions)."""
    found: dict[str, list[Option]] = {}
    for option in problem.options:
        if option.value > problem.current.get(option.ref, Fraction(0)) and any(
            g.weights.get(option.ref) for g in gates
        ):
            found.setdefault(option.ref, []).append(option)
    kept = []
    for options in found.values():
        best = Fraction(-1)
        for option in sorted(options, key=lambda o: (o.effort, -o.value)):
            if option.value > best:  # the cheapest way to this value, and higher than any cheaper
                kept.append(option)
                best = option.value
    return kept


def one_gate(problem: Problem, gate: LinearGate, options: list[Option]) -> list[Option]:
    """One gate to clear (the usual case: one failing area): a dynamic program over the total
    effort, exact in whole numbers (the gains scaled by their common denominator): for each total
    effort the most points one option per question can gain, the least effort that gains enough."""
    gains, need = _scaled([problem.gain(gate, o) for o in options], gate.need)
    groups: dict[str, list[tuple[Option, int]]] = {}
    for option, gain in zip(options, gains, strict=True):
        groups.setdefault(option.ref, []).append((option, gain))
    top = sum(max(o.effort for o, _g in group) for group in groups.values())
    best = [0] + [-1] * top  # best[e]: the most points at total effort exactly e (-1: none)
    layers = []
    for group in groups.values():
        now, taken = best[:], {}
        for option, gain in group:
            for effort in range(top - option.effort, -1, -1):
                if best[effort] >= 0 and best[effort] + gain > now[effort + option.effort]:
                    now[effort + option.effort] = best[effort] + gain
                    taken[effort + option.effort] = (option, effort)
        layers.append(taken)
        best = now
    effort = next(e for e, points in enumerate(best) if points >= need)  # reachable: checked before
    chosen = []
    for taken in reversed(layers):
        if effort in taken:
            option, effort = taken[effort]
            chosen.append(option)
    if not problem.clears(chosen):  # kept as a guard, as for the integer program
        raise ArithmeticError("the dynamic program's answer does not clear the gate")
    return chosen


def solve(problem: Problem) -> list[Option] | None:
    """The improvements of least total effort that clear every gate; [] when all pass already,
    None when no answers can (see `unreachable`)."""
    open_gates = [g for g in problem.gates if g.need > 0]
    if not open_gates:
        return []
    if problem.unreachable():
        return None
    options = useful(problem, open_gates)
    if len(open_gates) == 1:
        return one_gate(problem, open_gates[0], options)
    return integer_program(problem, open_gates, options)


def integer_program(problem: Problem, open_gates: list[LinearGate], options: list[Option]) -> list[Option]:
    """The 0/1 integer program of the gates still open, solved by HiGHS with no optimality gap."""
    rows, lower = [], []
    for gate in open_gates:
        row, need = _scaled([problem.gain(gate, o) for o in options], gate.need)
        if max(map(abs, [*row, need])) > EXACT_LIMIT:
            raise ValueError("coefficients too large for an exact solve")
        rows.append(row)
        lower.append(need)
    refs = sorted({o.ref for o in options})
    one_each = [[1 if o.ref == ref else 0 for o in options] for ref in refs]
    constraints = [
        LinearConstraint(np.array(rows, dtype=float), np.array(lower, dtype=float), np.inf),
        LinearConstraint(np.array(one_each, dtype=float), -np.inf, 1),
    ]
    found = milp(
        c=np.array([o.effort for o in options], dtype=float),
        constraints=constraints,
        integrality=np.ones(len(options)),
        bounds=Bounds(0, 1),
        options={"mip_rel_gap": 0, "disp": False},
    )
    if found.x is None:  # the gates were found reachable: the solver failed
        raise ArithmeticError(f"the integer program found no answer: {found.message}")
    chosen = [o for o, x in zip(options, found.x, strict=True) if x > 0.5]
    if not problem.clears(chosen):  # the integer rows make this unreachable; kept as a guard
        raise ArithmeticError("the solver's answer does not clear every gate")
    return chosen
