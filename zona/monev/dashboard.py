"""Dashboard reads: one unit's plan at a glance, and every unit below it in one table.

Query counts do not grow with the number of units: aggregates are grouped by plan."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, OuterRef, Q, Subquery

from zona.evidence.models import EvidenceItem
from zona.orgs.models import Unit
from zona.plans.models import ActionStep, Plan
from zona.plans.selectors import plan_tree, plans_progress

from .models import CycleStatus, Finding, FindingStatus, MonevCycle


def plan_overview(plan: Plan, today: date) -> dict:
    steps = ActionStep.objects.with_due().filter(indicator__component__area__plan=plan, done_at__isnull=True)
    overdue = list(steps.filter(due__lt=today).select_related("indicator", "pic").order_by("due", "pk"))
    evidence = (
        EvidenceItem.objects.filter(indicators__component__area__plan=plan)
        .order_by()
        .values("status")
        .annotate(n=Count("pk", distinct=True))
    )
    cycles = list(plan.cycles.filter(status=CycleStatus.CLOSED).order_by("quarter"))
    return {
        "tree": plan_tree(plan),
        "overdue": overdue[:20],
        "overdue_count": len(overdue),
        "evidence": {row["status"]: row["n"] for row in evidence},
        "findings": list(
            Finding.objects.open().filter(plan=plan).select_related("owner").order_by("due_date")
        ),
        "trend": [
            {
                "label": f"TW {c.quarter}",
                "progress": round((c.progress or 0) * 100, 1),
                "areas": {a["code"]: round(a["progress"] * 100, 1) for a in c.snapshot.get("areas", [])},
            }
            for c in cycles
        ],
    }


@dataclass
class UnitRow:
    unit: Unit
    plan_id: int | None
    progress: float | None
    overdue: int
    findings: int
    last_cycle: str


SORTS = {
    "name": lambda r: r.unit.name.lower(),
    "progress": lambda r: -1 if r.progress is None else r.progress,
    "overdue": lambda r: r.overdue,
    "findings": lambda r: r.findings,
}


def descendant_rows(
    unit: Unit,
    *,
    year: int,
    today: date,
    query: str = "",
    level: str = "",
    sort: str = "name",
    descending: bool = False,
) -> list[UnitRow]:
    units = Unit.objects.filter(path__startswith=unit.path).exclude(pk=unit.pk)
    if query:
        units = units.filter(Q(name__icontains=query) | Q(code__icontains=query))
    if level:
        units = units.filter(level=level)
    last_cycle = MonevCycle.objects.filter(plan=OuterRef("pk"), status=CycleStatus.CLOSED).order_by(
        "-quarter"
    )
    plans = {
        p["unit_id"]: p
        for p in Plan.objects.filter(unit__in=units, year=year)
        .annotate(last_quarter=Subquery(last_cycle.values("quarter")[:1]))
        .values("pk", "unit_id", "last_quarter")
    }
    plan_ids = [p["pk"] for p in plans.values()]
    progress = plans_progress(plan_ids)
    overdue = dict(
        ActionStep.objects.with_due()
        .filter(
            indicator__component__area__plan__in=plan_ids,
            done_at__isnull=True,
            due__lt=today,
        )
        .order_by()
        .values_list("indicator__component__area__plan")
        .annotate(n=Count("pk"))
    )
    findings = dict(
        Finding.objects.filter(plan__in=plan_ids, status=FindingStatus.OPEN)
        .order_by()
        .values_list("plan")
        .annotate(n=Count("pk"))
    )
    rows = []
    for item in units:
        plan = plans.get(item.pk)
        plan_id = plan["pk"] if plan else None
        rows.append(
            UnitRow(
                unit=item,
                plan_id=plan_id,
                progress=progress.get(plan_id) if plan_id else None,
                overdue=overdue.get(plan_id, 0),
                findings=findings.get(plan_id, 0),
                last_cycle=f"TW {plan['last_quarter']}" if plan and plan["last_quarter"] else "",
            )
        )
    rows.sort(key=SORTS.get(sort, SORTS["name"]), reverse=descending)
    return rows
