"""`next` goes only to a path on this site, on every page that reads it (zona.lib.nexturl):
a bare word, another host written any way, or a control character goes to the page's default,
never to a server error."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from conftest import PASSWORD
from zona.evidence.services import evidence_create_file
from zona.lib.nexturl import is_site_path, next_path
from zona.wbs.tests.conftest import PASSPHRASE

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
HOSTILE = ["abc", "//evil.com", "https://evil.com", "/\\evil.com", "\\\\evil.com", "/x\r\nSet-Cookie: a=b",
           "javascript:alert(1)", " /x", "http:/evil.com", "///evil.com", ""]  # fmt: skip
SAFE = "/rencana/?tahun=2026#a"


@pytest.mark.parametrize("target", HOSTILE)
def test_the_helper_sends_anything_but_a_site_path_to_the_default(target):
    request = RequestFactory().post("/", {"next": target})
    assert not is_site_path(target)
    assert next_path(request, "/beranda/") == "/beranda/"
    assert next_path(RequestFactory().get("/", {"next": target}), "") == ""


def test_the_helper_keeps_a_path_on_this_site():
    assert next_path(RequestFactory().post("/", {"next": SAFE}), "/beranda/") == SAFE
    assert next_path(RequestFactory().get("/", {"next": SAFE}), "/beranda/") == SAFE


def _login(client, cast, units, target):
    client.logout()
    data = {"username": "koordinator", "password": PASSWORD, "next": target}
    return client.post(reverse("accounts:login"), data)


def _logout(client, cast, units, target):
    client.force_login(cast["coordinator"])
    return client.post(reverse("accounts:logout"), {"next": target})


def _evidence_review(client, cast, units, target):
    item = evidence_create_file(
        unit=units["SUMSEL"], title="SK", upload=SimpleUploadedFile("sk.pdf", PDF),
        by=cast["pic"],
    )  # fmt: skip
    client.force_login(cast["reviewer"])
    return client.post(reverse("evidence:review", args=[item.pk]), {"verdict": "verified", "next": target})


def _twofactor_verify(client, cast, units, target):
    from django_otp.oath import totp

    from zona.twofactor import services as twofactor

    user = cast["coordinator"]
    device = twofactor.enrol_start(user)
    device.confirmed = True
    device.save()
    client.force_login(user)
    token = f"{totp(device.bin_key):06d}"
    return client.post(reverse("twofactor:verify"), {"token": token, "next": target})


def _wbs_key_open(client, cast, units, target):
    from conftest import make_user
    from zona.orgs.models import Role
    from zona.wbs.keys import key_create

    user = make_user("penerima_wbs", units["SUMSEL"], Role.WBS_RECIPIENT)
    key_create(user=user, passphrase=PASSPHRASE)
    client.force_login(user)
    return client.post(reverse("wbs:key_open"), {"passphrase": PASSPHRASE, "next": target})


def _admin_login(client, cast, units, target):
    from zona.accounts.models import User

    User.objects.create_superuser(username="super", password=PASSWORD)
    data = {"username": "super", "password": PASSWORD, "next": target}
    return client.post(reverse("admin:login"), data)


def _admin_logout(client, cast, units, target):
    from zona.accounts.models import User

    client.force_login(User.objects.create_superuser(username="super", password=PASSWORD))
    return client.post(reverse("admin:logout"), {"next": target})


VIEWS = {  # every page that reads `next`, and where it goes without a good one
    "admin-login": (_admin_login, "start:home"),
    "admin-logout": (_admin_logout, "accounts:login"),
    "login": (_login, "start:home"),
    "logout": (_logout, "accounts:login"),
    "evidence": (_evidence_review, "plans:home"),
    "twofactor": (_twofactor_verify, "/"),
    "wbs": (_wbs_key_open, "wbs:home"),
}


@pytest.mark.parametrize("target", [*HOSTILE, SAFE])
@pytest.mark.parametrize("view", sorted(VIEWS))
def test_every_page_that_reads_next_goes_only_to_this_site(client, cast, units, view, target, settings):
    send, default = VIEWS[view]
    response = send(client, cast, units, target)
    assert response.status_code == 302, response.content[:500]
    expected = SAFE if target == SAFE else (default if default.startswith("/") else reverse(default))
    assert response["Location"] == expected


@given(st.text(max_size=40))
def test_whatever_is_kept_is_a_path_without_a_host(target):
    from urllib.parse import urlsplit

    request = RequestFactory().get("/", {"next": target})
    kept = next_path(request, "/beranda/")
    parts = urlsplit(kept.replace("\\", "/"))
    assert kept.startswith("/") and not kept.startswith("//")
    assert not parts.scheme and not parts.netloc
