"""Shared start-up for benchmarks: a throw-away SQLite database (or DATABASE_URL), migrated."""

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def throwaway_database(default: str, env: str = "BENCH_DB") -> str:
    """The name of the PostgreSQL database a bench drops and creates: the environment's `env`, or
    `default`. Another name is refused (the bench stops, nothing dropped) unless it says it is a
    bench's ("bench" in it; letters, digits and underscores): a typo must never drop a real database."""
    name = os.environ.get(env, default)
    if name != default and not re.fullmatch(r"[a-z0-9_]*bench[a-z0-9_]*", name):
        sys.exit(f"{env}={name!r}: a bench drops its database; name one for benches (e.g. zona_bench).")
    return name


def fresh_postgres(default: str, env: str = "BENCH_DB") -> str:
    """A bench's own PostgreSQL database on 127.0.0.1:5432, dropped and created again (its name as
    `throwaway_database` allows it), made the one Django uses; its name."""
    name = throwaway_database(default, env)
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{name}"
    for sql in (f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"):
        subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql], check=True)
    return name


def django_ready(*, migrate: bool = True) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("ZONA_VAR_DIR", tempfile.mkdtemp(prefix="zona-bench-"))
    Path(os.environ["ZONA_VAR_DIR"], "staticfiles").mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("AXES_ENABLED", "0")
    os.environ["DEBUG"] = "0"  # measure what production runs
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    os.environ["ZONA_STATICFILES_STORAGE"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
    import django

    django.setup()
    if not migrate:  # a child process on the database its parent made
        return
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def median_ms(samples: list[float]) -> float:
    ordered = sorted(samples)
    middle = len(ordered) // 2
    value = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    return value * 1000


def measure_page(client, url: str, rounds: int) -> tuple[int, float]:
    """(queries of one request, median latency in ms over `rounds` more requests)."""
    import time

    from django.db import connection

    queries: list[str] = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        client.get(url)
        samples.append(time.perf_counter() - start)
    return len(queries), median_ms(samples)
