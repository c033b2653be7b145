"""The Lembar Monev data of a cycle: built live for an open cycle, frozen into JSON at close.

One shape serves the cycle page, the comparison between quarters and the XLSX/PDF exports.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Count, Prefetch, Q

from zona.evidence.models import Status as EvidenceStatus
from zona.plans.models import ActionStep, Component, Indicator
from zona.plans.progress import Facts, indicator_progress, mean_progress

from .models import Finding, MonevCycle, ReportStatus, StepReport

# 2: a step's status and progress are the step's own (1: the report's; "" when not reported)
SNAPSHOT_VERSION = 2


def snapshot_build(cycle: MonevCycle) -> dict[str, Any]:
    """The cycle's data: the plan's tree with each step's status and this cycle's report, the
    progress of every node, the findings and the counts."""
    plan = cycle.plan
    reports = {
        r.step_id: r for r in StepReport.objects.filter(cycle=cycle).annotate(n_evidence=Count("evidence"))
    }
    areas = _areas(plan, _components(plan, _indicators(plan, reports)))
    findings = _findings(plan)
    return {
        "version": SNAPSHOT_VERSION,
        "unit": plan.unit.name,
        "unit_code": plan.unit.code,
        "year": plan.year,
        "quarter": cycle.quarter,
        "decree_number": plan.decree_number,
        "summary": cycle.summary,
        "progress": mean_progress(
            i["progress"] for a in areas for c in a["components"] for i in c["indicators"]
        ),
        "counts": _counts(areas, findings),
        "areas": areas,
        "findings": findings,
    }


def _step_row(step: ActionStep, report: StepReport | None) -> dict[str, Any]:
    """A step as the cycle shows it: its own status and progress (the one source of truth), and
    whether, with what note and evidence, it was reported in this cycle."""
    return {
        "id": step.pk,
        "text": step.text,
        "pic": str(step.pic) if step.pic_id else "",
        "status": step.status,
        "status_label": str(ReportStatus(step.status).label),
        "progress": step.progress,
        "done": step.is_done,
        "reported": report is not None,
        "note": report.note if report else "",
        "reopen_reason": report.reopen_reason if report else "",
        "evidence": report.n_evidence if report else 0,
    }


def _indicators(plan, reports: dict[int, StepReport]) -> dict[int, list[dict[str, Any]]]:
    """The indicators with their steps and progress, by component."""
    indicators = (
        Indicator.objects.filter(component__area__plan=plan)
        .with_progress_facts()
        .annotate(
            evidence_total=Count("evidence", distinct=True),
            evidence_verified=Count(
                "evidence", filter=Q(evidence__status=EvidenceStatus.VERIFIED), distinct=True
            ),
        )
        .prefetch_related(Prefetch("steps", queryset=ActionStep.objects.select_related("pic")))
        .order_by("component__order", "order")
    )
    by_component: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for indicator in indicators:
        by_component[indicator.component_id].append(
            {
                "id": indicator.pk,
                "text": indicator.text,
                "target": indicator.target_text,
                "evidence_required": indicator.evidence_text,
                "evidence_total": indicator.evidence_total,
                "evidence_verified": indicator.evidence_verified,
                "progress": indicator_progress(
                    Facts(indicator.steps_total, indicator.steps_done, indicator.has_verified)
                ),
                "steps": [_step_row(step, reports.get(step.pk)) for step in indicator.steps.all()],
            }
        )
    return by_component


def _components(plan, by_component: dict[int, list[dict[str, Any]]]) -> dict[int, list[dict[str, Any]]]:
    """The components with their indicators and progress, by area."""
    components: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for component in Component.objects.filter(area__plan=plan).order_by("order"):
        items = by_component.get(component.pk, [])
        components[component.area_id].append(
            {
                "number": component.number,
                "name": component.name,
                "indicators": items,
                "progress": mean_progress(i["progress"] for i in items),
            }
        )
    return components


def _areas(plan, components: dict[int, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """The areas, each with the mean progress over every indicator beneath it."""
    return [
        {
            "code": area.code,
            "name": area.name,
            "progress": mean_progress(
                i["progress"] for c in components.get(area.pk, []) for i in c["indicators"]
            ),
            "components": components.get(area.pk, []),
        }
        for area in plan.areas.all()
    ]


def _findings(plan) -> list[dict[str, Any]]:
    return [
        {
            "id": f.pk,
            "title": f.title,
            "owner": str(f.owner),
            "due_date": f.due_date.isoformat(),
            "status": f.status,
            "follow_up": f.follow_up,
            "evidence": f.n_evidence,
        }
        for f in Finding.objects.filter(plan=plan)
        .select_related("owner")
        .annotate(n_evidence=Count("evidence"))
        .order_by("status", "due_date", "pk")
    ]


def _counts(areas: list[dict[str, Any]], findings: list[dict[str, Any]]) -> dict[str, int]:
    """Steps, those reported in this cycle, steps per status, open findings."""
    steps = [s for a in areas for c in a["components"] for i in c["indicators"] for s in i["steps"]]
    return {
        "steps": len(steps),
        "reported": sum(1 for s in steps if s["reported"]),
        **{status: sum(1 for s in steps if s["status"] == status) for status in ReportStatus.values},
        "findings_open": sum(1 for f in findings if f["status"] == "open"),
    }


def cycle_data(cycle: MonevCycle) -> dict[str, Any]:
    """The frozen snapshot of a closed cycle, or the live data of an open one."""
    return cycle.snapshot if cycle.is_closed and cycle.snapshot else snapshot_build(cycle)


def only_steps(data: dict[str, Any], keep: set[int]) -> dict[str, Any]:
    """The cycle's data holding only the steps in `keep` ("hanya langkah saya"): indicators,
    components and areas left without a step are left out; progress figures stay the plan's."""
    areas = []
    for area in data["areas"]:
        components = []
        for component in area["components"]:
            indicators = [
                {**ind, "steps": [s for s in ind["steps"] if s["id"] in keep]}
                for ind in component["indicators"]
            ]
            indicators = [ind for ind in indicators if ind["steps"]]
            if indicators:
                components.append({**component, "indicators": indicators})
        if components:
            areas.append({**area, "components": components})
    return {**data, "areas": areas}
