"""The national dashboard: 553 units × full plans × 4 closed monev cycles. Prints the query
count with few and with all units (target: constant, at most 20) and the median latency
(target: under 250 ms on SQLite, 2 cores).

Run: .venv/bin/python bench/dashboard.py   (DATABASE_URL=postgres://… for PostgreSQL)
"""

import time

from _setup import django_ready, measure_page

django_ready()

from _data import UNITS, close_four_cycles, make_plans, make_units  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from zona.accounts.models import User  # noqa: E402
from zona.monev.models import MonevCycle  # noqa: E402
from zona.orgs.models import Role, Unit  # noqa: E402
from zona.orgs.services import role_grant  # noqa: E402
from zona.plans.models import Plan  # noqa: E402
from zona.rollups.services import rebuild  # noqa: E402


def main() -> None:
    started = time.perf_counter()
    units = make_units()
    national = User.objects.create_user("national", password="x")
    role_grant(user=national, unit=Unit.objects.get(code="RI"), role=Role.VIEWER, include_descendants=True)
    client = Client()
    client.force_login(national)
    url = "/monev/dasbor/ri/?tahun=2023&urut=progress&arah=turun"
    # the national office's own plan is on the page in both measurements
    sumsel = [u for u in units if u.path.startswith("/RI/SUMSEL/") or u.code == "RI"]
    make_plans(sumsel, evidence=3_000)
    close_four_cycles(list(Plan.objects.all()))
    rebuild()  # the plans were bulk-created (no change signal): the page's summaries rebuilt
    few_queries, few_ms = measure_page(client, url, 10)
    few = Plan.objects.count()
    rest = [u for u in units if u not in sumsel]
    make_plans(rest, evidence=97_000)
    close_four_cycles(list(Plan.objects.exclude(unit__in=sumsel)))
    rebuild()
    built = time.perf_counter() - started
    all_queries, all_ms = measure_page(client, url, 20)
    print(
        f"data: {Unit.objects.count()} units, {Plan.objects.count()} plans, "
        f"{MonevCycle.objects.count()} closed cycles (built in {built:.0f} s) on {connection.vendor}"
    )
    print(
        f"national dashboard queries: {few_queries} with {few} plans, "
        f"{all_queries} with {Plan.objects.count()} plans (target: constant, <= 20)"
    )
    print(
        f"national dashboard median latency: {few_ms:.0f} ms with {few} plans, {all_ms:.0f} ms with "
        f"{UNITS} units (target < 250 ms)"
    )


if __name__ == "__main__":
    main()
