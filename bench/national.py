"""National scale: `zona national-dataset` (4,000 units with full plans, four monev cycles, LKE
assessments, 100,000 complaints, 1,000,000 survey responses; the national pages' summaries rebuilt
at its end), then
- the summaries' rebuild of every unit (`zona rollups rebuild`),
- the national dashboard and the national LKE recap, each sorted and filtered several ways (target:
  a median of 300 ms each; the queries of one province's page equal the country's),
- the complaint register of the unit holding the 100,000 complaints made as XLSX the way the
  background worker makes it, in a process of its own (target: 5 s, peak memory under 150 MB).

Run: .venv/bin/python bench/national.py   (PostgreSQL: a throw-away database `zona_national` on
127.0.0.1:5432, BENCH_PG_NAME to name it otherwise, refused unless "bench" is in it;
BENCH_DB=sqlite: a throw-away SQLite file,
1,000 units and 100,000 responses by default; BENCH_UNITS / BENCH_CASES / BENCH_RESPONSES to
scale, BENCH_ROUNDS for the requests per median)
"""

import os
import subprocess
import sys
import time

from _setup import django_ready, fresh_postgres, measure_page

SQLITE = os.environ.get("BENCH_DB", "postgres") == "sqlite"
if not SQLITE:
    fresh_postgres("zona_national", env="BENCH_PG_NAME")
else:
    os.environ.pop("DATABASE_URL", None)  # the SQLite file of the throw-away ZONA_VAR_DIR

django_ready()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from zona.accounts.models import User  # noqa: E402
from zona.orgs.models import Role, Unit  # noqa: E402
from zona.orgs.services import role_grant  # noqa: E402
from zona.rollups.services import rebuild  # noqa: E402

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

DASHBOARD = "/monev/dasbor/{slug}/?tahun=2023"
VIEWS = {  # what a person does with the table: sort by each column, filter, page on
    "sorted by progress, descending": "&urut=progress&arah=turun",
    "sorted by overdue steps": "&urut=overdue&arah=turun",
    "sorted by open findings": "&urut=findings",
    "sorted by name, page 3": "&urut=name&halaman=3",
    "filtered to one province (its code)": "&q=JAMBI",
    "filtered to the provinces": "&tingkat=province",
}
RECAP = "/lke/rekap/{slug}/2023/"
RECAP_VIEWS = {
    "as it opens": "",
    "sorted by the self-assessment's score": "?urut=self&arah=turun",
    "sorted by the WBK predicate": "?urut=wbk",
    "filtered to the units not yet eligible for WBK": "?wbk=tidak",
    "filtered by name, page 2": "?q=kabupaten&halaman=2",
}


def load() -> str:
    """The machine's load average (1, 5, 15 minutes) on its 2 cores, as `uptime` prints it."""
    return "load average {:.2f}, {:.2f}, {:.2f}".format(*os.getloadavg())


def pages(client, rounds: int, units: int) -> None:
    province = Unit.objects.get(code="JAMBI")
    below = Unit.objects.filter(path__startswith=province.path).count()
    for title, path, views in (
        ("national dashboard", DASHBOARD, VIEWS),
        ("national LKE recap", RECAP, RECAP_VIEWS),
    ):
        small, _ms = measure_page(client, path.format(slug=province.slug), 1)
        for name, query in views.items():
            q, ms = measure_page(client, path.format(slug="ri") + query, rounds)
            print(
                f"{title}, {units} units, {name}: {ms:.0f} ms median, {q} queries "
                f"({small} for one province of {below} units) (target ≤ 300 ms, queries constant)"
            )


def main() -> None:
    # SQLite builds the full data set slowly (bulk inserts of 280,000 indicators on a loaded
    # machine): 1,000 units and 100,000 survey responses by default there, 100,000 complaints
    sizes = {
        "units": int(os.environ.get("BENCH_UNITS", 1000 if SQLITE else 4000)),
        "cases": int(os.environ.get("BENCH_CASES", 100_000)),
        "responses": int(os.environ.get("BENCH_RESPONSES", 100_000 if SQLITE else 1_000_000)),
    }
    print(f"database: {connection.vendor}; {load()}")
    call_command("national_dataset", **sizes)
    start = time.perf_counter()
    count = rebuild()
    print(
        f"rebuild of the summaries (zona rollups rebuild), {count} units: {time.perf_counter() - start:.1f} s"
    )
    national = User.objects.create_user("nasional", password="x")
    ri = Unit.objects.get(code="RI")
    role_grant(user=national, unit=ri, role=Role.REVIEWER, include_descendants=True)
    officer = User.objects.create_user("petugas", password="x")
    role_grant(user=officer, unit=Unit.objects.get(code="SUMSEL"), role=Role.COMPLAINT_OFFICER)
    client = Client()
    client.force_login(national)
    pages(client, int(os.environ.get("BENCH_ROUNDS", 7)), Unit.objects.count())
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
        f"complaint register XLSX (in the worker), {rows} rows: {size:.1f} MB in {elapsed:.1f} s "
        f"(target ≤ 5 s); {memory} (target < 150 MB)"
    )
    print(f"at the end: {load()}")


if __name__ == "__main__":
    main()
    sys.exit(0)
