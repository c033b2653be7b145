"""The IKM of one survey with 1,000,000 responses on PostgreSQL, three ways, and the public
survey form's submission throughput.

1. The running tally (what every page reads): sums and counts kept per survey, updated with each
   answer in the same transaction; reading the figures is one row. Target: at most 2× the
   in-memory NumPy computation below.
2. A full recount in the database (one aggregate pass over the responses), as a check.
3. NumPy on the same answers already in memory (1,000,000 × 9 int8).
All three must give the same IKM. Then gunicorn (4 workers) takes answers on the public form from
8 clients, each answer a new phone, and the tally is checked against a recount afterwards.

Run: .venv/bin/python bench/ikm_million.py [--responses 1000000] [--seconds 10] [--clients 8]
Needs PostgreSQL on 127.0.0.1:5432 (user postgres); uses a throw-away database `zona_bench`.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import sys
import time
import urllib.parse
from datetime import date, timedelta
from fractions import Fraction

from _server import DB, Gunicorn, drive, environment, percentile, prepare
from _setup import django_ready, median_ms

PORT = 8766
SEED = 20260101


def answers(count: int):
    """count × 9 answers 1–4 (a skew towards 3 and 4, as real surveys have), 2% left blank (0)."""
    import numpy as np

    rng = np.random.default_rng(SEED)
    values = rng.choice(np.array([1, 2, 3, 4], dtype=np.int8), size=(count, 9), p=[0.03, 0.12, 0.5, 0.35])
    values[rng.random((count, 9)) < 0.02] = 0
    return values


def load(survey, values) -> float:
    """COPY the answers into surveys_response; seconds taken."""
    from django.db import connection

    columns = ", ".join(f"a{i}" for i in range(1, 10))
    sql = (
        "COPY surveys_response (survey_id, channel, age_group, sex, education, occupation, device, "
        f"ticket, suspect, suspect_reason, created_on, {columns}) FROM STDIN"
    )
    today = date.today()
    started = time.perf_counter()
    with connection.cursor() as cursor, cursor.connection.cursor().copy(sql) as copy:
        for row in values.tolist():
            copy.write_row(
                (survey.pk, "online", "", "", "", "", "", "", False, "", today, *[v or None for v in row])
            )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE surveys_response")  # what autovacuum does after a bulk load
    return time.perf_counter() - started


def numpy_ikm(values) -> Fraction:
    """The same computation in memory: NRR per item over those who answered it, weight 1/n."""
    import numpy as np

    answered = values > 0
    sums = values.sum(axis=0, dtype=np.int64)
    counts = answered.sum(axis=0)
    present = counts > 0
    nrr = sums[present] / counts[present]
    return nrr.mean() * 25


def timed(function, rounds: int = 7) -> tuple[float, object]:
    samples, result = [], None
    for _ in range(rounds):
        started = time.perf_counter()
        result = function()
        samples.append(time.perf_counter() - started)
    return median_ms(samples), result


def client(token: str):
    def run(deadline: float, results: list, lock, index: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
        path = f"/survei/{token}/"
        conn.request("GET", path)
        response = conn.getresponse()
        page = response.read().decode()
        cookies = [h for k, h in response.getheaders() if k.lower() == "set-cookie"]
        csrf = next(c.split(";")[0] for c in cookies if c.startswith("csrftoken="))
        form = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        n = 0
        while time.perf_counter() < deadline:
            n += 1
            data = {"csrfmiddlewaretoken": form, "sex": "Perempuan" if n % 2 else "Laki-laki"}
            data.update({f"U{i}": str(1 + (n + i + index) % 4) for i in range(1, 10)})
            started = time.perf_counter()
            conn.request(
                "POST",
                path,
                urllib.parse.urlencode(data),
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Cookie": csrf,  # no device cookie: every answer comes from a new phone
                    "Referer": f"http://127.0.0.1:{PORT}{path}",
                },
            )
            response = conn.getresponse()
            text = response.read().decode()
            elapsed = time.perf_counter() - started
            with lock:
                results.append((response.status, elapsed, 'id="thanks"' in text))
        conn.close()

    return run


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--responses", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    options = parser.parse_args()
    env = environment(ZONA_SURVEY_RATE="100000000/h")
    prepare(env)
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "SECRET_KEY", "ZONA_SURVEY_RATE")})
    assert os.environ["DATABASE_URL"] == DB
    django_ready()

    from zona.orgs.models import Unit
    from zona.surveys.services import figures, recount, service_add, survey_create, tally_rebuild

    unit = Unit.objects.get(slug="sumsel")
    service = service_add(unit=unit, name="Layanan informasi publik", by=None)
    today = date.today()
    survey = survey_create(
        unit=unit,
        service=service,
        definition_key="skm@2017",
        period_start=today - timedelta(days=30),
        period_end=today + timedelta(days=30),
        by=None,
    )
    values = answers(options.responses)
    seconds = load(survey, values)
    print(f"{options.responses:,} responses copied into PostgreSQL in {seconds:.1f} s")
    rebuild_ms, _ = timed(lambda: tally_rebuild(survey), rounds=1)
    print(f"running tally rebuilt from them in {rebuild_ms:.0f} ms")

    tally_ms, data = timed(lambda: figures(survey))
    recount_ms, tally = timed(lambda: recount(survey), rounds=5)
    numpy_ms, reference = timed(lambda: numpy_ikm(values))
    ikm = data.result.converted
    assert tally == data.tally, "the running tally differs from the recount"
    assert f"{reference:.2f}" == f"{ikm}", (reference, ikm)
    print(
        f"IKM {ikm} (mutu {data.result.mutu}) from {data.result.respondents:,} respondents, all three agree"
    )
    print(f"running tally (every page): {tally_ms:.2f} ms = {tally_ms / numpy_ms:.2f}× NumPy (target <= 2×)")
    ratio = recount_ms / numpy_ms
    print(f"full recount in PostgreSQL: {recount_ms:.0f} ms = {ratio:.1f}× NumPy (a check, on no page)")
    print(f"NumPy in memory:            {numpy_ms:.1f} ms")

    from django.db import connection

    connection.close()
    server = Gunicorn(env, options.workers, PORT)
    try:
        results, elapsed = drive(client(survey.token), options.clients, options.seconds)
    finally:
        server.stop()
    ok = [r for r in results if r[0] == 200 and r[2]]
    p50, p99 = (
        percentile([r[1] for r in results], 0.5) * 1000,
        percentile([r[1] for r in results], 0.99) * 1000,
    )
    print(
        f"public form: {len(ok) / elapsed:.0f} answers/s from {options.clients} clients on {options.workers} "
        f"workers, p50 {p50:.0f} ms, p99 {p99:.0f} ms; {len(results) - len(ok)} refused"
    )
    stored = figures(survey).tally
    again = recount(survey)
    print(
        f"after the load: {again.respondents - data.result.respondents:,} new respondents stored for "
        f"{len(ok):,} thanked; running tally = recount: {stored == again}"
    )
    if stored != again or again.respondents - data.result.respondents != len(ok) or tally_ms > 2 * numpy_ms:
        sys.exit(1)


if __name__ == "__main__":
    main()
