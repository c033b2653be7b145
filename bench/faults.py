"""Faults under load, on loopback, bounded: public complaint submissions from 6 clients for 20 s
while one gunicorn worker is killed with SIGKILL (at 4 s), a throw-away PostgreSQL instance
restarts (at 9 s) while the background worker runs its queue of 12 Lembar Monev exports, and the
worker is killed and started again (at 10.5 s). A client whose request fails sends the same form again (the
same form token), as a person pressing "Kirim" again would.

Checks: every acknowledged submission is stored exactly once and no submission twice; the pages
answer again without restarting Zona; every export is finished exactly once (none lost, none
redone); the daily reminders sent twice create no duplicate.

Run: .venv/bin/python bench/faults.py   (needs PostgreSQL's binaries and Redis on 127.0.0.1:6379;
the instance is created in a temporary directory and removed)
"""

import http.client
import os
import re
import secrets
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from _server import ROOT, Gunicorn, drive, zona

PORT, PG_PORT = 8766, 55433
SECONDS, CLIENTS = 20, 6
PG_BIN = sorted(Path("/usr/lib/postgresql").iterdir())[-1] / "bin"


class Postgres:
    """A throw-away PostgreSQL cluster in a temporary directory (as the postgres user when root)."""

    def __init__(self):
        self.data = Path(tempfile.mkdtemp(prefix="zona-faults-pg-"))
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_user:
            shutil.chown(self.data, "postgres")
        self.run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync")
        self.pg_ctl("start")

    def run(self, tool: str, *args: str) -> None:
        subprocess.run([*self.as_user, str(PG_BIN / tool), *args], check=True, stdout=subprocess.DEVNULL)

    def pg_ctl(self, action: str) -> None:
        options = f"-p {PG_PORT} -c listen_addresses=127.0.0.1 -k {self.data} -c fsync=off"
        self.run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.data / "log"), "-m", "fast",
                 "-w", action)  # fmt: skip

    def close(self) -> None:
        self.pg_ctl("stop")
        shutil.rmtree(self.data, ignore_errors=True)


def environment(var_dir: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{PG_PORT}/postgres",
        "REDIS_URL": "redis://127.0.0.1:6379/9",
        "SECRET_KEY": "bench-only",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "ZONA_PUBLIC_FORM_RATE": "1000000/h",
        "AXES_ENABLED": "0",
        "ZONA_VAR_DIR": var_dir,
        "ZONA_STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "HUEY_WORKERS": "2",
    }


SETUP = """
from pathlib import Path
from zona.accounts.models import User
from zona.evidence.exports import export_request
from zona.monev.services import cycle_open
from zona.orgs.loaders import units_load
from zona.orgs.models import Unit
from zona.plans.importers import read_plan
from zona.plans.services import plan_import
units_load()
seed = Path('zona/plans/fixtures/sk-34-2023-kpu-sumsel.md')
user = User.objects.create_user('faults', password='x')
sumsel = Unit.objects.get(code='SUMSEL')
parsed = read_plan(seed.read_bytes(), seed.name)
plan = plan_import(parsed=parsed, unit=sumsel, by=user, source_name=seed.name)
cycle = cycle_open(plan=plan, quarter=1, by=user)
for n in range(12):  # twelve people, one export each (one person may queue only a few)
    person = User.objects.create_user(f'faults{n}', password='x')
    export_request(kind='monev.lembar', obj=cycle, fmt='pdf' if n % 3 == 0 else 'xlsx', by=person)
"""


def client(deadline: float, results: list, lock: threading.Lock, index: int) -> None:
    path = "/publik/sumsel/pengaduan/"
    n = 0
    while time.perf_counter() < deadline:
        n += 1
        subject, token, acknowledged = f"F{index}-{n}", secrets.token_urlsafe(24), None
        for _attempt in range(40):  # the same form again until it is acknowledged
            try:
                conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
                conn.request("GET", path)
                page = conn.getresponse()
                text = page.read().decode()
                cookie = page.getheader("Set-Cookie", "").split(";")[0]
                csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text).group(1)
                body = urllib.parse.urlencode({
                    "csrfmiddlewaretoken": csrf, "form_token": token, "subject": subject,
                    "description": "Uji gangguan", "category": "pelayanan", "reporter_contact": "08123",
                    "website": "",
                })  # fmt: skip
                headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie,
                           "Referer": f"http://127.0.0.1:{PORT}{path}"}  # fmt: skip
                conn.request("POST", path, body, headers)
                answer = conn.getresponse()
                found = re.search(r'id="case-number">([^<]+)<', answer.read().decode())
                conn.close()
                if answer.status == 200 and found:
                    acknowledged = found.group(1)
                    break
            except (OSError, http.client.HTTPException, AttributeError):
                pass
            time.sleep(0.3)
        with lock:
            results.append((subject, acknowledged))


def worker_pids(master: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout
    return [int(pid) for pid in out.split()]


def page_answers(path: str) -> int:
    try:
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
        conn.request("GET", path)
        return conn.getresponse().status
    except OSError:
        return 0


def main() -> None:
    var_dir = tempfile.mkdtemp(prefix="zona-faults-")
    postgres = Postgres()
    env = environment(var_dir)
    huey = web = None
    try:
        import redis

        redis.Redis.from_url(env["REDIS_URL"]).flushdb()
        zona("migrate", "-v0", env=env)
        zona("createcachetable", env=env)
        zona("shell", "-v", "0", "-c", SETUP, env=env)
        web = Gunicorn(env, workers=4, port=PORT)

        def start_huey():
            return subprocess.Popen([str(ROOT / ".venv/bin/zona"), "run_huey"], cwd=ROOT, env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip

        events = []

        def faults():
            nonlocal huey
            time.sleep(4)
            victim = worker_pids(web.process.pid)[0]
            os.kill(victim, signal.SIGKILL)
            events.append(f"4 s: gunicorn worker {victim} killed (SIGKILL)")
            time.sleep(4.5)
            huey = start_huey()  # the 12 exports start just before the database goes away
            events.append("8.5 s: the background worker starts on its queue of 12 exports")
            time.sleep(0.5)
            started = time.perf_counter()
            postgres.pg_ctl("restart")
            events.append(f"9 s: PostgreSQL restarted ({time.perf_counter() - started:.1f} s down)")
            time.sleep(1.5)
            huey.kill()
            huey.wait()
            huey = start_huey()
            events.append("10.5 s: the background worker killed (SIGKILL) mid-queue and started again")

        chaos = threading.Thread(target=faults)
        chaos.start()
        results, elapsed = drive(client, CLIENTS, SECONDS)
        chaos.join()
        for line in events:
            print(line)
        recovered = page_answers("/publik/sumsel/") == 200 and page_answers("/akun/masuk/") == 200
        # the periodic sweep (every 5 minutes in production) picks up what the killed worker held
        zona("shell", "-v", "0", "-c",
             "from datetime import timedelta; from zona.evidence.exports import exports_resume; "
             "exports_resume(older_than=timedelta(0))", env=env)  # fmt: skip
        check = """
import json, time
from collections import Counter
from zona.cases.models import Case
from zona.evidence.models import ExportJob
from zona.notifications.models import Notification
from zona.monev.reminders import reminders_send
from django.utils import timezone
for _ in range(120):
    if not ExportJob.objects.exclude(status='done').exists():
        break
    time.sleep(1)
reminders_send(today=timezone.localdate()); reminders_send(today=timezone.localdate())
keys = Counter(Notification.objects.values_list('user_id', 'key'))
print(json.dumps({
    "subjects": list(Case.objects.values_list('subject', 'number')),
    "jobs": list(ExportJob.objects.values_list('status', 'file')),
    "duplicate_notifications": sum(1 for n in keys.values() if n > 1),
}))
"""
        import json

        data = json.loads(zona("shell", "-v", "0", "-c", check, env=env, capture=True))
        stored = {}
        for subject, number in data["subjects"]:
            stored.setdefault(subject, []).append(number)
        acknowledged = [(s, n) for s, n in results if n]
        lost = [s for s, n in acknowledged if stored.get(s) != [n]]
        twice = [s for s, numbers in stored.items() if len(numbers) > 1]
        unacknowledged = [s for s, n in results if not n]
        jobs = data["jobs"]
        files = list(Path(var_dir, "media", "exports").glob("*")) if Path(var_dir, "media").exists() else []
        print(f"submissions: {len(results)} in {elapsed:.0f} s, {len(acknowledged)} acknowledged, "
              f"{len(unacknowledged)} never acknowledged; stored {len(stored)}")  # fmt: skip
        print(f"acknowledged but not stored exactly once: {len(lost)}; stored twice: {len(twice)}")
        print(f"pages answer again without a restart of Zona: {recovered}")
        print(f"exports: {sum(1 for s, _f in jobs if s == 'done')} of {len(jobs)} done, each with its file: "
              f"{all(f for _s, f in jobs)}; files written {len(files) or 'in storage'}")  # fmt: skip
        print(f"reminders sent twice: {data['duplicate_notifications']} duplicates")
        ok = not lost and not twice and recovered and all(s == "done" for s, _f in jobs)
        ok = ok and data["duplicate_notifications"] == 0
        print("RESULT:", "every acknowledged submission kept once, nothing lost" if ok else "FAILED")
        if not ok:
            raise SystemExit(1)
    finally:
        if huey is not None:
            huey.kill()
        if web is not None:
            web.stop()
        postgres.close()
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
