"""LKE A.I.5.ii.b, risk assessment over the unit's processes: the unit's main functions (its
conflict-of-interest map of functions) and the strategic targets (sasaran) of its performance
agreement. A process counts as assessed when a risk of the year's register names it (its activity
or process, or its objective, is the function's name, or the target's code or text) and that risk
is analysed with its cause and existing controls. A process without such a risk is a gap: the
register's own rows, however complete, never stand for the processes it leaves out. It lives here
because it reads the risk register, the main functions and the agreement together."""

from __future__ import annotations

from dataclasses import dataclass

from zona.coi.models import MainFunction
from zona.risks.models import Register

from .models import Agreement, Level


def _norm(text: str) -> str:
    return " ".join(str(text).split()).casefold()


@dataclass(frozen=True)
class Coverage:
    processes: int
    assessed: int
    gaps: tuple[str, ...]  # the processes without an analysed risk, as the page names them
    risks: int


def risk_coverage(unit, year: int) -> Coverage | None:
    """None without a register for the year, or without processes to measure it against."""
    register = Register.objects.filter(unit=unit, year=year).first()
    if register is None:
        return None
    processes = [
        (name, {_norm(name)})
        for name in MainFunction.objects.filter(unit=unit).values_list("name", flat=True)
    ]
    agreement = Agreement.objects.filter(unit=unit, year=year).first()
    if agreement is not None:
        for code, text in agreement.targets.filter(level=Level.UNIT).values_list("code", "text"):
            processes.append((f"{code} {text}", {_norm(code), _norm(text)}))
    if not processes:
        return None
    risks = list(register.risks.values_list("process", "objective", "cause", "controls"))
    named = set()
    for process, objective, cause, controls in risks:
        if cause.strip() and controls.strip():
            named |= {_norm(process), _norm(objective)}
    gaps = tuple(label for label, keys in processes if not keys & named)
    return Coverage(len(processes), len(processes) - len(gaps), gaps, len(risks))
