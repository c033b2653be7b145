"""Shared harness for the load benchmarks: a throw-away PostgreSQL database, gunicorn on
loopback with the shipped config, client threads against a deadline, latency percentiles."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB = "postgres://postgres@127.0.0.1:5432/zona_bench"


def environment(**extra: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": DB,
        "SECRET_KEY": "bench-only",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "ZONA_PUBLIC_FORM_RATE": "1000000/h",
        "AXES_ENABLED": "0",
        "ZONA_STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "LOG_LEVEL": "ERROR",
        **extra,
    }


def zona(*args: str, env: dict, capture: bool = False) -> str:
    done = subprocess.run(
        [str(ROOT / ".venv/bin/zona"), *args],
        check=True,
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
        text=True,
    )
    return done.stdout or ""


def shell(code: str, env: dict) -> str:
    return zona("shell", "-v", "0", "-c", code, env=env, capture=True)


def prepare(env: dict) -> None:
    """A fresh `zona_bench` database, migrated, with the KPU units."""
    for sql in ("DROP DATABASE IF EXISTS zona_bench", "CREATE DATABASE zona_bench"):
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql], check=True, stdout=subprocess.DEVNULL
        )
    zona("migrate", "-v0", env=env)
    zona("createcachetable", env=env)
    shell("from zona.orgs.loaders import units_load; units_load()", env)


class Gunicorn:
    def __init__(self, env: dict, workers: int, port: int):
        self.port = port
        self.process = subprocess.Popen(
            [
                str(ROOT / ".venv/bin/gunicorn"),
                "-c",
                "config/gunicorn.conf.py",
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--log-level",
                "warning",
                "--access-logfile",
                "/dev/null",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
        )  # fmt: skip  (the access log goes to standard output: dropped here)
        for _ in range(100):
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    return
            time.sleep(0.1)
        self.stop()
        raise SystemExit("gunicorn did not start")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


def drive(
    client: Callable[[float, list, threading.Lock, int], None], clients: int, seconds: float
) -> tuple[list, float]:
    """Run `clients` threads of `client(deadline, results, lock, index)`; (results, elapsed)."""
    results: list = []
    lock = threading.Lock()
    started = time.perf_counter()
    threads = [
        threading.Thread(target=client, args=(started + seconds, results, lock, i)) for i in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - started


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * share) - 1)] if ordered else 0.0


def numbers_stored(module: str, model: str, env: dict) -> list[str]:
    """Every `number` of the model's rows in the benchmark database."""
    code = (
        f"from {module} import {model}; print(chr(10).join({model}.objects.values_list('number', flat=True)))"
    )
    return shell(code, env).split()
