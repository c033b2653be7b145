"""The live computation the summaries must equal: the selectors the pages used before them."""

from __future__ import annotations

from datetime import date

import pytest

from zona.complaints.figures import handled
from zona.evidence.models import EvidenceItem, Status
from zona.lke.selectors import rollup
from zona.monev.dashboard import descendant_rows
from zona.orgs.models import Unit
from zona.plans.selectors import plan_tree
from zona.rollups.models import RollupMark, UnitSummary, YearSummary
from zona.rollups.sources import recap, units_below


def standing(lke) -> tuple:
    return (lke.year, lke.total, lke.level, lke.provisional, lke.wbk, lke.draft_year)


def province(p) -> tuple:
    return (
        p.unit and p.unit.pk,
        p.units,
        p.planned,
        p.progress and round(p.progress, 9),
        p.overdue,
        p.findings,
        p.wbk,
    )


def assert_dashboard_equal(root: Unit, year: int, today: date) -> None:
    live = descendant_rows(root, year=year, today=today)
    kept = list(units_below(root, year=year, today=today))
    assert [r.unit.pk for r in kept] == [r.unit.pk for r in live]
    for mine, theirs in zip(kept, live, strict=True):
        assert (mine.plan_id, mine.overdue, mine.findings, mine.last_cycle) == (
            theirs.plan_id,
            theirs.overdue,
            theirs.findings,
            theirs.last_cycle,
        )
        assert mine.progress == pytest.approx(theirs.progress)
        assert standing(mine.lke) == standing(theirs.lke)
        assert province(mine.province) == province(theirs.province)


def assert_areas_equal(plan) -> None:
    tree = plan_tree(plan)
    row = YearSummary.objects.get(plan=plan)
    assert row.areas == pytest.approx({area.obj.code: area.progress for area in tree.children})


def assert_recap_equal(root: Unit, year: int) -> None:
    live = rollup(root, year)
    kept = list(recap(root, year))
    assert [r.pk for r in kept] == [a.pk for a in live]
    for mine, theirs in zip(kept, live, strict=True):
        assert mine.stage == theirs.stage
        for level in ("mandiri", "tpi"):
            assert (mine.scores.get(level) or {}).get("total") == (theirs.scores.get(level) or {}).get(
                "total"
            )
        assert bool((mine.scores.get("tpi") or {}).get("provisional")) == bool(
            (theirs.scores.get("tpi") or {}).get("provisional")
        )
        for gate in ("wbk", "wbbm"):
            assert (mine.shown.get(gate) or {}).get("eligible") == (theirs.shown.get(gate) or {}).get(
                "eligible"
            )
        assert bool(mine.shown.get("provisional")) == bool(theirs.shown.get("provisional"))


def assert_evidence_equal() -> None:
    for summary in UnitSummary.objects.all():
        items = EvidenceItem.objects.filter(unit=summary.unit_id)
        assert summary.evidence_verified == items.filter(status=Status.VERIFIED).count()
        assert summary.evidence_awaiting == items.filter(status=Status.PENDING).count()


def assert_cases_equal() -> None:
    for summary in UnitSummary.objects.all():
        rows = handled([summary.unit_id])
        counted = summary.cases.get("complaint", {})
        assert counted.get("received", 0) == len(rows)
        assert counted.get("finished", 0) == sum(r.days is not None for r in rows)
        assert counted.get("refused", 0) == sum(r.refused and r.days is None for r in rows)
        assert counted.get("on_time", 0) == sum(r.on_time for r in rows)


def nothing_left_marked() -> None:
    assert not RollupMark.objects.exists()
