"""Peers and early warning at 4,000 units on PostgreSQL: every unit a scored LKE of the year (its
stored score's WBK gates), 40,000 complaints spread over the units (all open and past their
deadline), then the early-warning list for one province and for the nation (query count:
constant in the number of units; median latency), the nation's XLSX as the worker makes it, and
the place page of a province among the 38 and of a regency among its province's.

Run: .venv/bin/python bench/peers.py   (a throw-away database `zona_peers_bench` on
127.0.0.1:5432, BENCH_DB names another, refused unless "bench" is in its name; BENCH_UNITS /
BENCH_CASES to scale down)
"""

import os
import sys
import time

from _setup import django_ready, fresh_postgres, measure_page

fresh_postgres("zona_peers_bench")

django_ready()

from _data import make_units_bulk  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from zona.accounts.models import User  # noqa: E402
from zona.evidence.exports import export_make  # noqa: E402
from zona.evidence.models import ExportJob  # noqa: E402
from zona.ops.national import make_assessments, make_cases  # noqa: E402
from zona.orgs.models import Role, Unit  # noqa: E402
from zona.orgs.services import role_grant  # noqa: E402

UNITS = int(os.environ.get("BENCH_UNITS", 4000))
CASES = int(os.environ.get("BENCH_CASES", 40_000))


def main() -> None:
    year = timezone.localdate().year
    units = make_units_bulk(UNITS)
    make_assessments(units, year)
    make_cases(units, CASES, year - 1)  # received last year: every one open past its deadline
    national = User.objects.create_user("nasional", password="x")
    ri = Unit.objects.get(code="RI")
    role_grant(user=national, unit=ri, role=Role.VIEWER, include_descendants=True)
    client = Client()
    client.force_login(national)
    below = Unit.objects.filter(path__startswith="/RI/SUMSEL/").count() - 1
    q, ms = measure_page(client, f"/pantauan/sumsel/peringatan/?tahun={year}&urut=reasons&arah=turun", 5)
    print(f"early-warning list, one province ({below} units): {ms:.0f} ms median, {q} queries")
    q, ms = measure_page(client, f"/pantauan/ri/peringatan/?tahun={year}&urut=reasons&arah=turun", 5)
    print(f"early-warning list, the nation ({len(units) - 1} units): {ms:.0f} ms median, {q} queries "
          "(the same queries as one province)")  # fmt: skip
    q, ms = measure_page(client, f"/pantauan/sumsel/?tahun={year}", 5)
    print(f"place of a province among the provinces: {ms:.0f} ms median, {q} queries")
    regency = Unit.objects.filter(path__startswith="/RI/SUMSEL/", level="regency").first()
    q, ms = measure_page(client, f"/pantauan/{regency.slug}/?tahun={year}", 5)
    print(f"place of a regency among its province's: {ms:.0f} ms median, {q} queries")
    job = ExportJob.objects.create(kind="peers.warnings", fmt="xlsx", unit=ri, object_id=ri.pk,
                                   params={"year": year, "today": timezone.localdate().isoformat()},
                                   title="bench", requested_by=national)  # fmt: skip
    start = time.perf_counter()
    export_make(job, lambda value: None)  # the worker's part
    print(f"early-warning XLSX (in the worker), {len(units) - 1} units: {job.file.size / 1e6:.2f} MB "
          f"in {time.perf_counter() - start:.1f} s")  # fmt: skip


if __name__ == "__main__":
    main()
    sys.exit(0)
