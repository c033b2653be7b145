"""The settings module evaluated under several environments in one fresh process.

config/settings.py reads the environment when it is imported, so what it makes of an
environment is seen in a process of its own. Starting one per environment costs a Python start
each (2 s idle, 5-10 s on a loaded machine); instead one child imports the settings afresh for
each environment in turn (with exactly that environment, the .env file read again as a new
process would) and answers every case at once as JSON.

`evaluate_in_child(cases, names)` runs that child; `evaluate(cases, names)` is what it runs, for
a child that has more to do (zona/ops/tests/prod_probe.py). This module imports nothing of
Django's at the top, so the child configures nothing before it is told to.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = "config.settings"


def evaluate(cases: dict[str, dict[str, str]], names: list[str]) -> dict[str, dict]:
    """For each case (an environment): {"settings": {name: value}} as Django's settings object
    gives them (its defaults included), or {"error": "Type: message"} when the import refused.
    The process's own environment and modules are as they were afterwards."""
    from django.conf import Settings

    before = dict(os.environ)
    results = {}
    try:
        for key, environment in cases.items():
            os.environ.clear()
            os.environ.update(environment)
            sys.modules.pop(SETTINGS, None)
            try:
                chosen = Settings(SETTINGS)
            except Exception as exc:  # noqa: BLE001 - the refusal is the answer
                results[key] = {"error": f"{type(exc).__name__}: {exc}"}
            else:
                results[key] = {"settings": {name: getattr(chosen, name, None) for name in names}}
    finally:
        os.environ.clear()
        os.environ.update(before)
        sys.modules.pop(SETTINGS, None)
    return json.loads(json.dumps(results, default=str))  # as a child would answer: JSON types


def evaluate_in_child(cases: dict[str, dict[str, str]], names: list[str]) -> dict[str, dict]:
    """`evaluate` in one fresh Python process started in the project's folder."""
    code = (
        "import json, sys; from zona.tests.settings_child import evaluate; "
        "cases, names = json.load(sys.stdin); print(json.dumps(evaluate(cases, names)))"
    )
    out = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-c", code],
        input=json.dumps([cases, names]),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])
