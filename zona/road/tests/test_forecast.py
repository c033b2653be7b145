"""The forecast's three scenarios on a fixture computed by hand; stale evidence left out of (b)
and (c); a step's schedule from its progress and its time; the rule's properties."""

from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zona.lke.instrument import CHOICE_TYPES
from zona.lke.services import instrument_of
from zona.road.forecast import forecast, reached, target_value
from zona.road.selectors import LinkedStep

pytestmark = pytest.mark.django_db


def run(world):
    a = world["assessment"]
    return forecast(a, instrument_of(a), today=world["today"], deadline=world["deadline"])


def test_scenario_b_equals_the_score_computed_by_hand(world):
    result = run(world)
    today, on_time, on_schedule = (result.scenarios[k].result for k in ("today", "on_time", "on_schedule"))
    # (a) A.I.1.i (0.50, two questions): (Ya 1 + C 0) / 2 × 0.50 = 0.25; A.I.1.ii (1.00, three): Ya 1 / 3
    assert today.total == Fraction(1, 4) + Fraction(1, 3)
    # (b) both open steps land: C → A (1); A.I.1.ii.a's evidence is unverified: it counts 0
    assert on_time.total == Fraction(1, 2) * (1 + 1) / 2 == Fraction(1, 2)
    assert on_time.nodes["A.I.1.ii"] == 0
    # (c) only the step on schedule lands (60 % ≥ 59 of 119 days): half the way, C → B (0.5)
    assert on_schedule.total == Fraction(1, 2) * (1 + Fraction(1, 2)) / 2
    wbk = {c.name: c for c in on_time.predicates["WBK"].criteria}  # each gate judged on the scenario
    assert (wbk["Nilai total"].value, wbk["Nilai total"].passed) == (Fraction(1, 2), False)
    area = wbk["Setiap area pengungkit: 1. Manajemen Perubahan"]
    assert area.value == Fraction(1, 2) and area.threshold == Fraction(6, 10) * 8


def test_each_scenario_lists_the_questions_that_move_and_why(world):
    result = run(world)
    moves = {m.ref: m for m in result.scenarios["on_time"].moves}
    assert (moves["A.I.1.i.b"].before, moves["A.I.1.i.b"].after) == ("C", "A")
    assert [s.pk for s in moves["A.I.1.i.b"].landing] == [world["ahead"].pk, world["behind"].pk]
    assert (moves["A.I.1.ii.a"].before, moves["A.I.1.ii.a"].after) == ("Ya", "Tidak")
    assert moves["A.I.1.ii.a"].stale_evidence
    assert "A.I.1.i.a" not in moves  # fresh evidence, no step: it stays
    late = {m.ref: m for m in result.scenarios["on_schedule"].moves}
    assert (late["A.I.1.i.b"].after, [s.pk for s in late["A.I.1.i.b"].waiting]) == ("B", [world["behind"].pk])
    assert result.scenarios["today"].moves == []


def test_a_step_due_after_the_deadline_lands_in_no_scenario(world):
    from zona.plans.models import ActionStep

    ActionStep.objects.filter(pk=world["behind"].pk).update(due_on=world["deadline"] + timedelta(days=1))
    result = run(world)
    b = {m.ref: m for m in result.scenarios["on_time"].moves}
    assert b["A.I.1.i.b"].after == "B"  # one of two open steps lands by the deadline


def test_stale_evidence_is_left_out_of_b_and_c_but_not_of_today(world):
    from zona.evidence.models import EvidenceItem, Status

    EvidenceItem.objects.filter(title="SK Tim Kerja ZI").update(
        expires_on=world["deadline"] - timedelta(days=1)
    )
    result = run(world)
    assert result.readiness["A.I.1.i.a"].state == "stale"
    assert result.scenarios["today"].result.nodes["A.I.1.i"] == Fraction(1, 4)
    for key in ("on_time", "on_schedule"):
        assert "A.I.1.i.a" in {m.ref for m in result.scenarios[key].moves}
    EvidenceItem.objects.filter(title="SK Rencana Kerja").update(status=Status.VERIFIED)
    assert run(world).scenarios["on_time"].result.nodes["A.I.1.ii"] == Fraction(1, 3)


def _step(progress, status="berjalan", start=None, due=None):
    return LinkedStep(1, "A.I.1.i.a", 1, "i", "t", status, progress, due, None, start)


@given(st.integers(0, 100), st.integers(1, 364))
def test_a_step_is_on_schedule_when_its_progress_keeps_up_with_its_time(progress, day):
    from zona.road.forecast import on_schedule

    year, deadline = 2025, date(2025, 12, 31)
    today = date(year, 1, 1) + timedelta(days=day)
    step = _step(progress, due=deadline)
    expected = day / 364 * 100
    assert on_schedule(step, today, year, deadline) == (progress >= expected)
    assert not on_schedule(_step(100, status="terkendala", due=deadline), today, year, deadline)
    assert step.slip(today, year, deadline) == max(0.0, expected - progress)


def test_a_partial_landing_never_overshoots_nor_falls():
    from zona.lke.instrument import resolve

    kinds = {q.type: q for q in resolve(None).questions.values() if q.type in CHOICE_TYPES}
    assert len(kinds) >= 4
    for question in kinds.values():
        _check_partial(question)


def _check_partial(question):
    for claimed in question.options.values():
        for share in (Fraction(0), Fraction(1, 3), Fraction(1, 2), Fraction(1)):
            value = reached(question, claimed, share)
            assert claimed <= value <= max(target_value(question), claimed)
            assert value in question.options.values()
        assert reached(question, claimed, Fraction(1)) == max(target_value(question), claimed)
