"""The plan overview page at national scale: 553 units each with the seed's full plan and
100,000 evidence records. Prints the query count at small and at full scale (target: constant,
at most 15) and the median latency (target: under 80 ms on SQLite, 2 cores).

Run: .venv/bin/python bench/plan_overview.py   (DATABASE_URL=postgres://… for PostgreSQL)
"""

import time

from _setup import django_ready, measure_page

django_ready()

from _data import EVIDENCE, UNITS, make_plans, make_units  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from zona.accounts.models import User  # noqa: E402
from zona.evidence.models import EvidenceItem  # noqa: E402
from zona.orgs.models import Level, Role, Unit  # noqa: E402
from zona.orgs.services import role_grant, unit_create  # noqa: E402
from zona.plans.models import ActionStep, Indicator, Plan  # noqa: E402


def main() -> None:
    started = time.perf_counter()
    small_unit = unit_create(code="BENCH", name="Bench unit", level=Level.NATIONAL)
    viewer = User.objects.create_user("bench", password="x")
    role_grant(user=viewer, unit=small_unit, role=Role.VIEWER, include_descendants=True)
    make_plans([small_unit], evidence=200)
    client = Client()
    client.force_login(viewer)
    plan = Plan.objects.get(unit=small_unit)
    small_queries, small_ms = measure_page(client, f"/rencana/{plan.pk}/", 20)

    units = [u for u in make_units() if u.pk != small_unit.pk]
    make_plans(units, evidence=EVIDENCE)
    built = time.perf_counter() - started
    national = User.objects.create_user("national", password="x")
    role_grant(user=national, unit=Unit.objects.get(code="RI"), role=Role.VIEWER, include_descendants=True)
    client.force_login(national)
    big_plan = Plan.objects.get(unit__code="SUMSEL")
    big_queries, big_ms = measure_page(client, f"/rencana/{big_plan.pk}/", 50)
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
