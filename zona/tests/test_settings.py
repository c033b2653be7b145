"""Production settings read what docs/configuration.md promises: outgoing e-mail, the trusted
proxy, HTTPS; the sign-in lock-out is per account and address."""

import os

import pytest
from django.test import override_settings
from django.urls import reverse

from conftest import PASSWORD
from zona.tests.settings_child import evaluate_in_child

FILEBASED = "django.core.mail.backends.filebased.EmailBackend"
MAIL = [
    "EMAIL_BACKEND",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_USE_TLS",
]
MAIL_FILE = ["EMAIL_BACKEND", "EMAIL_FILE_PATH"]
HTTPS = ["SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SESSION_COOKIE_SECURE", "SECURE_PROXY_SSL_HEADER"]


def cases(folder: str) -> dict[str, dict[str, str]]:
    """Each environment the tests below read the settings under (`folder`: a folder of their own)."""
    return {
        "file chosen": {"EMAIL_BACKEND": FILEBASED, "EMAIL_FILE_PATH": folder},
        "file default": {"EMAIL_BACKEND": FILEBASED, "ZONA_VAR_DIR": folder},
        "smtp": {
            "EMAIL_HOST": "smtp.kpu.go.id",
            "EMAIL_PORT": "2525",
            "EMAIL_HOST_USER": "zona",
            "EMAIL_HOST_PASSWORD": "rahasia",
            "EMAIL_USE_TLS": "true",
        },
        "smtp url": {"EMAIL_URL": "smtp+tls://zona:sandi@mail.example.org:587"},
        "nothing set": {},
        "behind a proxy": {"SECURE_COOKIES": "true", "ZONA_TRUSTED_PROXIES": "10.0.0.2,10.0.1.0/24"},
    }


@pytest.fixture(scope="module")
def chosen(tmp_path_factory):
    """What the production settings make of each case, read in one fresh process (settings are
    read at import): the environment of this run without its e-mail, HTTPS and proxy variables,
    plus the case's."""
    folder = tmp_path_factory.mktemp("mail")
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("EMAIL_", "SECURE_", "ZONA_TRUSTED"))}
    clean.update({"DJANGO_SETTINGS_MODULE": "config.settings", "SECRET_KEY": "x" * 50})
    environments = {key: {**clean, **env} for key, env in cases(str(folder)).items()}
    found = evaluate_in_child(environments, sorted({*MAIL, *MAIL_FILE, *HTTPS}))
    return folder, {key: answer["settings"] for key, answer in found.items()}


def settings_of(chosen, case: str, names: list[str]) -> dict:
    return {name: chosen[1][case][name] for name in names}


def test_the_file_backend_writes_into_a_folder_of_its_own(chosen):
    """EMAIL_BACKEND=filebased (e-mail tried out without a server) gets its folder: without one
    Django's file backend fails on the first message."""
    folder = chosen[0]
    assert settings_of(chosen, "file chosen", MAIL_FILE) == {
        "EMAIL_BACKEND": FILEBASED,
        "EMAIL_FILE_PATH": str(folder),
    }
    default = settings_of(chosen, "file default", MAIL_FILE)
    assert default["EMAIL_FILE_PATH"] == str(folder / "mail")


def test_outgoing_mail_is_configured_from_the_environment(chosen):
    single = settings_of(chosen, "smtp", MAIL)
    assert single == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "smtp.kpu.go.id",
        "EMAIL_PORT": 2525,
        "EMAIL_HOST_USER": "zona",
        "EMAIL_HOST_PASSWORD": "rahasia",
        "EMAIL_USE_TLS": True,
    }
    url = settings_of(chosen, "smtp url", MAIL)
    assert (url["EMAIL_HOST"], url["EMAIL_PORT"], url["EMAIL_HOST_USER"], url["EMAIL_USE_TLS"]) == (
        "mail.example.org",
        587,
        "zona",
        True,
    )
    assert settings_of(chosen, "nothing set", MAIL)["EMAIL_BACKEND"] == (
        "django.core.mail.backends.console.EmailBackend"
    )


def test_https_and_the_trusted_proxy(chosen):
    plain = settings_of(chosen, "nothing set", HTTPS)
    assert plain == {
        "SECURE_SSL_REDIRECT": False,
        "SECURE_HSTS_SECONDS": 0,
        "SESSION_COOKIE_SECURE": False,
        "SECURE_PROXY_SSL_HEADER": None,
    }
    behind = settings_of(chosen, "behind a proxy", HTTPS)
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
