"""WBS intake under load: anonymous reports with a file, each sealed on arrival (argon2id receipt
hash at its production cost, sealed boxes for the unit's recipients), 10 concurrent reporters
on gunicorn with PostgreSQL on loopback. Prints throughput, p50/p99 (target: p99 under 500 ms)
and checks that no report is lost (every receipt page's number is stored, once).

Two runs: the 10 reporters each sending a report every `--pause` seconds (people, however fast,
don't send reports back to back: the target applies here), then the same 10 with no pause at
all, which saturates the server and measures its capacity.

Run: .venv/bin/python bench/wbs_intake.py [--seconds 15] [--clients 10] [--workers 4] [--pause 0.5]
Needs PostgreSQL on 127.0.0.1:5432 (user postgres); uses a throw-away database `zona_bench`.
"""

import argparse
import http.client
import re
import sys
import threading
import time
import uuid

from _server import Gunicorn, drive, environment, numbers_stored, percentile, prepare, shell

PORT = 8766
PATH = "/wbs/sumsel/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + b"x" * 20_000


def multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, (filename, data) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        )
        parts.append(head.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


PAUSE = [0.5]


def client(deadline: float, results: list, lock: threading.Lock, index: int) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    conn.request("GET", PATH)
    response = conn.getresponse()
    page = response.read().decode()
    cookie = response.getheader("Set-Cookie", "").split(";")[0]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    n = 0
    while time.perf_counter() < deadline:
        n += 1
        body, kind = multipart(
            {
                "csrfmiddlewaretoken": token,
                "what": f"Pungutan liar {index}-{n}",
                "who": "Petugas",
                "how": "Uji beban",
            },
            {"files": ("bukti.pdf", PDF)},
        )
        start = time.perf_counter()
        conn.request(
            "POST", PATH, body, {"Content-Type": kind, "Cookie": cookie, "Origin": f"http://127.0.0.1:{PORT}"}
        )
        response = conn.getresponse()
        text = response.read().decode()
        elapsed = time.perf_counter() - start
        number = re.search(r'id="report-number">([^<]+)<', text)
        with lock:
            results.append((response.status, elapsed, number.group(1) if number else None))
        time.sleep(PAUSE[0])
    conn.close()


SETUP = """
from django.contrib.auth import get_user_model
from zona.orgs.models import Role, Unit
from zona.orgs.services import role_grant
from zona.wbs.services import key_create
unit = Unit.objects.get(code="SUMSEL")
holders = [("penerima", Role.WBS_RECIPIENT), ("penerima2", Role.WBS_RECIPIENT)]
holders.append(("kustodian", Role.WBS_CUSTODIAN))
for name, role in holders:
    user = get_user_model().objects.create_user(username=name)
    role_grant(user=user, unit=unit, role=role)
    key_create(user=user, passphrase="frasa sandi uji beban")
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--pause", type=float, default=0.5)
    options = parser.parse_args()
    env = environment()
    prepare(env)
    shell(SETUP, env)
    server = Gunicorn(env, options.workers, PORT)
    runs = []
    try:
        # warm-up: every worker imports, compiles its templates and connects before anything is timed
        PAUSE[0] = 0.0
        warm, _elapsed = drive(client, options.clients, 3.0)
        for pause in (options.pause, 0.0):
            PAUSE[0] = pause
            runs.append((pause, *drive(client, options.clients, options.seconds)))
    finally:
        server.stop()
    stored = numbers_stored("zona.wbs.models", "Report", env)
    answered = [r[2] for r in warm if r[0] == 200 and r[2]]
    for pause, results, elapsed in runs:
        ok = [r for r in results if r[0] == 200 and r[2]]
        answered += [r[2] for r in ok]
        latencies = [r[1] for r in results]
        p50, p99 = percentile(latencies, 0.5) * 1000, percentile(latencies, 0.99) * 1000
        what = f"each every {pause:.1f} s" if pause else "back to back (saturation)"
        target = " (target < 500 ms)" if pause else ""
        print(
            f"{options.clients} reporters {what}, {options.workers} gunicorn workers, {elapsed:.1f} s: "
            f"{len(results)} reports with a 20 KB file, {len(ok) / elapsed:.1f}/s; "
            f"p50 {p50:.0f} ms, p99 {p99:.0f} ms{target}; "
            f"not answered with a number: {len(results) - len(ok)}"
        )
    lost = set(answered) - set(stored)
    print(f"stored: {len(stored)}, answered: {len(answered)}, lost: {len(lost)}")
    if lost or len(stored) != len(answered) or len(stored) != len(set(stored)):
        sys.exit(1)


if __name__ == "__main__":
    main()
