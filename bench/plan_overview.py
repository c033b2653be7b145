"""The plan overview page at national scale: 553 units each with the seed's full plan and
100,000 evidence records. Prints the query count at small and at full scale (target: constant,
at most 15) and the median latency (target: under 80 ms on SQLite, 2 cores).

Run: .venv/bin/python bench/plan_overview.py   (DATABASE_URL=postgres://… for PostgreSQL)
"""

import random
import time

from _setup import ROOT, django_ready, median_ms

django_ready()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from zona.accounts.models import User  # noqa: E402
from zona.evidence.models import EvidenceItem, Kind, Status  # noqa: E402
from zona.orgs.loaders import units_load  # noqa: E402
from zona.orgs.models import Level, Role, Unit  # noqa: E402
from zona.orgs.services import role_grant, unit_create  # noqa: E402
from zona.plans.importers import read_plan  # noqa: E402
from zona.plans.models import ActionStep, Component, Indicator, Plan, PlanArea  # noqa: E402

UNITS = int(__import__("os").environ.get("BENCH_UNITS", 553))
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


def measure(client: Client, plan: Plan, rounds: int) -> tuple[int, float]:
    url = f"/rencana/{plan.pk}/"
    queries: list[str] = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"overview answered {response.status_code}")
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        client.get(url)
        samples.append(time.perf_counter() - start)
    return len(queries), median_ms(samples)


def main() -> None:
    started = time.perf_counter()
    small_unit = unit_create(code="BENCH", name="Bench unit", level=Level.NATIONAL)
    viewer = User.objects.create_user("bench", password="x")
    role_grant(user=viewer, unit=small_unit, role=Role.VIEWER, include_descendants=True)
    make_plans([small_unit], evidence=200)
    client = Client()
    client.force_login(viewer)
    plan = Plan.objects.get(unit=small_unit)
    small_queries, small_ms = measure(client, plan, 20)

    units = [u for u in make_units() if u.pk != small_unit.pk]
    make_plans(units, evidence=EVIDENCE)
    built = time.perf_counter() - started
    national = User.objects.create_user("national", password="x")
    role_grant(user=national, unit=Unit.objects.get(code="RI"), role=Role.VIEWER, include_descendants=True)
    client.force_login(national)
    big_plan = Plan.objects.get(unit__code="SUMSEL")
    big_queries, big_ms = measure(client, big_plan, 50)
    print(
        f"data: {Plan.objects.count()} plans, {Indicator.objects.count()} indicators, "
        f"{ActionStep.objects.count()} steps, {EvidenceItem.objects.count()} evidence records "
        f"(built in {built:.0f} s) on {connection.vendor}"
    )
    print(
        f"plan overview queries: {small_queries} with 1 plan, {big_queries} with {UNITS + 1} plans "
        f"(target: constant, <= 15)"
    )
    print(
        f"plan overview median latency: {small_ms:.1f} ms with 1 plan, {big_ms:.1f} ms at national scale "
        f"(target < 80 ms)"
    )


if __name__ == "__main__":
    main()
