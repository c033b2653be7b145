"""Production settings read what docs/configuration.md promises: outgoing e-mail, the trusted
proxy, HTTPS; the sign-in lock-out is per account and address."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse

from conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
PRINT = (
    "import json, django; from django.conf import settings as s; "
    "print(json.dumps({k: getattr(s, k, None) for k in %r}, default=str))"
)


def settings_with(env: dict, names: list[str]) -> dict:
    clean_env = {
        k: v for k, v in os.environ.items() if not k.startswith(("EMAIL_", "SECURE_", "ZONA_TRUSTED"))
    }
    clean_env.update({"DJANGO_SETTINGS_MODULE": "config.settings", "SECRET_KEY": "x" * 50, **env})
    out = subprocess.run(  # noqa: S603 - our own interpreter and settings module
        [sys.executable, "-c", PRINT % names],
        cwd=ROOT,
        env=clean_env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def test_the_file_backend_writes_into_a_folder_of_its_own(tmp_path):
    """EMAIL_BACKEND=filebased (e-mail tried out without a server) gets its folder: without one
    Django's file backend fails on the first message."""
    names = ["EMAIL_BACKEND", "EMAIL_FILE_PATH"]
    filebased = "django.core.mail.backends.filebased.EmailBackend"
    chosen = settings_with({"EMAIL_BACKEND": filebased, "EMAIL_FILE_PATH": str(tmp_path)}, names)
    assert chosen == {"EMAIL_BACKEND": filebased, "EMAIL_FILE_PATH": str(tmp_path)}
    default = settings_with({"EMAIL_BACKEND": filebased, "ZONA_VAR_DIR": str(tmp_path)}, names)
    assert default["EMAIL_FILE_PATH"] == str(tmp_path / "mail")


def test_outgoing_mail_is_configured_from_the_environment():
    names = [
        "EMAIL_BACKEND",
        "EMAIL_HOST",
        "EMAIL_PORT",
        "EMAIL_HOST_USER",
        "EMAIL_HOST_PASSWORD",
        "EMAIL_USE_TLS",
    ]
    single = settings_with(
        {
            "EMAIL_HOST": "smtp.kpu.go.id",
            "EMAIL_PORT": "2525",
            "EMAIL_HOST_USER": "zona",
            "EMAIL_HOST_PASSWORD": "rahasia",
            "EMAIL_USE_TLS": "true",
        },
        names,
    )
    assert single == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "smtp.kpu.go.id",
        "EMAIL_PORT": 2525,
        "EMAIL_HOST_USER": "zona",
        "EMAIL_HOST_PASSWORD": "rahasia",
        "EMAIL_USE_TLS": True,
    }
    url = settings_with({"EMAIL_URL": "smtp+tls://zona:sandi@mail.example.org:587"}, names)
    assert (url["EMAIL_HOST"], url["EMAIL_PORT"], url["EMAIL_HOST_USER"], url["EMAIL_USE_TLS"]) == (
        "mail.example.org",
        587,
        "zona",
        True,
    )
    assert settings_with({}, names)["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_https_and_the_trusted_proxy():
    names = ["SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SESSION_COOKIE_SECURE", "SECURE_PROXY_SSL_HEADER"]
    plain = settings_with({}, names)
    assert plain == {
        "SECURE_SSL_REDIRECT": False,
        "SECURE_HSTS_SECONDS": 0,
        "SESSION_COOKIE_SECURE": False,
        "SECURE_PROXY_SSL_HEADER": None,
    }
    behind = settings_with({"SECURE_COOKIES": "true", "ZONA_TRUSTED_PROXIES": "10.0.0.2,10.0.1.0/24"}, names)
    assert behind["SECURE_SSL_REDIRECT"] and behind["SESSION_COOKIE_SECURE"]
    assert behind["SECURE_HSTS_SECONDS"] == 31536000
    assert behind["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


@pytest.mark.django_db
@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_the_lock_out_is_per_account_and_address(client, cast):
    url = reverse("accounts:login")

    def sign_in(username, password, address):
        client.logout()
        return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)

    for _ in range(3):
        sign_in("koordinator", "salah", "198.51.100.1")
    assert sign_in("koordinator", PASSWORD, "198.51.100.1").status_code == 429  # this account, this address
    assert sign_in("pic", PASSWORD, "198.51.100.1").status_code == 302  # a colleague behind the same NAT
    assert sign_in("koordinator", PASSWORD, "198.51.100.2").status_code == 302  # the owner elsewhere
