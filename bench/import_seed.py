"""Importing the seed decree in-process (target: under 100 ms). Run: .venv/bin/python bench/import_seed.py"""

import time

from _setup import ROOT, django_ready, median_ms

django_ready()

from django.db import transaction  # noqa: E402

from zona.orgs.models import Level  # noqa: E402
from zona.orgs.services import unit_create  # noqa: E402
from zona.plans.importers import read_plan  # noqa: E402
from zona.plans.services import plan_import  # noqa: E402

SEED = ROOT / "zona" / "plans" / "fixtures" / "sk-34-2023-kpu-sumsel.md"
data = SEED.read_bytes()
unit = unit_create(code="SUMSEL", name="KPU Provinsi Sumatera Selatan", level=Level.PROVINCE)


class Rollback(Exception):
    pass


read_times, total_times = [], []
for _ in range(30):
    start = time.perf_counter()
    parsed = read_plan(data, SEED.name)
    read_times.append(time.perf_counter() - start)
    try:
        with transaction.atomic():
            plan_import(parsed=parsed, unit=unit, by=None, source_name=SEED.name)
            total_times.append(time.perf_counter() - start)
            raise Rollback
    except Rollback:
        pass

print(f"seed import, read + check only (--dry-run): median {median_ms(read_times):.1f} ms")
print(
    f"seed import, read + save (6 areas, 22 components, 43 indicators): "
    f"median {median_ms(total_times):.1f} ms (target < 100 ms)"
)
