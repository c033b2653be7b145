"""Public complaint submissions under load: gunicorn on loopback with PostgreSQL, a bounded run.
Prints throughput (target: at least 100 submissions/s on 2 cores), p50/p99 latency, and checks
that no case is lost or duplicated (every 2xx answer's number exists exactly once).

Run: .venv/bin/python bench/public_load.py [--seconds 15] [--clients 8]
Needs PostgreSQL on 127.0.0.1:5432 (user postgres); uses a throw-away database `zona_bench`.
"""

import argparse
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = 8765
DB = "postgres://postgres@127.0.0.1:5432/zona_bench"


def run(*args: str, env: dict) -> None:
    subprocess.run(
        [str(ROOT / ".venv/bin/zona"), *args], check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL
    )


def prepare(env: dict) -> None:
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", "DROP DATABASE IF EXISTS zona_bench"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", "CREATE DATABASE zona_bench"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    run("migrate", "-v0", env=env)
    run("createcachetable", env=env)
    run("shell", "-v", "0", "-c", "from zona.orgs.loaders import units_load; units_load()", env=env)


def wait_for_port() -> None:
    for _ in range(100):
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", PORT)) == 0:
                return
        time.sleep(0.1)
    raise SystemExit("gunicorn did not start")


def client(deadline: float, results: list, lock: threading.Lock, index: int) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
    path = "/publik/sumsel/pengaduan/"
    conn.request("GET", path)
    response = conn.getresponse()
    page = response.read().decode()
    cookie = response.getheader("Set-Cookie", "").split(";")[0]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    n = 0
    while time.perf_counter() < deadline:
        n += 1
        body = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token,
                "subject": f"Beban {index}-{n}",
                "description": "Uji beban",
                "category": "pelayanan",
                "reporter_contact": "08123",
                "website": "",
            }
        )
        start = time.perf_counter()
        conn.request(
            "POST",
            path,
            body,
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": cookie,
                "Referer": f"http://127.0.0.1:{PORT}{path}",
            },
        )
        response = conn.getresponse()
        text = response.read().decode()
        elapsed = time.perf_counter() - start
        number = re.search(r'id="case-number">([^<]+)<', text)
        with lock:
            results.append((response.status, elapsed, number.group(1) if number else None))
    conn.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    options = parser.parse_args()
    env = {
        **os.environ,
        "DATABASE_URL": DB,
        "SECRET_KEY": "bench-only",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "ZONA_PUBLIC_FORM_RATE": "1000000/h",
        "AXES_ENABLED": "0",
        "ZONA_STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "LOG_LEVEL": "ERROR",
    }
    prepare(env)
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(options.workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_for_port()
        results: list = []
        lock = threading.Lock()
        started = time.perf_counter()
        deadline = started + options.seconds
        threads = [
            threading.Thread(target=client, args=(deadline, results, lock, i)) for i in range(options.clients)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    ok = [r for r in results if r[0] == 200 and r[2]]
    latencies = sorted(r[1] for r in results)
    numbers = [r[2] for r in ok]
    check = subprocess.run(
        [
            str(ROOT / ".venv/bin/zona"),
            "shell",
            "-v",
            "0",
            "-c",
            "from zona.cases.models import Case; "
            "print('\\n'.join(Case.objects.values_list('number', flat=True)))",
        ],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    stored = check.stdout.split()
    lost = set(numbers) - set(stored)
    duplicated = len(stored) - len(set(stored))
    print(
        f"{len(results)} requests by {options.clients} clients on {options.workers} gunicorn workers in "
        f"{elapsed:.1f} s: {len(ok) / elapsed:.0f} submissions/s (target >= 100)"
    )
    print(
        f"latency p50 {latencies[len(latencies) // 2] * 1000:.0f} ms, "
        f"p99 {latencies[int(len(latencies) * 0.99) - 1] * 1000:.0f} ms"
    )
    print(
        f"answers 2xx with a number: {len(ok)}, other: {len(results) - len(ok)}; "
        f"stored cases: {len(stored)}; "
        f"lost: {len(lost)}; duplicated numbers: {duplicated}; 2xx numbers repeated: "
        f"{len(numbers) - len(set(numbers))}"
    )
    if lost or duplicated or len(numbers) != len(set(numbers)) or len(stored) != len(ok):
        sys.exit(1)


if __name__ == "__main__":
    main()
