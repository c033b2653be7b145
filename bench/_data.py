"""Data at national scale for benchmarks: the KPU unit tree grown to N units, each with the
seed decree's full plan, and evidence records spread over the indicators."""

import os
import random

from _setup import ROOT
from django.utils import timezone

from zona.evidence.models import EvidenceItem, Kind, Status
from zona.monev.models import CycleStatus, MonevCycle
from zona.monev.snapshot import snapshot_build
from zona.orgs.loaders import units_load
from zona.orgs.models import Level, Unit
from zona.orgs.services import unit_create
from zona.plans.importers import read_plan
from zona.plans.models import ActionStep, Component, Indicator, Plan, PlanArea

UNITS = int(os.environ.get("BENCH_UNITS", 553))
EVIDENCE = 100_000
SEED = ROOT / "zona" / "plans" / "fixtures" / "sk-34-2023-kpu-sumsel.md"
rng = random.Random(2023)
parsed = read_plan(SEED.read_bytes(), SEED.name)


def make_units() -> list[Unit]:
    units_load()  # RI, 38 provinces, 17 regencies/cities of Sumsel = 56
    provinces = list(Unit.objects.filter(level=Level.PROVINCE))
    existing = Unit.objects.exclude(code="BENCH").count()
    for index in range(UNITS - existing):
        parent = provinces[index % len(provinces)]
        unit_create(
            code=f"{parent.code}-K{index:03d}",
            name=f"KPU Kabupaten {index}",
            level=Level.REGENCY,
            parent=parent,
        )
    return list(Unit.objects.all())


def make_plans(units: list[Unit], evidence: int) -> None:
    """Bulk-copy the seed's plan to every unit (the import service is measured elsewhere)."""
    plans = Plan.objects.bulk_create(Plan(unit=u, year=2023, decree_number="34 TAHUN 2023") for u in units)
    areas = PlanArea.objects.bulk_create(
        PlanArea(plan=p, code=a.code, name=a.name, priorities=a.priorities)
        for p in plans
        for a in parsed.areas
    )
    components = Component.objects.bulk_create(
        Component(area=area, number=c.number, name=c.name, order=i)
        for area in areas
        for i, c in enumerate(next(a for a in parsed.areas if a.code == area.code).components)
    )
    shape = {(a.code, c.number): c for a in parsed.areas for c in a.components}
    indicators = Indicator.objects.bulk_create(
        (
            Indicator(
                component=comp,
                text=i.text,
                evidence_text=i.evidence,
                target_text=i.target.text,
                target_start=i.target.start,
                target_end=i.target.end,
                order=n,
            ),
            i.actions,
        )[0]
        for comp in components
        for n, i in enumerate(shape[(comp.area.code, comp.number)].indicators)
    )
    by_text = {i.text: i.actions for a in parsed.areas for c in a.components for i in c.indicators}
    now = timezone.now()
    ActionStep.objects.bulk_create(
        (
            ActionStep(indicator=ind, text=t, order=n, done_at=now if rng.random() < 0.4 else None)
            for ind in indicators
            for n, t in enumerate(by_text[ind.text])
        ),
        batch_size=5000,
    )
    unit_ids = {p.pk: p.unit_id for p in plans}
    area_plan = {a.pk: a.plan_id for a in areas}
    comp_unit = {c.pk: unit_ids[area_plan[c.area_id]] for c in components}
    items = EvidenceItem.objects.bulk_create(
        (
            EvidenceItem(
                unit_id=comp_unit[ind.component_id],
                title=f"Bukti {k}",
                kind=Kind.LINK,
                url="https://example.org/b",
                status=rng.choice(list(Status.values)),
            )
            for k, ind in ((k, rng.choice(indicators)) for k in range(evidence))
        ),
        batch_size=5000,
    )
    through = Indicator.evidence.through
    by_unit: dict[int, list[Indicator]] = {}
    for ind in indicators:
        by_unit.setdefault(comp_unit[ind.component_id], []).append(ind)
    through.objects.bulk_create(
        (
            through(indicator_id=rng.choice(by_unit[item.unit_id]).pk, evidenceitem_id=item.pk)
            for item in items
        ),
        batch_size=5000,
        ignore_conflicts=True,
    )


def close_four_cycles(plans: list[Plan]) -> None:
    """Four closed quarters per plan, each with a full-size snapshot."""
    sample = MonevCycle.objects.create(plan=plans[0], quarter=1)
    snapshot = snapshot_build(sample)
    sample.delete()
    MonevCycle.objects.bulk_create(
        (
            MonevCycle(plan=plan, quarter=q, status=CycleStatus.CLOSED, snapshot=snapshot, progress=q / 5)
            for plan in plans
            for q in range(1, 5)
        ),
        batch_size=500,
    )
