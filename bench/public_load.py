"""Public complaint submissions under load: gunicorn on loopback with PostgreSQL, a bounded run.
Prints throughput (target: at least 100 submissions/s on 2 cores), p50/p99 latency, and checks
that no case is lost or duplicated (every 2xx answer's number exists exactly once).

Run: .venv/bin/python bench/public_load.py [--seconds 15] [--clients 8]
Needs PostgreSQL on 127.0.0.1:5432 (user postgres); uses a throw-away database `zona_bench`.
"""

import argparse
import http.client
import re
import sys
import threading
import time
import urllib.parse

from _server import Gunicorn, drive, environment, numbers_stored, percentile, prepare

PORT = 8765


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
    env = environment()
    prepare(env)
    server = Gunicorn(env, options.workers, PORT)
    try:
        results, elapsed = drive(client, options.clients, options.seconds)
    finally:
        server.stop()
    ok = [r for r in results if r[0] == 200 and r[2]]
    latencies = [r[1] for r in results]
    numbers = [r[2] for r in ok]
    stored = numbers_stored("zona.cases.models", "Case", env)
    lost = set(numbers) - set(stored)
    duplicated = len(stored) - len(set(stored))
    print(
        f"{len(results)} requests by {options.clients} clients on {options.workers} gunicorn workers in "
        f"{elapsed:.1f} s: {len(ok) / elapsed:.0f} submissions/s (target >= 100)"
    )
    p50, p99 = percentile(latencies, 0.5) * 1000, percentile(latencies, 0.99) * 1000
    print(f"latency p50 {p50:.0f} ms, p99 {p99:.0f} ms")
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
