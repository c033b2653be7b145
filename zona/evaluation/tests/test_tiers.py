"""The TPI's tiers (PermenPAN-RB 90/2021: the TPI evaluates the unit's LKE; each question is
scored by the anggota tim, then the ketua tim, then the pengendali teknis): side by side with
the self-assessment, approval tier by tier, cancellation of every approval at or above a changed
answer (who and why), a note for every changed score, the last tier's approval finalising."""

from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import make_user
from zona.audit.models import AuditEvent
from zona.evaluation.models import TierApproval
from zona.evaluation.rules import tiers
from zona.evaluation.selectors import board, tier_notes
from zona.evaluation.services import (
    EvaluationError,
    team_member_add,
    tier_answer_save,
    tier_approve,
    tier_release,
    tier_take,
)
from zona.lke.models import Answer, Level, Stage
from zona.lke.review import assessment_return, assessment_submit
from zona.lke.services import AssessmentError, answer_save

from .conftest import ANSWERS


def standing(assessment) -> list[str]:
    return list(
        TierApproval.objects.filter(assessment=assessment, cancelled_at__isnull=True).values_list(
            "tier", flat=True
        )
    )


def test_the_tiers_are_data_lowest_first():
    assert [(t.code, t.name, t.order) for t in tiers()] == [
        ("anggota", "Anggota Tim", 1),
        ("ketua", "Ketua Tim", 2),
        ("pengendali", "Pengendali Teknis", 3),
    ]


def test_side_by_side_and_the_last_tier_finalises(assessment, team):
    tier_take(assessment=assessment, tier_code="anggota", by=team["anggota"])
    tier_answer_save(
        assessment=assessment,
        tier_code="anggota",
        ref="A.I.1.i.b",
        raw="B",
        note="SK tanpa seleksi",
        by=team["anggota"],
    )
    shown = board(assessment, live=True)
    assert [c.tier.code for c in shown.columns] == ["anggota", "ketua", "pengendali"]
    row = next(r for r in shown.rows if r.ref == "A.I.1.i.b")
    assert (row.own, row.own_score) == ("A", Decimal("1"))
    assert (row.cells[0].value, row.cells[0].score, row.cells[0].note) == (
        "B",
        Decimal("0.5"),
        "SK tanpa seleksi",
    )
    assert row.cells[1] is None and row.cells[2] is None
    with pytest.raises(EvaluationError, match="Anggota Tim"):
        tier_approve(assessment=assessment, tier_code="ketua", by=team["ketua"])
    tier_approve(assessment=assessment, tier_code="anggota", by=team["anggota"])
    tier_take(assessment=assessment, tier_code="ketua", by=team["ketua"])
    tier_approve(assessment=assessment, tier_code="ketua", by=team["ketua"])
    tier_take(assessment=assessment, tier_code="pengendali", by=team["pengendali"])
    assert tier_notes(assessment)["A.I.1.i.b"] == [
        ("Anggota Tim", "B", Decimal("0.5"), "SK tanpa seleksi"),
        ("Ketua Tim", "B", Decimal("0.5"), ""),
        ("Pengendali Teknis", "B", Decimal("0.5"), ""),
    ]
    assessment.refresh_from_db()
    assert assessment.stage == Stage.REVIEW
    tier_approve(assessment=assessment, tier_code="pengendali", by=team["pengendali"])
    assessment.refresh_from_db()
    assert assessment.stage == Stage.FINAL  # the top tier's approval is the TPI's final review
    tpi = dict(Answer.objects.filter(assessment=assessment, level=Level.TPI).values_list("ref", "value"))
    assert tpi == {**ANSWERS, "A.I.1.i.b": "B"}


def test_a_tier_answers_only_in_its_own_seat_and_every_question_before_approving(assessment, team):
    with pytest.raises(EvaluationError, match="Ketua Tim"):
        tier_answer_save(
            assessment=assessment, tier_code="ketua", ref="A.I.1.i.a", raw="Ya", note="", by=team["anggota"]
        )
    tier_answer_save(
        assessment=assessment, tier_code="anggota", ref="A.I.1.i.a", raw="Ya", note="", by=team["anggota"]
    )
    with pytest.raises(EvaluationError, match="2 pertanyaan"):
        tier_approve(assessment=assessment, tier_code="anggota", by=team["anggota"])


def test_every_score_change_by_a_reviewer_carries_a_note(assessment, team):
    # the same score as the unit's: no note needed
    tier_answer_save(
        assessment=assessment, tier_code="anggota", ref="A.I.1.i.a", raw="Ya", note="", by=team["anggota"]
    )
    with pytest.raises(EvaluationError, match="catatan"):
        tier_answer_save(
            assessment=assessment,
            tier_code="anggota",
            ref="A.I.1.i.a",
            raw="Tidak",
            note=" ",
            by=team["anggota"],
        )
    tier_answer_save(
        assessment=assessment,
        tier_code="anggota",
        ref="A.I.1.i.a",
        raw="Tidak",
        note="Tanpa SK",
        by=team["anggota"],
    )
    tier_take(assessment=assessment, tier_code="ketua", by=team["ketua"])
    # the ketua differs from the anggota (back to the unit's score): a note again
    with pytest.raises(EvaluationError, match="catatan"):
        tier_answer_save(
            assessment=assessment, tier_code="ketua", ref="A.I.1.i.a", raw="Ya", note="", by=team["ketua"]
        )


def test_a_changed_answer_cancels_that_approval_and_every_one_above(assessment, team):
    for code in ("anggota", "ketua", "pengendali")[:2]:
        tier_take(assessment=assessment, tier_code=code, by=team[code])
        tier_approve(assessment=assessment, tier_code=code, by=team[code])
    tier_release(assessment=assessment, tier_code="anggota", by=team["anggota"])
    assert standing(assessment) == ["anggota", "ketua"]
    tier_answer_save(
        assessment=assessment,
        tier_code="ketua",
        ref="A.I.2.i.a",
        raw="C",
        note="Notula tidak lengkap",
        by=team["ketua"],
    )
    assert standing(assessment) == ["anggota"]
    cancelled = TierApproval.objects.get(tier="ketua")
    assert cancelled.cancelled_by == team["ketua"]
    assert "A.I.2.i.a: B → C" in cancelled.cancel_reason and "Notula tidak lengkap" in cancelled.cancel_reason
    assert AuditEvent.objects.filter(action="evaluation.approvals_cancelled").exists()


def test_the_units_changed_answer_cancels_every_tier(assessment, team, cast):
    tier_take(assessment=assessment, tier_code="anggota", by=team["anggota"])
    tier_approve(assessment=assessment, tier_code="anggota", by=team["anggota"])
    assessment_return(assessment=assessment, refs=["A.I.1.i.b"], note="Lampirkan SK", by=cast["reviewer"])
    answer_save(
        assessment=assessment,
        level=Level.SELF,
        ref="A.I.1.i.b",
        raw="B",
        by=cast["coordinator"],
        justification="SK baru",
    )
    assert standing(assessment) == []
    cancelled = TierApproval.objects.get(tier="anggota")
    assert cancelled.cancelled_by == cast["coordinator"]
    assert "A.I.1.i.b: A → B" in cancelled.cancel_reason and "SK baru" in cancelled.cancel_reason
    assessment_submit(assessment=assessment, by=cast["coordinator"])
    tier_approve(assessment=assessment, tier_code="anggota", by=team["anggota"])  # approves again
    assert standing(assessment) == ["anggota"]


def test_the_unit_sees_only_released_results(assessment, team, cast):
    tier_take(assessment=assessment, tier_code="anggota", by=team["anggota"])
    assert board(assessment, live=False).columns == []
    tier_approve(assessment=assessment, tier_code="anggota", by=team["anggota"])
    assert board(assessment, live=False).columns == []
    from zona.notifications.models import Notification

    assert not Notification.objects.filter(key__startswith="tier-released").exists()
    tier_release(assessment=assessment, tier_code="anggota", by=team["anggota"])
    told = Notification.objects.get(key__startswith="tier-released")
    assert told.user == cast["coordinator"] and "Anggota Tim" in told.text
    shown = board(assessment, live=False)
    assert [c.tier.code for c in shown.columns] == ["anggota"]
    assert {r.ref: r.cells[0].value for r in shown.rows} == ANSWERS


REFS = sorted(ANSWERS)
VALUES = {"A.I.1.i.a": ["Ya", "Tidak"], "A.I.1.i.b": ["A", "B", "C"], "A.I.2.i.a": ["A", "B", "C", "D"]}
operation = st.one_of(
    st.tuples(st.just("answer"), st.integers(0, 3), st.sampled_from(REFS), st.integers(0, 3)),
    st.tuples(st.just("take"), st.integers(1, 3)),
    st.tuples(st.just("approve"), st.integers(1, 3)),
)


def _apply(assessment, team, cast, op) -> int | None:
    """Run one operation; the lowest level whose answer changed (0: the unit's), else None."""
    codes = [t.code for t in tiers()]
    kind, level, *rest = op
    if kind == "approve":
        tier_approve(assessment=assessment, tier_code=codes[level - 1], by=team[codes[level - 1]])
        return None
    if kind == "take":
        taken = tier_take(assessment=assessment, tier_code=codes[level - 1], by=team[codes[level - 1]])
        return level if taken else None
    ref, index = rest
    value = VALUES[ref][index % len(VALUES[ref])]
    if level == 0:
        assessment_return(assessment=assessment, refs=[ref], note="revisi", by=cast["reviewer"])
        old = Answer.objects.get(assessment=assessment, level=Level.SELF, ref=ref).value
        answer_save(
            assessment=assessment,
            level=Level.SELF,
            ref=ref,
            raw=value,
            by=cast["coordinator"],
            justification="x",
        )
        assessment_submit(assessment=assessment, by=cast["coordinator"])
        return 0 if old != value else None
    code = codes[level - 1]
    old = assessment.tier_answers.filter(tier=code, ref=ref).values_list("value", flat=True).first()
    tier_answer_save(assessment=assessment, tier_code=code, ref=ref, raw=value, note="alasan", by=team[code])
    return level if old != value else None


# each example runs in a savepoint rolled back at its end: the fixtures' state is the same for all
@settings(max_examples=40, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(approved=st.integers(0, 2), ops=st.lists(operation, min_size=1, max_size=8))
def test_property_no_approval_stands_above_an_edit(assessment, team, cast, approved, ops):
    """Any answer changed after approvals leaves no approval standing at or above its level, and
    the standing approvals are always the lowest tiers in order (a prefix). Each example starts
    with the lowest `approved` tiers having taken the level below and approved."""
    codes = [t.code for t in tiers()]
    with transaction.atomic():
        for code in codes[:approved]:
            tier_take(assessment=assessment, tier_code=code, by=team[code])
            tier_approve(assessment=assessment, tier_code=code, by=team[code])
        for op in ops:
            try:
                changed = _apply(assessment, team, cast, op)
            except (EvaluationError, AssessmentError):
                continue
            now = standing(assessment)
            assert now == codes[: len(now)]
            if changed is not None:
                assert all(codes.index(code) + 1 < max(changed, 1) for code in now)
            for gone in TierApproval.objects.filter(assessment=assessment, cancelled_at__isnull=False):
                assert gone.cancelled_by is not None and gone.cancel_reason
        transaction.set_rollback(True)


def test_with_a_team_only_the_last_tiers_approval_finalises(assessment, cast):
    from zona.lke.review import assessment_finalize, review_agree

    # the old one-level review, done before a team was seated (with a team, it is refused)
    review_agree(assessment=assessment, refs=list(ANSWERS), by=cast["reviewer"])
    late = make_user("tpi_late")
    team_member_add(assessment=assessment, user=late, tier_code="anggota", by=cast["reviewer"])
    with pytest.raises(AssessmentError, match="Pengendali Teknis"):
        assessment_finalize(assessment=assessment, by=cast["reviewer"])
    assessment.refresh_from_db()
    assert assessment.stage == Stage.REVIEW


def test_without_a_team_the_one_level_review_finalises_as_before(units, cast):
    from zona.lke.review import assessment_finalize, review_agree

    from .conftest import under_review

    alone = under_review(units["PALEMBANG"], cast["child"])
    review_agree(assessment=alone, refs=list(ANSWERS), by=cast["reviewer"])
    assert assessment_finalize(assessment=alone, by=cast["reviewer"]).stage == Stage.FINAL


def test_the_board_reads_in_constant_queries(units, cast, assessment, team):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from zona.lke.services import instrument_of

    from .conftest import under_review

    yes_no = [r for r, q in instrument_of(assessment).questions.items() if q.type == "yn"][:12]
    bigger = under_review(
        units["PALEMBANG"], cast["child"], answers={**ANSWERS, **dict.fromkeys(yes_no, "Ya")}
    )
    team_member_add(assessment=bigger, user=team["anggota"], tier_code="anggota", by=cast["reviewer"])
    counts = []
    for found in (assessment, bigger):
        tier_take(assessment=found, tier_code="anggota", by=team["anggota"])
        with CaptureQueriesContext(connection) as ctx:
            shown = board(found, live=True)
        counts.append((len(ctx.captured_queries), len(shown.rows)))
    assert counts[0][0] == counts[1][0] and counts[0][1] < counts[1][1]
