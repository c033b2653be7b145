"""The forecast as the API and `zona road forecast` give it: per scenario its total, every gate
of WBK and WBBM (the LKE's own gates, `zona.lke.gates`), and the questions that move with why: the
linked plan steps that land and those that do not, and the evidence that does not count."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from zona.lke.gates import GateReport, gates_json, gates_of
from zona.lke.instrument import Instrument
from zona.lke.models import Assessment, Level
from zona.lke.scoring import rounded
from zona.lke.services import instrument_of

from .calendar import calendar_for
from .forecast import SCENARIOS, Forecast, Move, forecast
from .national import scenario_names
from .readiness import QuestionReadiness
from .selectors import LinkedStep


def _step(step: LinkedStep) -> dict[str, Any]:
    return {
        "id": step.pk,
        "text": step.text,
        "indicator": step.indicator,
        "status": step.status,
        "progress": step.progress,
        "due": step.due.isoformat() if step.due else None,
    }


def _move(move: Move, ready: QuestionReadiness | None) -> dict[str, Any]:
    return {
        "ref": move.ref,
        "before": move.before,
        "after": move.after,
        "value_before": float(rounded(move.value_before)),
        "value_after": float(rounded(move.value_after)),
        "up": move.up,
        "landing": [_step(s) for s in move.landing],
        "waiting": [_step(s) for s in move.waiting],
        "stale_evidence": move.stale_evidence,
        "evidence": [
            {"id": i.pk, "title": i.title, "stale": i.stale, "reasons": list(i.reasons)}
            for i in (ready.items if ready else [])
        ],
    }


def forecast_json(result: Forecast, instrument: Instrument, names: dict[str, str]) -> dict[str, Any]:
    """The three scenarios of the forecast, each with its gates and its moving questions."""
    scenarios = {}
    for key in SCENARIOS:
        scenario = result.scenarios[key]
        report = GateReport(Level.SELF, scenario.result, gates_of(scenario.result, instrument))
        gates = gates_json(report)
        scenarios[key] = {
            "name": names[key],
            "total": gates["total"],
            "predicates": gates["predicates"],
            "moves": [_move(m, result.readiness.get(m.ref)) for m in scenario.moves],
        }
    return {
        "unit": result.assessment.unit.code,
        "year": result.assessment.year,
        "today": result.today.isoformat(),
        "deadline": result.deadline.isoformat(),
        "scenarios": scenarios,
    }


def assessment_forecast(assessment: Assessment, *, today: date) -> dict[str, Any]:
    """The assessment's forecast at its proposal deadline (the unit's calendar), as JSON."""
    instrument = instrument_of(assessment)
    deadline = calendar_for(assessment.unit, assessment.year).proposal_deadline
    result = forecast(assessment, instrument, today=today, deadline=deadline)
    return forecast_json(result, instrument, scenario_names())


def forecast_print(out, data: dict[str, Any]) -> None:
    """`zona road forecast` in text: per scenario the total, each predicate passed or the gates it
    fails, and the questions that move with the steps that land, those that do not and stale
    evidence."""
    out.write(f"{data['unit']} · {data['year']} · {_('proposal deadline')} {data['deadline']}")
    for scenario in data["scenarios"].values():
        out.write(f"\n{scenario['name']}: {_('total')} {scenario['total']:.2f}")
        for name, predicate in scenario["predicates"].items():
            failing = [g["name"] for g in predicate["gates"] if not g["passed"]]
            shown = _("passes") if predicate["eligible"] else _("fails") + ": " + "; ".join(failing)
            out.write(f"  {name}: {shown}")
        for move in scenario["moves"]:
            out.write(f"  {move['ref']}: {move['before']} → {move['after']}")
            for label, steps in ((_("lands"), move["landing"]), (_("does not land"), move["waiting"])):
                for step in steps:
                    out.write(f"      {label}: {step['text']} ({step['progress']} %)")
            if move["stale_evidence"]:
                out.write(f"      {_('its evidence does not count (stale or missing)')}")
