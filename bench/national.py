"""National scale on PostgreSQL: `zona national-dataset` (4,000 units with full plans, four monev
cycles, LKE assessments, 100,000 complaints, 1,000,000 survey responses), then the national
dashboard and the national LKE recap (target: under 2 s each) and the complaint register of the
unit holding the 100,000 complaints streamed as XLSX (target: peak memory under 150 MB).

Run: .venv/bin/python bench/national.py   (a throw-away database `zona_national` on
127.0.0.1:5432; BENCH_UNITS / BENCH_CASES / BENCH_RESPONSES to scale down)
"""

import os
import subprocess
import sys

DB = "zona_national"
os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{DB}"
for sql in (f"DROP DATABASE IF EXISTS {DB}", f"CREATE DATABASE {DB}"):
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql], check=True)

from _setup import django_ready, measure_page  # noqa: E402

django_ready()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from zona.accounts.models import User  # noqa: E402
from zona.orgs.models import Role, Unit  # noqa: E402
from zona.orgs.services import role_grant  # noqa: E402

EXPORT = """
import os, time, tracemalloc
os.environ['ZONA_EXPORT_MAX_ROWS'] = '200000'  # the register holds 100,000 rows; the default is 50,000
from _setup import django_ready
django_ready()
from zona.accounts.models import User
from zona.evidence.exports import export_make
from zona.evidence.models import ExportJob
from zona.orgs.models import Unit
user, unit = User.objects.get(username='petugas'), Unit.objects.get(code='SUMSEL')
def run():  # what the background worker does with the job the register page queues
    job = ExportJob.objects.create(kind='complaints.register', fmt='xlsx', unit=unit, object_id=unit.pk,
                                   params={'start': '2023-01-01', 'end': '2023-12-31'}, title='bench',
                                   requested_by=user)
    export_make(job, lambda value: None)
    return job.file.size
def status(key):
    line = next(l for l in open('/proc/self/status') if l.startswith(key))
    return int(line.split()[1]) / 1024
open('/proc/self/clear_refs', 'w').write('5')  # the peak (VmHWM) restarts from here
idle = status('VmRSS')
start = time.perf_counter()
size = run()
elapsed = time.perf_counter() - start
peak = status('VmHWM')
tracemalloc.start()  # a second run, traced (tracing slows it down)
run()
peak_python = tracemalloc.get_traced_memory()[1]
print(size / 1e6, elapsed, peak_python / 1e6, idle, peak)
"""


def main() -> None:
    sizes = {
        "units": int(os.environ.get("BENCH_UNITS", 4000)),
        "cases": int(os.environ.get("BENCH_CASES", 100_000)),
        "responses": int(os.environ.get("BENCH_RESPONSES", 1_000_000)),
    }
    call_command("national_dataset", **sizes)
    national = User.objects.create_user("nasional", password="x")
    ri = Unit.objects.get(code="RI")
    role_grant(user=national, unit=ri, role=Role.REVIEWER, include_descendants=True)
    officer = User.objects.create_user("petugas", password="x")
    role_grant(user=officer, unit=Unit.objects.get(code="SUMSEL"), role=Role.COMPLAINT_OFFICER)
    client = Client()
    client.force_login(national)
    units = Unit.objects.count()
    q, ms = measure_page(client, "/monev/dasbor/ri/?tahun=2023&urut=progress&arah=turun", 5)
    print(f"national dashboard, {units} units: {ms:.0f} ms median, {q} queries (target < 2 s)")
    q, ms = measure_page(client, "/lke/rekap/ri/2023/", 5)
    print(f"national LKE recap, {units} assessments: {ms:.0f} ms median, {q} queries (target < 2 s)")
    rows = Unit.objects.get(code="SUMSEL").cases.count()
    connection.close()
    # the export in a process of its own, as the background worker makes it: its peak is the export's
    out = subprocess.run(
        [sys.executable, "-c", EXPORT], cwd=os.path.dirname(__file__), env=os.environ, capture_output=True,
        text=True, check=True,
    ).stdout.split()  # fmt: skip
    size, elapsed, python_peak, idle, peak = (float(v) for v in out[-5:])
    memory = f"Python peak {python_peak:.0f} MB; the worker {idle:.0f} MB before, peak {peak:.0f} MB"
    print(
        f"complaint register XLSX (in the worker), {rows} rows: {size:.1f} MB in {elapsed:.1f} s; "
        f"{memory} (target < 150 MB)"
    )


if __name__ == "__main__":
    main()
    sys.exit(0)
