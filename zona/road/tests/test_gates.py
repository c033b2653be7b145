"""Golden gates (PermenPAN-RB 90/2021 thresholds): a real unit's filled LKE, the demo's reviewed
LKE, and a unit whose total passes while one area fails; margins are value − threshold, exact."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from zona.lke.gates import assessment_gates, compact, gates_json
from zona.lke.instrument import resolve
from zona.lke.scoring import parse_answer, rounded, score

pytestmark = pytest.mark.django_db
LKE = resolve(None)
DEMO = Path(__file__).resolve().parents[2] / "demo" / "data" / "lke_answers.csv"


def failing(report, predicate):
    return [
        (g.name, rounded(g.criterion.margin) if g.criterion.margin is not None else None)
        for g in report.failing(predicate)
    ]


def test_the_real_unit_passes_wbk_and_fails_wbbm_on_area_4_by_0_11_and_on_the_wbk_held(kspstk):
    report = assessment_gates(kspstk)
    assert report.level == "mandiri" and rounded(report.result.total) == rounded(Fraction("91.37"))
    assert report.eligible("WBK") and not report.eligible("WBBM")
    assert failing(report, "WBBM") == [
        ("Setiap area pengungkit: 4. Penguatan Akuntabilitas", rounded(Fraction("-0.11"))),
        ("Sudah berpredikat WBK", None),
    ]
    gates = {g.name: g for g in report.predicates["WBK"]}
    assert len(gates) == 13  # total, pengungkit, 6 areas, bersih, IPAK, capaian, IPKP, revocation
    area4 = next(g for g in report.predicates["WBBM"] if g.name.endswith("Akuntabilitas"))
    assert area4.criterion.margin == area4.criterion.value - Fraction("7.5")  # 75 % of 10
    assert gates["IPKP"].criterion.threshold == 14 and not gates["IPKP"].by_answers
    assert "survei" in gates["IPKP"].why_fixed
    revocation = gates["Tidak dalam masa larangan setelah pencabutan predikat"]
    assert revocation.passed and revocation.criterion.note == "tidak ada catatan pencabutan"
    held = next(g for g in report.predicates["WBBM"] if g.criterion.kind == "prior")
    assert not held.by_answers and "KemenPAN-RB" in held.why_fixed


def test_a_unit_that_passes_the_total_but_fails_one_area_is_shown_failing(area_failing):
    report = assessment_gates(area_failing)
    assert report.result.total >= 75
    assert not report.eligible("WBK")
    assert [name for name, _margin in failing(report, "WBK")] == [
        "Setiap area pengungkit: 2. Penataan Tatalaksana"
    ]
    data = gates_json(report)
    assert data["predicates"]["WBK"]["eligible"] is False
    area2 = next(g for g in data["predicates"]["WBK"]["gates"] if g["name"].endswith("Tatalaksana"))
    assert area2["margin"] < 0 and area2["by_answers"] and area2["threshold"] == 4.2
    # the stored scores give the start page the same verdict, no rescoring
    lines = {line.predicate: line for line in compact(area_failing.scores["mandiri"])}
    assert not lines["WBK"].eligible and lines["WBK"].failing == (
        "Setiap area pengungkit: 2. Penataan Tatalaksana",
    )


def test_the_demo_lke_as_the_tpi_reviewed_it():
    rows = DEMO.read_text("utf-8").splitlines()[1:]
    values = dict(line.split(",", 1) for line in rows if line.strip())
    values.update({"A.I.1.i.b": "B", "A.I.3.iii.d": "C"})  # the TPI's two marks down (zona/demo/lke.py)
    answers = {ref: parse_answer(LKE.questions[ref], raw) for ref, raw in values.items()}
    result = score(LKE, answers, prior={"WBK"}, year=2024)
    wbbm = {c.name: c for c in result.predicates["WBBM"].criteria}
    assert result.predicates["WBK"].eligible
    assert [c.name for c in wbbm.values() if not c.passed] == [
        "Setiap area pengungkit: 4. Penguatan Akuntabilitas"
    ]
    assert wbbm["Nilai total"].margin == result.total - 85


def test_a_revoked_predicate_bars_the_unit_for_two_years():
    answers = {}
    for year, barred in ((2022, True), (2024, True), (2025, False)):
        result = score(LKE, answers, revoked=(2022,), year=year)
        gate = result.predicates["WBK"].criteria[-1]
        assert gate.kind == "revocation" and gate.passed is not barred
        assert "2022" in gate.note
