"""The national view of the risk registers and the recap registers at 4,000 units: every unit a
risk register of 8 risks with a control action each (half reported in the quarter's monev cycle)
and 30 recap entries with its headcount. Prints the query count of both roll-up pages for one
province and for the whole country (target: constant in the number of units), their median
latency, and the time of the roll-up itself.

Run: .venv/bin/python bench/registers_national.py   (DATABASE_URL=postgres://… for PostgreSQL)
"""

import time
from datetime import date

from _setup import django_ready, measure_page, median_ms

django_ready()

from _data import make_units_bulk  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from zona.accounts.models import User  # noqa: E402
from zona.monev.models import MonevCycle  # noqa: E402
from zona.orgs.models import Role, Unit  # noqa: E402
from zona.orgs.services import role_grant  # noqa: E402
from zona.plans.models import Plan  # noqa: E402
from zona.registers import services as registers  # noqa: E402
from zona.registers.models import Entry, Headcount  # noqa: E402
from zona.risks import services as risks  # noqa: E402
from zona.risks.matrix import scheme  # noqa: E402
from zona.risks.models import ControlAction, Realisation, Register, Risk  # noqa: E402

UNITS = 4_000
YEAR = 2026


def fill(units: list[Unit]) -> None:
    matrix = scheme().default
    registers_ = Register.objects.bulk_create(
        [Register(unit=u, year=YEAR, matrix=matrix.name) for u in units]
    )
    made = []
    for register in registers_:
        for n in range(8):
            likelihood, impact = n % 5 + 1, (n * 2) % 5 + 1
            level = matrix.level(likelihood, impact)
            risk = Risk(register=register, code=f"R{n:02d}", objective="Sasaran", statement=f"Risiko {n}")
            risk.likelihood, risk.impact, risk.inherent_level = likelihood, impact, level
            made.append(risk)
    made = Risk.objects.bulk_create(made, batch_size=2000)
    due = [date(YEAR, month, 28) for month in (1, 4, 7, 10)]
    actions = ControlAction.objects.bulk_create(
        [ControlAction(risk=r, response="kurangi", activity="Pengendalian", target_end=due[i % 4])
         for i, r in enumerate(made)],
        batch_size=2000,
    )  # fmt: skip
    plans = Plan.objects.bulk_create([Plan(unit=u, year=YEAR, decree_number="1") for u in units])
    cycles = {
        c.plan.unit_id: c
        for c in MonevCycle.objects.bulk_create([MonevCycle(plan=p, quarter=1) for p in plans])
    }
    unit_of = {r.pk: r.unit_id for r in registers_}
    Realisation.objects.bulk_create(
        [Realisation(action=a, cycle=cycles[unit_of[a.risk.register_id]], status="berjalan", progress=50)
         for a in actions[::2]], batch_size=2000,
    )  # fmt: skip
    kinds = ["pelatihan", "disiplin", "lhkpn", "buku_tamu", "layanan_dipermudah"]
    Entry.objects.bulk_create(
        [Entry(unit=u, kind=kinds[n % 5], year=YEAR, day=date(YEAR, n % 12 + 1, 5), values={"n": n})
         for u in units for n in range(30)], batch_size=5000,
    )  # fmt: skip
    Headcount.objects.bulk_create([Headcount(unit=u, year=YEAR, employees=40) for u in units])
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # what autovacuum does after a bulk load


def rollup_ms(function, unit, rounds=5) -> float:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        function(unit, YEAR)
        samples.append(time.perf_counter() - start)
    return median_ms(samples)


def main() -> None:
    started = time.perf_counter()
    units = make_units_bulk(UNITS)
    fill(units)
    national = User.objects.create_user("national", password="x")
    role_grant(user=national, unit=Unit.objects.get(code="RI"), role=Role.VIEWER, include_descendants=True)
    client = Client()
    client.force_login(national)
    ri, sumsel = Unit.objects.get(code="RI"), Unit.objects.get(code="SUMSEL")
    below = Unit.objects.filter(path__startswith=sumsel.path).count()
    built = time.perf_counter() - started
    print(
        f"data: {Unit.objects.count()} units, {Risk.objects.count()} risks, {ControlAction.objects.count()} "
        f"control actions, {Entry.objects.count()} recap entries (built in {built:.0f} s) "
        f"on {connection.vendor}"
    )
    print("each page shows the totals of every unit and 100 units a page")
    for name, path in (("risk registers", f"/risiko/{{}}/{YEAR}/unit-bawahan/"),
                       ("recap registers", f"/rekap/{{}}/unit-bawahan/?tahun={YEAR}")):  # fmt: skip
        few_q, few_ms = measure_page(client, path.format(sumsel.slug), 5)
        all_q, all_ms = measure_page(client, path.format(ri.slug), 5)
        print(f"{name} page queries: {few_q} for {below} units, {all_q} for {UNITS} units (target: constant)")
        print(f"{name} page median: {few_ms:.0f} ms for {below} units, {all_ms:.0f} ms for {UNITS} units")
    print(f"risk roll-up of {UNITS} units (service): {rollup_ms(risks.rollup, ri):.0f} ms")
    print(f"recap roll-up of {UNITS} units (service): {rollup_ms(registers.rollup, ri):.0f} ms")


if __name__ == "__main__":
    main()
