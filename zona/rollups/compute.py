"""The summary rows of a set of units, computed from the records in a constant number of queries
(whatever the number of units), with the selectors the pages used before: the rows equal what
those selectors say (the property test in tests/test_property.py)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import Count, Max, Min, Q

from zona.complaints import figures as complaint_figures
from zona.evidence.models import EvidenceItem, Status
from zona.lke.models import Assessment
from zona.lke.states import shown_score, standings
from zona.monev.models import CycleStatus, Finding, FindingStatus, MonevCycle
from zona.orgs.models import Level, Unit
from zona.plans.models import ActionStep, Plan
from zona.plans.selectors import areas_progress, plans_progress
from zona.ppid import figures as ppid_figures

from .models import UnitSummary, YearSummary

CASE_COUNTS = ("received", "open", "finished", "refused", "on_time")
CASE_FIGURES = {"complaint": complaint_figures.handled, "ppid": ppid_figures.handled}


def provinces_of(units: list[Unit]) -> dict[int, int | None]:
    """{unit id: its province's id}: the unit itself at the province level, else the nearest
    province above it; None for the national level's own offices."""
    paths = {p for u in units for p in u.ancestor_paths()}
    found = dict(Unit.objects.filter(level=Level.PROVINCE, path__in=paths).values_list("path", "pk"))
    return {u.pk: next((found[p] for p in reversed(u.ancestor_paths()) if p in found), None) for u in units}


def unit_rows(units: list[Unit]) -> list[UnitSummary]:
    ids = [u.pk for u in units]
    province = provinces_of(units)
    lke = standings(ids)
    evidence: dict[int, dict[str, int]] = defaultdict(dict)
    for unit_id, status, n in (
        EvidenceItem.objects.filter(unit__in=ids, status__in=[Status.VERIFIED, Status.PENDING])
        .order_by()
        .values_list("unit", "status")
        .annotate(n=Count("pk"))
    ):
        evidence[unit_id][status] = n
    rows = []
    for unit in units:
        standing = lke.get(unit.pk)
        row = UnitSummary(
            unit=unit,
            province_id=province[unit.pk],
            evidence_verified=evidence[unit.pk].get(Status.VERIFIED, 0),
            evidence_awaiting=evidence[unit.pk].get(Status.PENDING, 0),
        )
        if standing is not None:
            row.lke_year, row.lke_total, row.lke_level = standing.year, standing.total, standing.level
            row.lke_provisional, row.lke_final = standing.provisional, standing.final
            row.lke_wbk, row.lke_draft_year = standing.wbk, standing.draft_year
        rows.append(row)
    return rows


def _plan_figures(plan_ids: list[int], today: date) -> dict[str, dict]:
    steps = (
        ActionStep.objects.with_due()
        .filter(indicator__component__area__plan__in=plan_ids, done_at__isnull=True)
        .order_by()
        .values("indicator__component__area__plan")
        .annotate(overdue=Count("pk", filter=Q(due__lt=today)), next_due=Min("due", filter=Q(due__gte=today)))
    )
    findings = dict(
        Finding.objects.filter(plan__in=plan_ids, status=FindingStatus.OPEN)
        .order_by()
        .values_list("plan")
        .annotate(n=Count("pk"))
    )
    quarters = dict(
        MonevCycle.objects.filter(plan__in=plan_ids, status=CycleStatus.CLOSED)
        .order_by()
        .values_list("plan")
        .annotate(q=Max("quarter"))
    )
    return {
        "progress": plans_progress(plan_ids),
        "areas": areas_progress(plan_ids),
        "steps": {s["indicator__component__area__plan"]: s for s in steps},
        "findings": findings,
        "quarters": quarters,
    }


def year_rows(units: list[Unit], today: date) -> list[YearSummary]:
    """A row per unit and year with a plan or an LKE."""
    ids = [u.pk for u in units]
    rows: dict[tuple[int, int], YearSummary] = {}
    plans = list(Plan.objects.filter(unit__in=ids).values_list("pk", "unit_id", "year"))
    figures = _plan_figures([pk for pk, _u, _y in plans], today)
    for pk, unit_id, year in plans:
        steps = figures["steps"].get(pk, {})
        rows[unit_id, year] = YearSummary(
            unit_id=unit_id,
            year=year,
            plan_id=pk,
            progress=figures["progress"].get(pk),
            areas=figures["areas"].get(pk, {}),
            overdue=steps.get("overdue", 0),
            next_due=steps.get("next_due"),
            as_of=today,
            findings=figures["findings"].get(pk, 0),
            last_quarter=figures["quarters"].get(pk),
        )
    for found in (
        Assessment.objects.filter(unit__in=ids).order_by().values("pk", "unit_id", "year", "stage", "scores")
    ):
        row = rows.setdefault(
            (found["unit_id"], found["year"]),
            YearSummary(unit_id=found["unit_id"], year=found["year"], as_of=today),
        )
        _add_assessment(row, found)
    return list(rows.values())


def _add_assessment(row: YearSummary, found: dict) -> None:
    scores = found["scores"] or {}
    row.assessment_id, row.stage = found["pk"], found["stage"]
    own, tpi = scores.get("mandiri"), scores.get("tpi")
    row.self_total = own.get("total") if own else None
    row.tpi_total = tpi.get("total") if tpi else None
    row.tpi_provisional = bool(tpi and tpi.get("provisional"))
    shown = shown_score(scores)
    if shown is None:
        return
    row.shown_level, used = shown
    row.shown_provisional = bool(used.get("provisional"))
    row.gates = {name: used[name] for name in ("wbk", "wbbm") if used.get(name)}
    row.wbk = (used.get("wbk") or {}).get("eligible")
    row.wbbm = (used.get("wbbm") or {}).get("eligible")


def case_figures(unit_ids: list[int]) -> dict[int, dict]:
    """{unit id: {case kind: {"received", "open", "finished", "refused", "on_time"}}} of the modules whose
    open statistics count their cases (zona.cases.figures.Handled)."""
    out: dict[int, dict] = defaultdict(dict)
    for kind, handled in CASE_FIGURES.items():
        for row in handled(unit_ids):
            counts = out[row.unit_id].setdefault(kind, dict.fromkeys(CASE_COUNTS, 0))
            counts["received"] += 1
            counts["finished" if row.days is not None else "refused" if row.refused else "open"] += 1
            counts["on_time"] += row.on_time
    return out
