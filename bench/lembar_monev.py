"""The Lembar Monev ZI of one full plan (the seed's 43 indicators, every step reported, 4
findings) as XLSX (target: under 2 s) and PDF. Run: .venv/bin/python bench/lembar_monev.py"""

import time
from datetime import date

from _setup import django_ready, median_ms

django_ready()

from _data import make_plans  # noqa: E402

from zona.accounts.models import User  # noqa: E402
from zona.monev.exporters import lembar_pdf, lembar_xlsx  # noqa: E402
from zona.monev.services import cycle_close, cycle_open, finding_create, step_report  # noqa: E402
from zona.orgs.models import Level, Role  # noqa: E402
from zona.orgs.services import role_grant, unit_create  # noqa: E402
from zona.plans.models import ActionStep, Plan  # noqa: E402

unit = unit_create(code="SUMSEL", name="KPU Provinsi Sumatera Selatan", level=Level.PROVINCE)
make_plans([unit], evidence=400)
plan = Plan.objects.get()
user = User.objects.create_user("koordinator", password="x")
role_grant(user=user, unit=unit, role=Role.COORDINATOR)
cycle = cycle_open(plan=plan, quarter=2, by=user)
for n, step in enumerate(ActionStep.objects.filter(indicator__component__area__plan=plan)):
    step_report(cycle=cycle, step=step, status="berjalan", progress=n % 100, note=f"catatan {n}", by=user)
for n in range(4):
    finding_create(plan=plan, title=f"Temuan {n}", owner=user, due_date=date(2023, 6, 30), by=user)
cycle = cycle_close(cycle=cycle, by=user)
data = cycle.snapshot

for name, render, rounds in (("XLSX", lembar_xlsx, 10), ("PDF", lembar_pdf, 3)):
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        content = render(data)
        samples.append(time.perf_counter() - start)
    target = " (target < 2000 ms)" if name == "XLSX" else ""
    print(
        f"Lembar Monev {name} of one full plan: median {median_ms(samples):.0f} ms, "
        f"{len(content)} bytes{target}"
    )
