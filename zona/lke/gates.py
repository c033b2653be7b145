"""The predicate's gates with their margins: every WBK and WBBM criterion of the instrument
(PermenPAN-RB 90/2021: total, pengungkit, each area's minimum, bersih & akuntabel, IPAK, capaian
kinerja, IPKP, the WBK held for WBBM, the revocation bar), each with its value, threshold, margin
and whether answers in the LKE can move it at all.

The values come from `scoring` (the instrument's data); this module only reads them. It lives in
the LKE so that `zona lke gates`, the assessment page and the API share it; the road to the
predicate (cheapest path, sandbox, start page) builds on it. A gate
no answer can move says why: the survey indexes (IPAK, IPKP) are the external survey's result, the
WBK held is KemenPAN-RB's decree, a revocation is KemenPAN-RB's decision."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from zona.orgs.models import Unit

from .instrument import Instrument, Question
from .models import Assessment, Level
from .scoring import Answer, Criterion, Result, rounded, score
from .services import answers_and_facts, instrument_of
from .states import review_state

# Answer types whose value the LKE takes from outside the unit's own work: the survey indexes.
FIXED_TYPES = ("index",)


@dataclass(frozen=True)
class Gate:
    predicate: str
    criterion: Criterion
    movable: tuple[str, ...]  # the questions whose answers move the gate's value
    why_fixed: str = ""  # why no answer moves it (empty when answers can)

    @property
    def name(self) -> str:
        return self.criterion.name

    @property
    def passed(self) -> bool:
        return self.criterion.passed

    @property
    def by_answers(self) -> bool:
        return bool(self.movable)


@dataclass
class GateReport:
    level: str  # whose answers: the self-assessment, or the TPI's once every question is reviewed
    result: Result
    predicates: dict[str, list[Gate]]
    options: dict[str, str] = field(default_factory=dict)  # the instrument options in force
    answers: dict[str, Answer] = field(default_factory=dict)  # the answers scored (ref → parsed)

    def eligible(self, predicate: str) -> bool:
        return all(g.passed for g in self.predicates[predicate])

    @property
    def rows(self) -> list[tuple[str, bool, list[Gate]]]:
        """(predicate, eligible, gates) for templates."""
        return [(name, self.eligible(name), gates) for name, gates in self.predicates.items()]

    def failing(self, predicate: str) -> list[Gate]:
        return [g for g in self.predicates[predicate] if not g.passed]


def is_fixed(question: Question) -> bool:
    """An answer the unit's work in the year can't change: a survey index (IPAK, IPKP)."""
    return question.type in FIXED_TYPES


def why_fixed(criterion: Criterion) -> str:
    if criterion.kind == "prior":
        return _("Awarded by KemenPAN-RB: only the decree that awarded the WBK counts, not an answer.")
    if criterion.kind == "revocation":
        return _("Set by KemenPAN-RB's revocation of a predicate: no answer lifts the bar.")
    return _("The external survey's index (IPAK/IPKP): the survey's result moves it, not an LKE answer.")


def gates_of(result: Result, instrument: Instrument) -> dict[str, list[Gate]]:
    """Every predicate's gates, from a scored result."""
    questions = instrument.questions
    found: dict[str, list[Gate]] = {}
    for predicate, judged in result.predicates.items():
        gates = []
        for criterion in judged.criteria:
            below = instrument.questions_under(criterion.nodes) if criterion.nodes else ()
            movable = tuple(r for r in below if not is_fixed(questions[r]))
            gates.append(Gate(predicate, criterion, movable, "" if movable else why_fixed(criterion)))
        found[predicate] = gates
    return found


def shown_level(assessment: Assessment) -> str:
    """The TPI's answers once a reviewer has answered every question, else the unit's own."""
    review = review_state(assessment, instrument_of(assessment))
    return Level.TPI if review.started and review.complete else Level.SELF


def assessment_gates(assessment: Assessment, level: str | None = None) -> GateReport:
    level = level or shown_level(assessment)
    instrument = instrument_of(assessment)
    answers, facts = answers_and_facts(assessment, level)
    result = score(instrument, answers, options=assessment.options, **facts)
    options = {**instrument.option_defaults(), **assessment.options}
    return GateReport(level, result, gates_of(result, instrument), options, answers)


def _number(value: Fraction | bool | None) -> Any:
    if value is None or isinstance(value, bool):
        return value
    return float(rounded(value))


def gates_json(report: GateReport) -> dict[str, Any]:
    """The gates as the API and `zona lke gates --format json` give them."""
    return {
        "level": report.level,
        "total": _number(report.result.total),
        "predicates": {
            name: {
                "eligible": report.eligible(name),
                "gates": [
                    {
                        "name": g.name,
                        "kind": g.criterion.kind,
                        "value": _number(g.criterion.value),
                        "threshold": _number(g.criterion.threshold),
                        "margin": _number(g.criterion.margin),
                        "passed": g.passed,
                        "by_answers": g.by_answers,
                        "why_fixed": g.why_fixed,
                        "note": g.criterion.note,
                    }
                    for g in gates
                ],
            }
            for name, gates in report.predicates.items()
        },
    }


@dataclass(frozen=True)
class Line:
    """A predicate in one line, from stored scores: eligible, or the gates it fails."""

    predicate: str
    eligible: bool
    failing: tuple[str, ...]


def compact(scores: dict) -> list[Line]:
    """Each predicate of stored scores (`Assessment.scores[level]`), no query: for the start page."""
    lines = []
    for name in ("wbk", "wbbm"):
        stored = scores.get(name)
        if stored:
            failing = tuple(c["name"] for c in stored.get("criteria", []) if not c.get("passed"))
            lines.append(Line(name.upper(), bool(stored.get("eligible")), failing))
    return lines


def assessment_named(unit_code: str, year: int) -> Assessment:
    """The LKE a command names by its unit's code and year (`zona lke gates`, `zona road
    forecast`); a CommandError naming what is missing otherwise."""
    unit = Unit.objects.filter(code=unit_code).first()
    if unit is None:
        raise CommandError(_("unknown unit code: %(code)s") % {"code": unit_code})
    assessment = Assessment.objects.filter(unit=unit, year=year).select_related("unit").first()
    if assessment is None:
        raise CommandError(_("%(unit)s has no LKE for %(year)s") % {"unit": unit.code, "year": year})
    return assessment
