"""`zona check --deploy` is clean under the documented production settings
(deploy/zona.env.example), and the systemd units and Compose file name commands that exist."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def production_env() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "DJANGO_"))}
    for line in (ROOT / "deploy" / "zona.env.example").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            env[key] = value
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    env["ZONA_VAR_DIR"] = os.environ.get("ZONA_VAR_DIR", "/tmp")  # noqa: S108 - a check writes nothing
    return env


def test_check_deploy_is_clean_with_the_documented_settings():
    result = subprocess.run(  # noqa: S603 - our own command
        [str(Path(sys.executable).parent / "zona"), "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=production_env(), capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_units_run_zonas_own_commands():
    web = (ROOT / "deploy" / "systemd" / "zona-web.service").read_text()
    worker = (ROOT / "deploy" / "systemd" / "zona-worker.service").read_text()
    assert "gunicorn -c config/gunicorn.conf.py config.wsgi" in web and "zona run_huey" in worker
    assert (ROOT / "config" / "gunicorn.conf.py").is_file()
    compose = (ROOT / "deploy" / "compose.yaml").read_text()
    assert "run_huey" in compose and "postgres:" in compose and "redis:" in compose
