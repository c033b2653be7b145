"""The road's fixtures: a real unit's filled 2024 LKE (Direktorat KSPSTK, Kemendikbudristek: total
91.37, WBK eligible, WBBM blocked by area 4 and the WBK not yet held) as SUMSEL's self-assessment,
and the same LKE with area 2 left at its lowest answers (the total still passes, one area fails)."""

from __future__ import annotations

from pathlib import Path

import pytest

from zona.lke.instrument import resolve
from zona.lke.services import assessment_create, sheet_import

ANSWERS = Path(__file__).resolve().parents[2] / "lke" / "tests" / "fixtures" / "kspstk-2024-answers.csv"


def kspstk_values() -> dict[str, str]:
    rows = ANSWERS.read_text("utf-8").splitlines()[1:]
    return dict(line.split(",", 1) for line in rows if line.strip())


def area_failing_values() -> dict[str, str]:
    """The KSPSTK answers with every area-2 choice at its lowest option (numeric ones to 0)."""
    instrument = resolve(None)
    values = kspstk_values()
    for ref, question in instrument.questions.items():
        if ref.startswith(("A.I.2.", "A.II.2.")):
            if question.options:
                values[ref] = min(question.options, key=question.options.get)
            else:
                values[ref] = ";".join("0" for _ in question.inputs)
    return values


def make_assessment(unit, year, by, values):
    assessment = assessment_create(unit=unit, year=year, by=by)
    sheet_import(assessment=assessment, values=values, notes={}, source="fixture", by=by)
    assessment.refresh_from_db()
    return assessment


@pytest.fixture
def kspstk(units, cast, seed_plan):
    return make_assessment(units["SUMSEL"], seed_plan.year, cast["coordinator"], kspstk_values())


@pytest.fixture
def area_failing(units, cast, seed_plan):
    return make_assessment(units["SUMSEL"], seed_plan.year, cast["coordinator"], area_failing_values())
