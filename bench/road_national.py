"""The road's national table at 4,000 units on PostgreSQL: every unit an LKE of the year with
its last forecast (the three scenarios' totals and gates), then the table for one province and
for the whole country (query count: constant in the number of units; median latency, target
< 2 s), the XLSX of the country's table as the background worker makes it, and the forecast of
one full assessment (what the nightly job repeats per unit).

Run: .venv/bin/python bench/road_national.py   (a throw-away database `zona_road` on
127.0.0.1:5432, BENCH_DB names another, refused unless "bench" is in its name; BENCH_UNITS to scale down)
"""

import os
import sys
import time
from datetime import date

from _setup import django_ready, fresh_postgres, measure_page, median_ms

fresh_postgres("zona_road")

django_ready()

from _data import make_units_bulk  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from zona.accounts.models import User  # noqa: E402
from zona.evidence.exports import export_make  # noqa: E402
from zona.evidence.models import ExportJob  # noqa: E402
from zona.lke.models import Answer, Assessment  # noqa: E402
from zona.ops.national import make_assessments  # noqa: E402
from zona.orgs.models import Role, Unit  # noqa: E402
from zona.orgs.services import role_grant  # noqa: E402
from zona.road.models import ForecastSnapshot  # noqa: E402
from zona.road.snapshots import forecast_refresh  # noqa: E402

UNITS = int(os.environ.get("BENCH_UNITS", 4000))
YEAR = 2026
TODAY = date(YEAR, 3, 1)


def main() -> None:
    units = make_units_bulk(UNITS)
    make_assessments(units, YEAR)
    first = Assessment.objects.get(unit=units[0], year=YEAR)
    answers = Answer.objects.filter(assessment=first).count()
    samples = []
    for _ in range(5):
        start = time.perf_counter()
        result = forecast_refresh(first, today=TODAY)
        samples.append(time.perf_counter() - start)
    summary = ForecastSnapshot.objects.get(assessment=first).summary
    now = timezone.now()
    snapshots = []
    for n, assessment in enumerate(Assessment.objects.filter(year=YEAR).exclude(pk=first.pk)):
        varied = {**summary, "today": {**summary["today"], "total": summary["today"]["total"] - n % 50}}
        snapshots.append(ForecastSnapshot(assessment=assessment, computed_at=now, summary=varied))
    ForecastSnapshot.objects.bulk_create(snapshots, batch_size=2000)
    moving = sum(len(s.moves) for s in result.scenarios.values())
    one = median_ms(samples)
    print(f"forecast of one assessment ({answers} answers, {moving} moves): {one:.0f} ms median; "
          f"the nightly job for {len(units)} units ≈ {one * len(units) / 1000:.0f} s")  # fmt: skip
    national = User.objects.create_user("nasional", password="x")
    role_grant(
        user=national, unit=Unit.objects.get(code="RI"), role=Role.COORDINATOR, include_descendants=True
    )
    client = Client()
    client.force_login(national)
    q, ms = measure_page(client, f"/jalan-wbk/sumsel/unit/?tahun={YEAR}&urut=today&arah=turun", 5)
    below = Assessment.objects.filter(unit__path__startswith="/RI/SUMSEL/", year=YEAR).count()
    print(f"road table, one province ({below} units): {ms:.0f} ms median, {q} queries")
    q, ms = measure_page(client, f"/jalan-wbk/ri/unit/?tahun={YEAR}&urut=today&arah=turun", 5)
    print(f"road table, the nation ({len(units) - 1} units): {ms:.0f} ms median, {q} queries (target < 2 s, "
          "the same queries as one province)")  # fmt: skip
    job = ExportJob.objects.create(kind="road.national", fmt="xlsx", unit=Unit.objects.get(code="RI"),
                                   object_id=Unit.objects.get(code="RI").pk, params={"year": YEAR},
                                   title="bench", requested_by=national)  # fmt: skip
    start = time.perf_counter()
    export_make(job, lambda value: None)  # the worker's part: the file is on the job (not yet saved)
    print(f"road table XLSX (in the worker), {len(units) - 1} units: {job.file.size / 1e6:.1f} MB "
          f"in {time.perf_counter() - start:.1f} s")  # fmt: skip


if __name__ == "__main__":
    main()
    sys.exit(0)
