"""The deployment's trust boundaries (docs/deploy.md, "Trusted proxies"): the shipped Compose file
and nginx example believe the client address only from the proxy they ship, nginx passes the
address it sees on every location, and under the production settings a forged X-Forwarded-For
from anyone else is ignored, so the lock-out and the rate limits still bite."""

from __future__ import annotations

import ipaddress
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .test_deploy import ROOT, production_env

DEPLOY = ROOT / "deploy"


def _locations(conf: str) -> dict[str, str]:
    """Each `location … { … }` block of an nginx file (no nested blocks in ours)."""
    return {m.group(1): m.group(2) for m in re.finditer(r"location\s+(\S+)\s*\{([^}]*)\}", conf)}


def _trusted(value: str) -> list:
    items = [item.strip() for item in str(value).split(",")]
    return [ipaddress.ip_network(item, strict=False) for item in items if item]


def test_no_shipped_file_trusts_every_address():
    for path in DEPLOY.rglob("*"):  # (the docs name the catch-all only to warn against it)
        if path.is_file():
            text = path.read_text(errors="replace")
            assert "0.0.0.0/0" not in text and "::/0" not in text, path


def test_compose_trusts_only_its_own_nginx():
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose["services"]
    nginx_address = services["nginx"]["networks"]["default"]["ipv4_address"]
    subnet = ipaddress.ip_network(compose["networks"]["default"]["ipam"]["config"][0]["subnet"])
    assert ipaddress.ip_address(nginx_address) in subnet
    assert _trusted(services["web"]["environment"]["ZONA_TRUSTED_PROXIES"]) == [
        ipaddress.ip_network(nginx_address)
    ]
    assert "ports" not in services["web"]  # gunicorn is reached only through nginx…
    assert services["web"]["environment"]["ZONA_BIND"] == "0.0.0.0:8000"  # …which can reach it
    assert "./nginx/zona.conf:/etc/nginx/conf.d/default.conf:ro" in services["nginx"]["volumes"]
    upstream = (DEPLOY / "nginx" / "upstream-compose.conf").read_text()
    assert "server web:8000;" in upstream


def test_the_one_server_layout_trusts_only_the_loopback_proxy():
    env = dict(
        line.split("=", 1) for line in (DEPLOY / "zona.env.example").read_text().splitlines()
        if line and not line.startswith("#")
    )  # fmt: skip
    assert _trusted(env["ZONA_TRUSTED_PROXIES"]) == [ipaddress.ip_network("127.0.0.1/32")]
    assert "server 127.0.0.1:8000;" in (DEPLOY / "nginx" / "upstream.conf").read_text()


def test_every_nginx_location_passes_the_address_it_sees():
    conf = (DEPLOY / "nginx" / "zona.conf").read_text()
    assert "$proxy_add_x_forwarded_for" not in conf  # it appends what the client sent
    locations = _locations(conf)
    assert {"/", "/wbs/"} <= set(locations)
    for name, block in locations.items():
        assert "proxy_set_header X-Forwarded-For $remote_addr;" in block, name
        assert "proxy_set_header X-Forwarded-Proto https;" in block, name
        assert "proxy_pass http://zona_app;" in block, name
    assert "access_log off;" in locations["/wbs/"]  # and the WBS pages are still not logged


@pytest.mark.database  # its probe runs the production settings on the database
def test_nginx_takes_the_largest_request_zona_takes(probe):
    """nginx's body limit is Zona's under the documented production settings: lower, a request
    Zona would take is cut off by nginx; higher, nginx spools what Zona refuses anyway."""
    sizes = re.findall(
        r"^\s*client_max_body_size\s+(\d+)m;", (DEPLOY / "nginx" / "zona.conf").read_text(), re.M
    )
    chosen = seen_by(probe)["settings"][DOCUMENTED]["settings"]
    upload, request = int(chosen["ZONA_MAX_UPLOAD_MB"]), int(chosen["ZONA_MAX_REQUEST_MB"])
    assert request == 3 * upload + 5  # the default docs/configuration.md gives
    assert sizes == [str(request)], "set client_max_body_size to ZONA_MAX_REQUEST_MB"


# Values of ZONA_TRUSTED_PROXIES that would believe a large part of the internet, or nothing readable.
EVERYONE = [
    "0.0.0.0/0",
    "::/0",
    "127.0.0.1,0.0.0.0/0",
    "0.0.0.0/1,128.0.0.0/1",
    "10.0.0.0/7",
    "2000::/3",
    "not-an-address",
]
DOCUMENTED = "documented, size limits by default"


def _probe_env(tmp_path: Path) -> dict:
    env = production_env()
    parent = os.environ.get("DATABASE_URL", "")
    # A database of the probe's own, one per test worker (the module's tests may be shared out
    # between two workers, each with its probe): the suite's test databases stay untouched.
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    env["DATABASE_URL"] = f"{parent.rstrip('/')}_prod_{worker}" if parent.startswith("postgres") else (
        f"sqlite:///{tmp_path}/probe.sqlite3"
    )  # fmt: skip
    env.update({"CACHE_URL": "locmemcache://", "REDIS_URL": "", "EMAIL_URL": "memorymail://",
                "ZONA_VAR_DIR": str(tmp_path)})  # fmt: skip
    return env


@pytest.fixture(scope="module")
def probe(tmp_path_factory) -> subprocess.CompletedProcess:
    """One process under the production settings (prod_probe.py): it evaluates the settings with
    each value of EVERYONE as ZONA_TRUSTED_PROXIES and with the size limits left to their
    defaults first, then probes the limits."""
    cases = {value: {**production_env(), "ZONA_TRUSTED_PROXIES": value} for value in EVERYONE}
    cases[DOCUMENTED] = {k: v for k, v in production_env().items() if not k.startswith("ZONA_MAX_")}
    names = ["ZONA_TRUSTED_PROXIES", "ZONA_MAX_UPLOAD_MB", "ZONA_MAX_REQUEST_MB"]
    return subprocess.run(  # noqa: S603 - our own interpreter and probe
        [sys.executable, str(Path(__file__).with_name("prod_probe.py"))],
        input=json.dumps([cases, names]),
        cwd=ROOT, env=_probe_env(tmp_path_factory.mktemp("probe")), capture_output=True, text=True,
        timeout=300,
    )  # fmt: skip


def seen_by(probe: subprocess.CompletedProcess) -> dict:
    assert probe.returncode == 0, probe.stderr[-3000:]
    return json.loads(probe.stdout.strip().splitlines()[-1])


@pytest.mark.database  # its probe runs the production settings on the database
@pytest.mark.parametrize("value", EVERYONE)
def test_the_settings_refuse_to_trust_everyone(probe, value):
    refused = seen_by(probe)["settings"][value]
    assert "settings" not in refused and "ZONA_TRUSTED_PROXIES" in refused["error"]


@pytest.mark.database  # its probe runs the production settings on the database
def test_a_forged_forwarded_address_defeats_no_limit_under_the_production_settings(probe):
    seen = seen_by(probe)
    assert seen["debug"] is False and seen["trusted"] == ["127.0.0.1"]
    assert seen["sign_in_locked"] is True  # ten wrong passwords, each "from" another address
    complaints = seen["complaints"]
    assert complaints["last"] == 429 and complaints["cases"] == complaints["allowance"]
    assert seen["tracking_untrusted"] == 429  # wrong codes "from" many addresses: one bucket
    assert seen["tracking_from_proxy"] == 200  # the proxy's header is believed: many clients
